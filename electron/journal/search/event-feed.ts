import type { RecordedEvent } from '../../../shared/event.js';
import type { EventStore } from '../../store/index.js';

/**
 * What the search index needs from the runtime that feeds read models (DESIGN.md: one runtime for
 * catch-up, live follow, checkpoints and status). Kept this small on purpose: when the read-model runtime
 * lands, it provides these four things and the index runs on it unchanged (see the report of the search
 * branch for the mapping).
 */
export interface EventFeed {
  /** The folder's manifest id: a checkpoint saved for another folder is never used. */
  readonly folderId: string;
  /** Where read models keep their files (the folder's cache/ directory). */
  readonly folder: string;
  /** The folder's last position now. */
  lastPosition(): number;
  /** The id of the event at a position, to check that a checkpoint still matches the log. */
  eventIdAt(position: number): Promise<string | undefined>;
  /**
   * Events of these types after `after`, in position order: what the log holds (catch-up), then what is
   * appended (live), by this process or another. `deliver` gets them in batches with the position they
   * cover (events of other types up to it were passed over) and is awaited before more come, so a slow
   * reader holds the feed back rather than piling events up in memory.
   */
  follow(
    after: number,
    types: readonly string[],
    deliver: (events: readonly RecordedEvent[], covered: number) => Promise<void>,
    failed: (error: unknown) => void,
  ): FeedSubscription;
}

export interface FeedSubscription {
  /** Resolves once everything in the log when it started has been delivered. */
  readonly caughtUp: Promise<void>;
  close(): void;
}

/** Events handed over at once: large enough to keep the worker busy, small enough to answer queries soon. */
const BATCH = 500;

/** The feed over the store's own subscription (catch-up, then live), until the read-model runtime exists. */
export function storeEventFeed(store: EventStore): EventFeed {
  return {
    folderId: store.manifest.id,
    folder: store.folder,
    lastPosition: () => store.lastPosition,
    eventIdAt: async (position) => (await store.readPositions([position]))[0]?.id,
    follow(after, types, deliver, failed) {
      let batch: RecordedEvent[] = [];
      let scheduled = false;
      let closed = false;
      let delivering: Promise<void> = Promise.resolve();
      // Never backwards: a flush scheduled before a full batch was handed over may run after it.
      let covered = after;
      const flush = (upTo: number): Promise<void> => {
        scheduled = false;
        const events = batch;
        batch = [];
        covered = Math.max(covered, upTo);
        const through = covered;
        delivering = delivering.then(async () => {
          if (!closed) await deliver(events, through);
        });
        delivering.catch((error: unknown) => {
          if (!closed) failed(error);
        });
        return delivering;
      };
      // A flush later in this turn covers everything the subscription has passed by then, including
      // events of other types after the last one buffered.
      const later = (): void => {
        if (scheduled || closed) return;
        scheduled = true;
        setImmediate(() => void flush(subscription.position));
      };
      const subscription = store.subscribe({ after, types, onError: failed }, async (event) => {
        batch.push(event);
        if (batch.length >= BATCH) await flush(event.position);
        else later();
      });
      // Appends of other types move the covered position too (status and checkpoints say so).
      const stopListening = store.onAppended(() => later());
      const caughtUp = subscription.caughtUp.then(() => flush(subscription.position));
      return {
        caughtUp,
        close() {
          closed = true;
          stopListening();
          subscription.close();
        },
      };
    },
  };
}
