import { SchemaError, type Schema } from '../schema.js';
import { attachmentProblem, type AttachmentRef } from './attachment.js';
import {
  isCalendarDay,
  isJournalId,
  isJournalTime,
  JOURNAL_ID_RULE,
  JOURNAL_TIME_RULE,
  type JournalId,
  type JournalTime,
} from './journal-values.js';
import { integer, object, optional, string } from '../schema.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_LENGTH } from './limits.js';

function checked<T>(description: string, test: (value: unknown) => value is T): Schema<T> {
  return {
    description,
    parse(value, path = []) {
      if (!test(value)) throw new SchemaError(path, description);
      return value;
    },
  };
}

/** A channel, message, edit or import id. */
export const journalId: Schema<JournalId> = checked(JOURNAL_ID_RULE, isJournalId);

/** An instant, as toISOString writes it. */
export const journalTime: Schema<JournalTime> = checked(JOURNAL_TIME_RULE, isJournalTime);

/** A calendar day, `YYYY-MM-DD`. */
export const calendarDay: Schema<string> = checked('a day written YYYY-MM-DD', isCalendarDay);

/**
 * An IANA time zone name (`Europe/Berlin`, `UTC`): days (calendar, statistics, on this day) are the user's
 * local days. Checked for its shape here; the Node side refuses a zone it does not know.
 */
export const timeZone: Schema<string> = checked(
  'an IANA time zone name like Europe/Berlin or UTC',
  (value): value is string => typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/.test(value),
);

/**
 * An attachment reference's fields and their types, without the rules of attachmentProblem: commands use
 * it so that the decider refuses a bad attachment with its own code (InvalidAttachment) and message.
 */
export const attachmentFields: Schema<AttachmentRef> = object({
  sha256: string({ minLength: 64, maxLength: 64 }),
  size: integer({ min: 0, max: MAX_ATTACHMENT_BYTES }),
  mediaType: string({ minLength: 3, maxLength: 255 }),
  name: string({ minLength: 1, maxLength: MAX_ATTACHMENT_NAME_LENGTH }),
  width: optional(integer({ min: 1, max: 1_000_000 })),
  height: optional(integer({ min: 1, max: 1_000_000 })),
});

/** An attachment reference, with every rule of attachmentProblem. */
export const attachmentRef: Schema<AttachmentRef> = {
  description: attachmentFields.description,
  parse(value, path = []) {
    const parsed = attachmentFields.parse(value, path);
    const problem = attachmentProblem(parsed);
    if (problem !== undefined) throw new SchemaError(path, `an attachment whose ${problem}`);
    return parsed;
  },
};
