/**
 * Positions a projection passed over because the log has no event there (a damaged line, which `read`
 * skips too): how many, and the first of them.
 */
export interface Holes {
  readonly count: number;
  /** The first holes by position, at most HOLES_KEPT. */
  readonly positions: readonly number[];
}

/** Enough to find them in the log; the count says how many more there are. */
export const HOLES_KEPT = 20;

export const NO_HOLES: Holes = { count: 0, positions: [] };

/** Holes found further on, added to those known. */
export function addHoles(known: Holes, found: Holes): Holes {
  const positions = [...known.positions, ...found.positions].sort((a, b) => a - b);
  return { count: known.count + found.count, positions: [...new Set(positions)].slice(0, HOLES_KEPT) };
}
