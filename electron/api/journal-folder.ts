import { CHANNELS_STREAM } from '../../shared/journal/index.js';
import type { EventStore } from '../store/index.js';

/**
 * Whether a folder is a journal: it has a channel directory (the default journal gets its first channel
 * when it is made, so it is one from the start). Read from the index alone: no event is read.
 */
export function isJournalFolder(store: Pick<EventStore, 'streamPositionAt'>): boolean {
  return store.streamPositionAt(CHANNELS_STREAM, 0) !== undefined;
}
