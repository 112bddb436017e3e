/**
 * Some exports write times as a clock on the wall showed them, without a zone (jrnl's `2019-06-14` and
 * `18:22`; old Telegram exports' `date`): they are read in a time zone, the importing computer's unless
 * one is named, and turned into an instant.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  return format;
}

/** True for a time zone this runtime knows (`Europe/Oslo`, `UTC`). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone of the computer the import runs on. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** How far the zone's clocks are ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const parts = formatFor(zone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((found) => found.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
}

/**
 * The instant a wall clock in `zone` showed this time. A time in the hour around a change of the clocks
 * (skipped or shown twice) is read with one of the two offsets; no export says which one it meant.
 */
export function instantOf(wall: WallTime, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // The offsets in force a day either side: no zone changes its clocks twice within two days, so the
  // instant is the wall time read with one of them. An offset read at the wall time taken as UTC is not
  // enough: in a zone far from UTC that instant can lie on the other side of a change.
  const DAY = 86_400_000;
  const offsets = [...new Set([offsetAt(asUtc - DAY, zone), offsetAt(asUtc + DAY, zone)])];
  const fitting = offsets
    .map((offset) => asUtc - offset)
    .filter((instant, i) => offsetAt(instant, zone) === offsets[i]);
  // Shown twice (clocks turned back): the first time. Skipped (clocks turned forward): the offset before.
  return fitting.length > 0 ? Math.min(...fitting) : asUtc - offsets[0]!;
}
