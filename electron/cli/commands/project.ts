import fs from 'node:fs';
import path from 'node:path';
import {
  BUILTIN_PROJECTIONS,
  builtinCodeNamed,
  ProjectionError,
  ProjectionFault,
  ProjectionRunner,
  SandboxPool,
  nodeSpawner,
  userCode,
  type ProjectionCode,
} from '../../projections/index.js';
import type { EventStore } from '../../store/index.js';
import type { ParsedArgs } from '../args.js';
import { JSON_OPTION, type Command } from '../command.js';
import { CliFailure } from '../failure.js';
import { withStore } from '../open-store.js';
import { printJson, printLine } from '../output.js';
import { jsonForTerminal } from '../terminal-text.js';
import { Progress } from '../progress.js';

export const PROJECTION_HELP =
  'NAME is a built-in projection (' +
  BUILTIN_PROJECTIONS.map((builtin) => builtin.name).join(', ') +
  ") or the folder's\nprojections/NAME.js; a FILE (a path ending in .js) is any projection file. Naming a projection\n" +
  'here is your consent to run its code, even in a folder the app does not trust; it runs sandboxed all\n' +
  "the same. Checkpoints and snapshots go to the folder's cache/, so the next run starts from there.\n" +
  'A projection that faults exits 1, naming the event position and the error.';

export const projectCommand: Command = {
  name: 'project',
  summary: "Print a projection's state, at the end of the log or at any position",
  usage: ['DIR NAME_OR_FILE [--at POSITION] [--json]'],
  description:
    "Folds the folder's events through a projection and prints its state as JSON: at the end of the\n" +
    'log, or with --at as it was right after the event at POSITION (0 = the initial state).\n' +
    PROJECTION_HELP,
  arguments: { required: ['DIR', 'NAME_OR_FILE'] },
  options: {
    at: { type: 'string', value: 'POSITION', description: 'The state after this event (default: the last)' },
    json: { ...JSON_OPTION, description: 'Print the state as one line of JSON (default: indented)' },
  },
  examples: [
    'eventfold project ./journal stream-statistics',
    'eventfold project ./journal totals --at 1200 --json',
    'eventfold project ./journal ./drafts/totals.js',
  ],
  async run(args) {
    const [dir, target] = args.positionals as [string, string];
    const state = await withProjection(dir, target, async (runner, store) => {
      const at = positionOption(args, 'at', store) ?? store.lastPosition;
      return runner.stateAt(at);
    });
    if (args.flag('json')) await printJson(state);
    else await printLine(jsonForTerminal(state, 2));
    return 0;
  },
};

/** A position option, checked against the log: a wrong one names the option and the log's range. */
export function positionOption(args: ParsedArgs, name: string, store: EventStore): number | undefined {
  const position = args.integer(name, 0);
  if (position !== undefined && position > store.lastPosition) {
    throw new CliFailure(
      `--${name} ${position} is past the end of the log (its last position is ${store.lastPosition})`,
    );
  }
  return position;
}

/**
 * Opens the folder and the projection, catches it up (with progress on a terminal), runs `use`, and closes
 * both. Faults and bad requests become one-line failures (exit 1).
 */
export async function withProjection<T>(
  dir: string,
  target: string,
  use: (runner: ProjectionRunner, store: EventStore) => Promise<T>,
): Promise<T> {
  return withStore(dir, {}, async (store) => {
    const code = await resolveProjection(store, target);
    const progress = new Progress(`projecting ${code.name}`);
    const runner = await ProjectionRunner.start(store, code, {
      follow: false,
      // One projection, then the command ends: a warm spare process would be started for nothing.
      sandbox: new SandboxPool(nodeSpawner, { spare: false }),
      onProgress: (position) => progress.count(position, store.lastPosition, 'events'),
    });
    try {
      await runner.caughtUp();
      progress.clear();
      return await use(runner, store);
    } catch (error) {
      if (error instanceof ProjectionFault || error instanceof ProjectionError)
        throw new CliFailure(error.message);
      throw error;
    } finally {
      progress.clear();
      await runner.close();
    }
  });
}

async function resolveProjection(store: EventStore, target: string): Promise<ProjectionCode> {
  if (target.endsWith('.js') || target.includes('/') || target.includes(path.sep)) {
    if (!fs.existsSync(target)) throw new CliFailure(`${target}: there is no such projection file`);
    return userCode(target, store.folder);
  }
  const builtin = builtinCodeNamed(target);
  if (builtin !== undefined) return builtin;
  const file = path.join(store.folder, 'projections', `${target}.js`);
  if (fs.existsSync(file)) return userCode(file, store.folder);
  const known = [
    ...BUILTIN_PROJECTIONS.map((projection) => projection.name),
    ...folderProjections(store.folder),
  ];
  throw new CliFailure(`there is no projection named ${target} (there are: ${known.join(', ')})`);
}

function folderProjections(folder: string): string[] {
  try {
    return fs
      .readdirSync(path.join(folder, 'projections'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => name.slice(0, -3));
  } catch {
    return [];
  }
}
