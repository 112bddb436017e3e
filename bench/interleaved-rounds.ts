import type { Measured } from './bench-row.js';

/**
 * One side of an append comparison, run in rounds. `start` and `finish` (open, warm up, close) are not
 * timed; each round is.
 */
export interface RoundSession {
  readonly name: string;
  readonly eventsPerRound: number;
  start(): Promise<void> | void;
  round(index: number): Promise<void> | void;
  finish(): Promise<void> | void;
}

/**
 * Runs the sessions' rounds in turn (round 0 of each, then round 1 of each …) and returns each one's
 * events per second over all its rounds. The disk of a shared machine changes speed from one second to
 * the next; interleaving makes those swings hit every side alike. A session that throws stops; the
 * others go on.
 */
export async function interleavedRates(
  rounds: number,
  sessions: readonly RoundSession[],
  progress: (text: string) => void,
): Promise<Measured[]> {
  const spent = sessions.map(() => 0);
  const errors: (string | undefined)[] = sessions.map(() => undefined);
  const guard = async (i: number, step: () => Promise<void> | void): Promise<void> => {
    if (errors[i] !== undefined) return;
    try {
      await step();
    } catch (error) {
      errors[i] = error instanceof Error ? error.message : String(error);
    }
  };
  for (const [i, session] of sessions.entries()) await guard(i, () => session.start());
  for (let r = 0; r < rounds; r++) {
    progress(`round ${r + 1}/${rounds}: ${sessions.map((session) => session.name).join(', ')}`);
    for (const [i, session] of sessions.entries()) {
      await guard(i, async () => {
        const start = performance.now();
        await session.round(r);
        spent[i] = (spent[i] ?? 0) + performance.now() - start;
      });
    }
  }
  for (const session of sessions) {
    try {
      await session.finish();
    } catch {
      // Closing is not measured; a failure to close does not change what was measured.
    }
  }
  return sessions.map((session, i): Measured => {
    const error = errors[i];
    if (error !== undefined) return { ok: false, error };
    return { ok: true, value: (rounds * session.eventsPerRound) / ((spent[i] ?? 0) / 1000) };
  });
}
