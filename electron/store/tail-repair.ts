import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../../shared/store-error.js';
import { syncDirectory, writeFileAtomic } from './atomic-file.js';
import { ensureDirectory } from './folder-entry.js';
import { describeProblem, type LogProblem } from './log-problem.js';
import type { LogState } from './log-state.js';

export interface RepairResult {
  readonly repaired: boolean;
  readonly segment?: string;
  /** Where the segment now ends. */
  readonly offset?: number;
  readonly bytesCut: number;
  /** Where the cut bytes were kept, for anyone who wants to look at what the interrupted append held. */
  readonly keptIn?: string;
  readonly message: string;
}

export const REPAIRS_DIR = 'repairs';

const O_NOFOLLOW: number = (fsConstants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0;

/** Why repair will not touch a folder: damage that only a person can judge (the first 50 problems). */
export function repairRefused(problems: readonly LogProblem[]): StoreError {
  return new StoreError(
    'Corrupt',
    `Refusing to repair: the log is damaged before its end, and cutting there would drop valid events. ` +
      `First problem: ${describeProblem(problems[0]!)}` +
      (problems.length > 1 ? ` (${problems.length - 1} more; run eventfold verify for all)` : ''),
    { problems: problems.slice(0, 50) },
  );
}

/**
 * Truncates the log after its last complete append. Only a tail is ever cut: events that were
 * acknowledged are all before it. Damage anywhere else is refused, with the report, for a person to judge.
 */
export async function cutTornTail(state: LogState): Promise<RepairResult> {
  const corruption = state.corruption;
  if (corruption.length > 0) throw repairRefused(corruption);
  const tail = state.tail;
  if (tail === undefined) {
    return {
      repaired: false,
      bytesCut: 0,
      message: 'Nothing to repair: the log ends with a complete append',
    };
  }
  const file = state.layout.segment(tail.segment);
  const cut = state.files.readSync(tail.segment, tail.offset, tail.bytes);
  const keptIn = path.join(state.layout.root, REPAIRS_DIR, `${tail.segment}.at-${tail.offset}.torn`);
  // Never through a link: repairs/ linked elsewhere would make Eventfold write outside the folder.
  ensureDirectory(state.layout.root, REPAIRS_DIR, 'the repairs directory');
  // The copy is durable before the original goes.
  await writeFileAtomic(keptIn, cut);
  const handle = await fs.open(file, fsConstants.O_RDWR | O_NOFOLLOW);
  try {
    await handle.truncate(tail.offset);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDirectory(path.dirname(file));
  state.tail = undefined;
  return {
    repaired: true,
    segment: tail.segment,
    offset: tail.offset,
    bytesCut: tail.bytes,
    keptIn,
    message: `Cut ${tail.bytes} bytes of an interrupted append from log/${tail.segment} at byte ${tail.offset}; they are kept in ${path.relative(state.layout.root, keptIn)}`,
  };
}
