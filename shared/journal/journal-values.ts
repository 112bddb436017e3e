import { MAX_ID_LENGTH } from './limits.js';

/**
 * An id of a channel, a message, an edit or an import, made by whoever issues the command (a UUID from
 * the app, an id derived from the source for imports). It becomes part of a stream name
 * (`message-<id>`), so it is kept to characters that need no quoting in a shell or a jq filter.
 */
export type JournalId = string;

/** ISO-8601 UTC with milliseconds, as `Date.prototype.toISOString` writes it: `2026-03-01T08:15:00.000Z`. */
export type JournalTime = string;

const ID = new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]{0,${MAX_ID_LENGTH - 1}}$`);
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isJournalId(value: unknown): value is JournalId {
  return typeof value === 'string' && ID.test(value);
}

/** True for a real instant written exactly as toISOString writes it (so times sort as strings). */
export function isJournalTime(value: unknown): value is JournalTime {
  if (typeof value !== 'string' || !TIME.test(value)) return false;
  const parsed = new Date(value);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === value;
}

/** A calendar day `YYYY-MM-DD` that exists (no 2026-02-30). */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

export const JOURNAL_ID_RULE = `1 to ${MAX_ID_LENGTH} characters of A-Z, a-z, 0-9, "_" and "-", starting with a letter or digit`;
export const JOURNAL_TIME_RULE = 'an ISO-8601 UTC time with milliseconds, like 2026-03-01T08:15:00.000Z';
