import type { JsonValue } from '../../../shared/event.js';
import { diffJson, formatPath, type JsonChange } from '../../../shared/json-diff/index.js';
import { UsageError } from '../args.js';
import { JSON_OPTION, type Command } from '../command.js';
import { printJson, printLine } from '../output.js';
import { forTerminal, jsonForTerminal } from '../terminal-text.js';
import { PROJECTION_HELP, positionOption, withProjection } from './project.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: "Print what changed in a projection's state between two positions",
  usage: ['DIR NAME_OR_FILE --from A --to B [--json]'],
  description:
    "Computes the projection's state after the event at A and after the event at B and prints the\n" +
    'structural difference: one line per path added (+), removed (-) or changed (~), or with --json a\n' +
    'list of {"path": [keys and indexes], "op": "add"|"remove"|"change", "before"?, "after"?}.\n' +
    PROJECTION_HELP,
  arguments: { required: ['DIR', 'NAME_OR_FILE'] },
  options: {
    from: { type: 'string', value: 'A', description: 'The earlier position (0 = the initial state)' },
    to: { type: 'string', value: 'B', description: 'The later position' },
    json: { ...JSON_OPTION, description: 'Print the changes as one JSON list' },
  },
  examples: ['eventfold diff ./journal stream-documents --from 100 --to 250'],
  async run(args) {
    const [dir, target] = args.positionals as [string, string];
    if (!args.has('from') || !args.has('to')) throw new UsageError('give both --from A and --to B');
    const changes = await withProjection(dir, target, async (runner, store) => {
      const from = positionOption(args, 'from', store)!;
      const to = positionOption(args, 'to', store)!;
      const before = (await runner.stateAt(from)) as JsonValue;
      const after = (await runner.stateAt(to)) as JsonValue;
      return diffJson(before, after);
    });
    if (args.flag('json')) await printJson(changes);
    else if (changes.length === 0) await printLine('(the states are equal)');
    else for (const change of changes) await printLine(describe(change));
    return 0;
  },
};

/** One change for people; keys and values come from the folder's events, so they are escaped. */
function describe(change: JsonChange): string {
  const where = forTerminal(formatPath(change.path));
  switch (change.op) {
    case 'add':
      return `+ ${where}: ${jsonForTerminal(change.after)}`;
    case 'remove':
      return `- ${where}: ${jsonForTerminal(change.before)}`;
    case 'change':
      return `~ ${where}: ${jsonForTerminal(change.before)} -> ${jsonForTerminal(change.after)}`;
  }
}
