import type { Command } from './command.js';
import { appendCommand } from './commands/append.js';
import { diffCommand } from './commands/diff.js';
import { exportCommand } from './commands/export.js';
import { initCommand } from './commands/init.js';
import { journalCommand } from './commands/journal/journal.js';
import { projectCommand } from './commands/project.js';
import { readCommand } from './commands/read.js';
import { reportCommand } from './commands/report.js';
import { repairCommand } from './commands/repair.js';
import { serveCommand } from './commands/serve.js';
import { statsCommand } from './commands/stats.js';
import { streamsCommand } from './commands/streams.js';
import { verifyCommand } from './commands/verify.js';
import { verifyReportCommand } from './commands/verify-report.js';

/** In the order `eventfold --help` lists them: the order a newcomer uses them. */
export const COMMANDS: readonly Command[] = [
  initCommand,
  appendCommand,
  readCommand,
  streamsCommand,
  statsCommand,
  projectCommand,
  diffCommand,
  exportCommand,
  reportCommand,
  verifyCommand,
  verifyReportCommand,
  repairCommand,
  serveCommand,
  journalCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/** The command a typo most likely meant, if one is close enough to be worth suggesting. */
export function closestCommand(name: string, among: readonly Command[] = COMMANDS): string | undefined {
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
