import { JournalSession } from '../../renderer/src/lib/journal/journal-session.svelte.js';
import { at, MemoryJournal } from './memory-journal.js';

/** A session on an in-memory journal, with a clock the test moves and ids it can predict. */
export function journalFixture(options: { timeZone?: string; now?: string } = {}) {
  const api = new MemoryJournal();
  let clock = Date.parse(options.now ?? '2026-03-02T12:00:00.000Z');
  let ids = 0;
  const session = new JournalSession(api, {
    timeZone: options.timeZone ?? 'Europe/Oslo',
    now: () => new Date(clock),
    newId: () => `id-${++ids}`,
  });
  return {
    api,
    session,
    tick(ms = 1000) {
      clock += ms;
    },
    /** A channel made by "another window". */
    channel(channel: string, name: string) {
      api.command({ type: 'CreateChannel', channel, name, at: at(0) });
      return channel;
    },
    /** `count` messages posted one a minute from 08:00 UTC on `day` (another writer). */
    posts(channel: string, count: number, options: { day?: string; prefix?: string; from?: number } = {}) {
      const made: string[] = [];
      for (let i = 0; i < count; i++) {
        const message = `${options.prefix ?? 'm'}${(options.from ?? 0) + i}`;
        api.command({
          type: 'PostMessage',
          message,
          channel,
          text: `Message ${(options.from ?? 0) + i}`,
          at: at(i, options.day),
        });
        made.push(message);
      }
      return made;
    },
  };
}

/** Lets pending promise callbacks (answers, pushes) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
