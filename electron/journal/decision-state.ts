import type { StreamRevision } from '../../shared/event.js';
import {
  evolve,
  initialState,
  readJournalEvent,
  type CommandRoute,
  type JournalState,
} from '../../shared/journal/index.js';
import type { JournalStreams } from './journal-streams.js';

/** A page of a stream: the store's own largest (MAX_PAGE), so a message stream is one read. */
const PAGE = 10_000;

/** The state a command is decided on, and the revision of the stream its events go to. */
export interface LoadedState {
  readonly state: JournalState;
  /** The target stream's last revision, or 'no-stream': the append's expected revision. */
  readonly revision: StreamRevision | 'no-stream';
}

/**
 * Reads and folds the streams of a route. Events of other programs and journal events that cannot be
 * read are skipped here exactly as the read models skip them (see readJournalEvent), but they still count
 * for the stream's revision: the append must expect the stream as it is.
 */
export async function loadDecisionState(streams: JournalStreams, route: CommandRoute): Promise<LoadedState> {
  let state = initialState();
  let revision: StreamRevision | 'no-stream' = 'no-stream';
  for (const stream of route.reads) {
    let from: number | null = 0;
    while (from !== null) {
      const page = await streams.readStream(stream, { fromRevision: from, limit: PAGE });
      for (const recorded of page.events) {
        if (stream === route.stream) revision = recorded.revision;
        const reading = readJournalEvent(recorded.type, recorded.data);
        if (reading.kind === 'journal') state = evolve(state, reading.event);
      }
      from = page.next;
    }
  }
  return { state, revision };
}
