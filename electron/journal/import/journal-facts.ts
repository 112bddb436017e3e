import { messageStream, readJournalEvent } from '../../../shared/journal/index.js';
import type { JournalStreams } from '../journal-streams.js';

/** What the journal already holds of a message an import would write. */
export interface MessageFacts {
  readonly exists: boolean;
  /** Tags ever added to it by hand (also those removed since: an import does not add them back). */
  readonly tagsAdded: ReadonlySet<string>;
  /** Ever pinned (also when unpinned since). */
  readonly everPinned: boolean;
}

const PAGE = 10_000;

/**
 * Reads a message's stream: importing twice adds nothing because whatever an import would do to a message
 * (post it, add a tag, pin it) is skipped when the journal ever had it, and an import that stopped half
 * way (a crash, a cancel) finishes on the next run.
 */
export async function messageFacts(streams: JournalStreams, message: string): Promise<MessageFacts> {
  let exists = false;
  let everPinned = false;
  const tagsAdded = new Set<string>();
  let from: number | null = 0;
  while (from !== null) {
    const page = await streams.readStream(messageStream(message), { fromRevision: from, limit: PAGE });
    for (const recorded of page.events) {
      exists = true;
      const reading = readJournalEvent(recorded.type, recorded.data);
      if (reading.kind !== 'journal') continue;
      if (reading.event.type === 'TagAdded') tagsAdded.add(reading.event.data.tag);
      if (reading.event.type === 'MessagePinned') everPinned = true;
    }
    from = page.next;
  }
  return { exists, tagsAdded, everPinned };
}
