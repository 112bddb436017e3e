import fs from 'node:fs';
import type { RoundSession } from '../interleaved-rounds.js';

/**
 * The disk's own durable append rate: each unit (one line, or a batch of lines joined) written and synced
 * on its own. It uses the synchronous fs.writeSync + fs.fdatasyncSync, the fastest raw form in Node (no
 * thread-pool round trip), so the store is measured against the best a plain program could do.
 */
export function rawSyncedWrites(
  name: string,
  file: string,
  units: readonly Buffer[],
  plan: { readonly warmup: number; readonly perRound: number; readonly eventsPerUnit: number },
): RoundSession {
  let fd: number | undefined;
  const writeUnits = (from: number, count: number): void => {
    for (let u = from; u < from + count; u++) writeAndSync(fd ?? -1, units[u % units.length]!);
  };
  return {
    name,
    eventsPerRound: plan.perRound * plan.eventsPerUnit,
    start: () => {
      fd = fs.openSync(file, 'a');
      writeUnits(0, plan.warmup);
    },
    round: (r) => writeUnits(plan.warmup + r * plan.perRound, plan.perRound),
    finish: () => {
      if (fd !== undefined) fs.closeSync(fd);
    },
  };
}

function writeAndSync(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
  fs.fdatasyncSync(fd);
}
