/**
 * Snapshots: one every SNAPSHOT_EVERY positions of the log, at most MAX_SNAPSHOTS kept. When one more would
 * pass the maximum, the spacing doubles and the snapshots off the new spacing go, so any position is at most
 * one spacing (10,000 events up to 1.28 million events, then 20,000 …) from a snapshot at or before it, and
 * time travel replays at most that many events.
 */
export const SNAPSHOT_EVERY = 10_000;
export const MAX_SNAPSHOTS = 128;

export function nextSnapshotAt(position: number, every: number): number {
  return (Math.floor(position / every) + 1) * every;
}

/** The spacing and the snapshots to remove after adding one at the end of `kept`. */
export function thinSnapshots(
  kept: readonly number[],
  every: number,
  max = MAX_SNAPSHOTS,
): { every: number; remove: number[] } {
  let spacing = every;
  let remaining = [...kept];
  while (remaining.length > max) {
    spacing *= 2;
    remaining = remaining.filter((position) => position % spacing === 0);
  }
  return { every: spacing, remove: kept.filter((position) => !remaining.includes(position)) };
}
