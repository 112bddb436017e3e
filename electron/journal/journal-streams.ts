import type { AppendResult, EventToAppend, ExpectedRevision, RecordedEvent } from '../../shared/event.js';

/**
 * What the journal's command side needs of an event store: read one stream forwards in pages, and append
 * to one stream with an expected revision. The store's EventStore has both; an in-memory store with the
 * same two methods runs the same command handler in tests.
 */
export interface JournalStreams {
  readStream(
    stream: string,
    options?: { readonly fromRevision?: number; readonly limit?: number },
  ): Promise<{ readonly events: readonly RecordedEvent[]; readonly next: number | null }>;
  appendToStream(
    stream: string,
    events: readonly EventToAppend[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
}
