import { CHANNELS_STREAM } from '../../shared/journal/index.js';
import type { EventStore } from '../store/index.js';

/**
 * Whether a folder is a journal: it has a channel directory (the default journal gets its first channel
 * when it is made, so it is one from the start). Read from the index alone, without laying out its
 * streams: this is asked on every open, before the journal's first page.
 */
export function isJournalFolder(store: Pick<EventStore, 'hasStream'>): boolean {
  return store.hasStream(CHANNELS_STREAM);
}
