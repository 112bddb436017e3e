import { SchemaError } from '../../../shared/schema.js';

/** A moment seen in a time zone: its local day, weekday (0 = Monday) and hour. */
export interface LocalMoment {
  readonly day: string;
  readonly weekday: number;
  readonly hour: number;
}

const HOUR = 3_600_000;

/**
 * Days in a time zone (the calendar, statistics and "on this day" are the user's local days). Asking Intl
 * for every message would cost microseconds each; offsets change at most a few times a year, so they are
 * cached by the hour.
 */
export class TimeZoneDays {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      // The schema checked the name's shape; whether the zone exists, only Intl knows.
      throw new SchemaError(
        ['timeZone'],
        `a time zone this computer knows (not "${timeZone}"), like Europe/Berlin or UTC`,
      );
    }
  }

  /** The local time of `ms` as if it were UTC (so getUTC* read the local fields). */
  private local(ms: number): Date {
    const hour = Math.floor(ms / HOUR);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = this.offsetAt(hour * HOUR);
      this.offsets.set(hour, offset);
    }
    return new Date(ms + offset);
  }

  private offsetAt(ms: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(ms))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day,
      parts.hour! % 24,
      parts.minute,
      parts.second,
    );
    return asUtc - ms;
  }

  dayOf(ms: number): string {
    return this.local(ms).toISOString().slice(0, 10);
  }

  momentOf(ms: number): LocalMoment {
    const local = this.local(ms);
    return {
      day: local.toISOString().slice(0, 10),
      weekday: (local.getUTCDay() + 6) % 7,
      hour: local.getUTCHours(),
    };
  }

  /** The first moment (ms) of a local day `YYYY-MM-DD`. */
  startOf(day: string): number {
    const midnightUtc = Date.parse(`${day}T00:00:00.000Z`);
    // The offset at the guess, then once more at the corrected time (a day that starts on a DST change).
    let guess = midnightUtc - this.offsetAt(midnightUtc);
    guess = midnightUtc - this.offsetAt(guess);
    return guess;
  }

  /** The first moment after a local day. */
  endOf(day: string): number {
    return this.startOf(nextDay(day));
  }
}

/** The calendar day after `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}
