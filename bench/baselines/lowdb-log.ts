import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { RoundSession } from '../interleaved-rounds.js';

interface LogDocument {
  events: unknown[];
}

/**
 * lowdb used as an event log, the approach this store replaces: push the event, then write, which
 * serialises and rewrites the whole file (temp file + rename, no fsync) on every append.
 */
export function lowdbAppends(
  dir: string,
  events: readonly unknown[],
  plan: { readonly warmup: number; readonly perRound: number },
): RoundSession {
  const db = new Low<LogDocument>(new JSONFile(path.join(dir, 'events.json')), { events: [] });
  const append = async (from: number, count: number): Promise<void> => {
    for (let n = from; n < from + count; n++) {
      db.data.events.push(events[n % events.length]);
      await db.write();
    }
  };
  return {
    name: 'lowdb',
    eventsPerRound: plan.perRound,
    start: async () => {
      await db.read();
      await append(0, plan.warmup);
    },
    round: (r) => append(plan.warmup + r * plan.perRound, plan.perRound),
    finish: () => undefined,
  };
}
