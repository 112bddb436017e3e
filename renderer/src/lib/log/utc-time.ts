/**
 * Times as the app shows and takes them: ISO-8601 in UTC, like the stored events, whatever the browser's
 * locale. A person may type less than a full instant: a day (`2026-11-26`), a minute (`2026-11-26 09:30`),
 * with `T` or a space, seconds and milliseconds optional, a trailing `Z` optional.
 */

const UTC_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(?:Z|UTC|\+00:?00)?$/i;

export type ParsedTime =
  { readonly ok: true; readonly iso: string } | { readonly ok: false; readonly error: string };

/**
 * The instant a typed time means. As the start of a range it is the first moment written; as its end
 * (`end`), the last one: `09:30` ends at 09:30:59.999, a day at 23:59:59.999, so "to 09:30" includes 09:30.
 */
export function parseUtcTime(text: string, end = false): ParsedTime {
  const typed = text.trim();
  const match = UTC_TIME.exec(typed);
  if (match === null) {
    return {
      ok: false,
      error: `"${typed}" is not a UTC time: write 2026-11-26, 2026-11-26 09:30 or 2026-11-26T09:30:15Z.`,
    };
  }
  const [, year, month, day, hour, minute, second, millis] = match;
  const parts = [year, month, day, hour ?? '00', minute ?? '00', second ?? '00'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = millis === undefined ? 0 : Number(millis.padEnd(3, '0'));
  const time = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5], ms);
  const date = new Date(time);
  // Date.UTC rolls 2026-02-30 over into March: a date that does not exist is a typo.
  if (
    date.getUTCFullYear() !== parts[0] ||
    date.getUTCMonth() !== parts[1] - 1 ||
    date.getUTCDate() !== parts[2] ||
    parts[3] > 23 ||
    parts[4] > 59 ||
    parts[5] > 59
  ) {
    return { ok: false, error: `"${typed}" is no date and time that exists.` };
  }
  let extra = 0;
  if (end) {
    if (hour === undefined) extra = 86_400_000 - 1;
    else if (second === undefined) extra = 59_999;
    else if (millis === undefined) extra = 999;
  }
  return { ok: true, iso: new Date(time + extra).toISOString() };
}

/** How a time is typed into a field: `2026-11-26 09:30` (seconds only when they are not zero). */
export function typedTime(date: Date): string {
  const iso = date.toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`}`;
}

/** The quick ranges a time filter offers, as from/to texts at `now`. */
export function timePresets(
  now: Date,
): readonly { readonly label: string; readonly from: string; readonly to: string }[] {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const today = now.toISOString().slice(0, 10);
  return [
    { label: 'Last hour', from: typedTime(floorMinute(hourAgo)), to: '' },
    { label: 'Last 24 hours', from: typedTime(floorMinute(dayAgo)), to: '' },
    { label: 'Today (UTC)', from: today, to: '' },
    { label: 'Last 7 days', from: weekAgo.toISOString().slice(0, 10), to: '' },
  ];
}

function floorMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}
