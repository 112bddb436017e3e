import type { Command } from './command.js';

/**
 * A command as `eventfold --help` lists it. Its module (and all it imports) is loaded only when the command
 * is run or its help shown: start-up then costs the modules one command needs, not the whole CLI's (some
 * 300 modules, a third of a second of CPU before the first line of an import is read).
 */
export interface ListedCommand {
  readonly name: string;
  /** The command's own `summary` (a test checks they agree). */
  readonly summary: string;
  load(): Promise<Command>;
}

/** In the order `eventfold --help` lists them: the order a newcomer uses them. */
export const COMMANDS: readonly ListedCommand[] = [
  {
    name: 'init',
    summary: 'Create a new, empty event folder',
    load: async () => (await import('./commands/init.js')).initCommand,
  },
  {
    name: 'append',
    summary: 'Append an event, or JSON lines of events from stdin',
    load: async () => (await import('./commands/append.js')).appendCommand,
  },
  {
    name: 'read',
    summary: 'Print events: all, of a stream or a category, by type; or follow new ones',
    load: async () => (await import('./commands/read.js')).readCommand,
  },
  {
    name: 'streams',
    summary: 'List the streams with their event counts and last event',
    load: async () => (await import('./commands/streams.js')).streamsCommand,
  },
  {
    name: 'stats',
    summary: 'Count events, streams, bytes and event types',
    load: async () => (await import('./commands/stats.js')).statsCommand,
  },
  {
    name: 'project',
    summary: "Print a projection's state, at the end of the log or at any position",
    load: async () => (await import('./commands/project.js')).projectCommand,
  },
  {
    name: 'diff',
    summary: "Print what changed in a projection's state between two positions",
    load: async () => (await import('./commands/diff.js')).diffCommand,
  },
  {
    name: 'export',
    summary: "Export the events a filter picks, or a projection's state, stamped so it can be verified",
    load: async () => (await import('./commands/export.js')).exportCommand,
  },
  {
    name: 'report',
    summary: 'Make a folder or projection report as HTML, PDF or Markdown, stamped so it can be verified',
    load: async () => (await import('./commands/report.js')).reportCommand,
  },
  {
    name: 'verify',
    summary: 'Check every line, checksum, position and seal of a folder, and its attachments',
    load: async () => (await import('./commands/verify.js')).verifyCommand,
  },
  {
    name: 'verify-report',
    summary: 'Check that a folder still holds exactly the events an export or report was made from',
    load: async () => (await import('./commands/verify-report.js')).verifyReportCommand,
  },
  {
    name: 'repair',
    summary: 'Cut a torn tail, or set aside journaled appends that cannot be written back',
    load: async () => (await import('./commands/repair.js')).repairCommand,
  },
  {
    name: 'serve',
    summary: 'Open a folder in the browser (serves the app on 127.0.0.1)',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  {
    name: 'journal',
    summary:
      'Write, read, search and import the chat journal: post, edit, delete, restore, list, channels, search, import',
    load: async () => (await import('./commands/journal/journal.js')).journalCommand,
  },
];

/** The command of this name, loaded; undefined when there is none. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  return COMMANDS.find((command) => command.name === name)?.load();
}

/** The command a typo most likely meant, if one is close enough to be worth suggesting. */
export function closestCommand(
  name: string,
  among: readonly { readonly name: string }[] = COMMANDS,
): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const command of among) {
    const distance = editDistance(name.toLowerCase(), command.name);
    if (distance <= 2 && (best === undefined || distance < best.distance))
      best = { name: command.name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
