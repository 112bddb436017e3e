/**
 * Snapshots: at most MAX_SNAPSHOTS kept, evenly spaced over the log. A rebuild starts with the finest spacing
 * (SNAPSHOT_EVERY times a power of two) that the log as it stands fits into; when one more would pass the
 * maximum, the spacing doubles and the snapshots off the new spacing go. So any position is at most one
 * spacing from a snapshot at or before it (5,000 events for a log up to 640,000 events, 10,000 for a
 * million), and time travel replays at most that many events: a few percent of a full rebuild at most. Finer
 * spacing would cut a rebuild into more pieces (each a round trip to the worker and a file write) for little.
 */
export const SNAPSHOT_EVERY = 5_000;
export const MAX_SNAPSHOTS = 128;

/** The spacing a rebuild of a log of `events` events starts with. */
export function spacingFor(events: number, max = MAX_SNAPSHOTS): number {
  let every = SNAPSHOT_EVERY;
  while (events / every > max) every *= 2;
  return every;
}

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
