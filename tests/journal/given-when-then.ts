import { expect } from 'vitest';
import {
  decide,
  foldJournal,
  journalEventSchema,
  JournalError,
  routeOf,
  streamOfEvent,
  type JournalCommand,
  type JournalEvent,
  type JournalRefusalCode,
} from '../../shared/journal/index.js';

/**
 * Given these events happened, when this command is decided, then these events (or this refusal). Every
 * accepted event is also checked against its stored schema and its command's route, so a spec that passes
 * describes events a reader of the folder can read back, in the stream the command handler appends to.
 */
export function given(...history: JournalEvent[]) {
  const state = foldJournal(history);
  return {
    when(command: JournalCommand) {
      const run = (): JournalEvent[] => decide(command, state);
      return {
        then(...expected: JournalEvent[]): void {
          const events = run();
          expect(events).toStrictEqual(expected);
          for (const event of events) {
            expect(journalEventSchema.parse(JSON.parse(JSON.stringify(event)))).toStrictEqual(event);
            expect(streamOfEvent(event)).toBe(routeOf(command).stream);
          }
        },
        /** Accepted, and nothing to record. */
        thenNothing(): void {
          expect(run()).toStrictEqual([]);
        },
        thenRefuses(code: JournalRefusalCode, message?: string | RegExp): JournalError {
          let refusal: unknown;
          try {
            const events = run();
            refusal = new Error(`accepted with ${JSON.stringify(events)}`);
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(JournalError);
          const error = refusal as JournalError;
          expect(error.code, error.message).toBe(code);
          if (message !== undefined) expect(error.message).toMatch(message);
          return error;
        },
      };
    },
  };
}
