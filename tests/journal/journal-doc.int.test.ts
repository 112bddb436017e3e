import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachmentPath,
  foldJournal,
  type JournalEvent,
  type JournalState,
  type MessageState,
} from '../../shared/journal/index.js';
import { fencedBlocks } from '../format/format-doc-blocks.js';
import { ferryPicture, HARBOUR, JOURNAL, writeSampleJournal, type SampleJournal } from './sample-journal.js';

/**
 * The jq recipes of docs/JOURNAL.md, run for real on a journal the store wrote through the command
 * handler, must print what the journal's own fold (the decider's evolve) says. jq is required, not
 * optional: .ci/run installs it.
 */
const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/JOURNAL.md'), 'utf8');
let sample: SampleJournal;
let made: string;

function recipe(heading: string): string {
  const block = fencedBlocks(doc).find((b) => b.heading === heading && b.language === 'sh');
  if (block === undefined) throw new Error(`docs/JOURNAL.md has no sh block under "${heading}"`);
  return block.text;
}

function run(command: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const probe = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error('jq is not installed: apt-get install -y jq (.ci/run installs it)');
  return spawnSync('sh', ['-c', command], {
    cwd: sample.dir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

function printed(result: SpawnSyncReturns<string>): string[] {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.split('\n').filter((line) => line !== '');
}

function fold(events: readonly JournalEvent[]): JournalState {
  return foldJournal(events);
}

/** Messages shown (not deleted), oldest first by their time, as the journal's own fold has them. */
function shown(state: JournalState, channel?: string): MessageState[] {
  return Object.values(state.messages)
    .filter((message) => !message.deleted && (channel === undefined || message.channel === channel))
    .sort((a, b) => (a.postedAt < b.postedAt ? -1 : a.postedAt > b.postedAt ? 1 : 0));
}

function localParts(time: string, timeZone: string): { day: string; clock: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(time));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    day: `${part('year')}-${part('month')}-${part('day')}`,
    clock: `${part('hour')}:${part('minute')}`,
  };
}

beforeAll(async () => {
  made = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-journal-doc-'));
  sample = await writeSampleJournal(made);
  const segments = fs.readdirSync(path.join(made, 'log')).filter((name) => name.endsWith('.jsonl'));
  expect(segments.length, 'the journal spans several segments').toBeGreaterThanOrEqual(3);
});

afterAll(() => fs.rmSync(made, { recursive: true, force: true }));

describe('the jq recipes in docs/JOURNAL.md', () => {
  const current = (): JournalState => fold(sample.events.map(({ event }) => event));

  it('"All messages of a channel, as text" prints the channel\'s messages as the journal shows them', () => {
    const lines = printed(run(recipe('### All messages of a channel, as text')));
    const expected = shown(current(), JOURNAL).map((message) => `${message.postedAt}  ${message.text}`);
    expect(lines).toStrictEqual(expected);
    // What it must get right: the latest edit, a restored message back, a deleted one gone, the import first.
    expect(lines).toContain(
      '2026-03-01T08:01:14.031Z  Coffee by the harbour with #Ana. The ferry was 40 minutes late.',
    );
    expect(lines).toContain('2026-03-01T08:09:19.031Z  It was 40 minutes late.');
    expect(lines.join('\n')).not.toContain('wrong window');
    expect(lines[0]).toBe('2019-06-14T18:22:05.000Z  First day in the new flat.');
  });

  it('"Everything written on a day" prints that local day\'s messages in every channel, in UTC and in Tokyo', () => {
    const state = current();
    for (const timeZone of ['UTC', 'Asia/Tokyo']) {
      const lines = printed(run(recipe('### Everything written on a day'), { TZ: timeZone }));
      const expected = shown(state)
        .filter((message) => localParts(message.postedAt, timeZone).day === '2026-03-01')
        .map(
          (message) =>
            `${localParts(message.postedAt, timeZone).clock}  ${state.directory.channels[message.channel]!.name}  ${message.text}`,
        );
      expect(lines, timeZone).toStrictEqual(expected);
      expect(lines.length).toBeGreaterThanOrEqual(3);
    }
    // The late note is on 28 February in UTC and on 1 March in Tokyo: the zone matters.
    expect(printed(run(recipe('### Everything written on a day'), { TZ: 'UTC' })).join('\n')).not.toContain(
      'Late night',
    );
    expect(printed(run(recipe('### Everything written on a day'), { TZ: 'Asia/Tokyo' }))[0]).toBe(
      '08:30  Journal  Late night note',
    );
  });

  it('"A message\'s edit history" prints every version and the conflict, oldest first', () => {
    const lines = printed(run(recipe("### A message's edit history")));
    expect(recipe("### A message's edit history")).toContain(HARBOUR);
    expect(lines).toStrictEqual([
      '2026-03-01T08:01:14.031Z  v1  Coffee by the harbour with #Ana. The ferry was late again.',
      '2026-03-01T08:04:28.031Z  v2  Coffee by the harbour with #Ana. The ferry was late, again.',
      '2026-03-01T08:06:05.031Z  conflict with v2  Coffee by the harbour with #Ana and Ola.',
      '2026-03-01T10:00:00.000Z  v3  Coffee by the harbour with #Ana. The ferry was 40 minutes late.',
    ]);
    const harbour = current().messages[HARBOUR]!;
    expect(harbour.version).toBe(3);
    expect(harbour.conflicts.map((conflict) => conflict.text)).toStrictEqual([
      'Coffee by the harbour with #Ana and Ola.',
    ]);
  });

  it('"The journal as of a moment" prints the fold of the events up to that moment', () => {
    const asOf = '2026-03-01T09:00:00.000Z';
    expect(recipe('### The journal as of a moment')).toContain(asOf);
    const lines = printed(run(recipe('### The journal as of a moment')));
    const expected = shown(
      fold(sample.events.map(({ event }) => event).filter((event) => event.data.at <= asOf)),
    ).map((message) => `${message.postedAt}  ${message.text}`);
    expect(lines).toStrictEqual(expected);
    // Later edits undone, a message deleted later back, messages posted later absent.
    expect(lines).toContain(
      '2026-03-01T08:01:14.031Z  Coffee by the harbour with #Ana. The ferry was late, again.',
    );
    expect(lines).toContain('2026-03-01T08:02:51.031Z  View from the ferry #oslo');
    expect(lines.join('\n')).not.toContain('Evening');
  });

  it('"Check the attachments" passes on an intact folder and names a changed file', () => {
    const command = recipe('### Check the attachments');
    expect(printed(run(command))).toStrictEqual([]);
    const file = path.join(sample.dir, attachmentPath(ferryPicture.sha256));
    const original = fs.readFileSync(file);
    try {
      fs.writeFileSync(file, 'changed');
      const result = run(command);
      expect(result.status).not.toBe(0);
      expect(result.stdout).toContain(`${attachmentPath(ferryPicture.sha256)}: FAILED`);
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});
