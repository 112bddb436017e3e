/**
 * A child process that works on one journal folder the way a second window or the CLI would, racing
 * another such process: it waits for `--go FILE` to exist, then runs `--rounds` rounds, each with three
 * commands in flight at once: an edit of message m1 from the version it last read, a post of a new
 * message of its own, and a reaction to m1. One JSON line per outcome on stdout:
 *   {"ready": {pid}}
 *   {"outcome": {type, id, attempts, conflict, events}}   a command that was decided and appended (or not)
 *   {"refused": {type, id, code}}                         a command the journal refused
 *   {"done": {rounds}}
 *   {"error": {code, message}}                            anything else; exit code 2
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { JournalCommandHandler, loadDecisionState } from '../../electron/journal/index.js';
import { openEventStore } from '../../electron/store/index.js';
import { JournalError, routeOf, type JournalCommand } from '../../shared/journal/index.js';
import { exitWithError, writeLine } from './stdout-line.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string', default: 'w1' },
    rounds: { type: 'string', default: '20' },
    go: { type: 'string' },
  },
});

const folder = positionals[0];
const name = values.name;
const rounds = Number(values.rounds);
const emoji = ['👍', '🎉', '❤️', '🔥'];

async function waitFor(file: string): Promise<void> {
  while (!fs.existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 2));
}

async function main(): Promise<void> {
  if (folder === undefined) throw new Error('usage: journal-writer FOLDER --name N --rounds R --go FILE');
  const store = await openEventStore(folder);
  const handler = new JournalCommandHandler(store, { maxAttempts: 50, meta: { writer: name } });
  writeLine({ ready: { pid: process.pid } });
  if (values.go !== undefined) await waitFor(values.go);
  const run = async (command: JournalCommand, id: string): Promise<void> => {
    try {
      const outcome = await handler.handle(command);
      const { attempts, conflict, events } = outcome;
      writeLine({ outcome: { type: command.type, id, attempts, conflict, events: events.length } });
    } catch (error) {
      if (!(error instanceof JournalError)) throw error;
      writeLine({ refused: { type: command.type, id, code: error.code } });
    }
  };
  for (let round = 0; round < rounds; round++) {
    const at = new Date(Date.UTC(2026, 2, 1, 9, 0, round)).toISOString();
    const edit: JournalCommand = {
      type: 'EditMessage',
      message: 'm1',
      edit: `${name}-e${round}`,
      baseVersion: 1,
      text: '',
      at,
    };
    const { state } = await loadDecisionState(store, routeOf(edit));
    const version = state.messages.m1?.version ?? 1;
    await Promise.all([
      run({ ...edit, baseVersion: version, text: `${name} edit ${round} on version ${version}` }, edit.edit),
      run(
        {
          type: 'PostMessage',
          message: `${name}-m${round}`,
          channel: 'c1',
          text: `${name} post ${round}`,
          at,
        },
        `${name}-m${round}`,
      ),
      run(
        { type: 'AddReaction', message: 'm1', emoji: emoji[round % emoji.length]!, at },
        `${name}-r${round}`,
      ),
    ]);
  }
  await store.close();
  writeLine({ done: { rounds } });
}

main().catch(exitWithError);
