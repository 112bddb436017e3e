import { randomUUID } from 'node:crypto';
import { initEventFolder, openEventStore } from '../store/index.js';
import { JournalCommandHandler } from './command-handler.js';

/** The name of the channel a new journal starts with. */
export const FIRST_CHANNEL_NAME = 'Journal';

/**
 * Makes a new event folder a journal: an empty folder (as `eventfold init` makes it) with a first channel
 * to write in, so that the app shows it as a chat from the first start and a first message needs no setup.
 * The channel is an ordinary ChannelCreated event, made at `now`.
 */
export async function initJournalFolder(folder: string, now: Date = new Date()): Promise<void> {
  await initEventFolder(folder);
  const store = await openEventStore(folder, { watch: false });
  try {
    await new JournalCommandHandler(store).handle({
      type: 'CreateChannel',
      channel: randomUUID(),
      name: FIRST_CHANNEL_NAME,
      at: now.toISOString(),
    });
  } finally {
    await store.close();
  }
}
