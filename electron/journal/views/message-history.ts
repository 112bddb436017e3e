import type { RecordedEvent } from '../../../shared/event.js';
import {
  messageStream,
  readJournalEvent,
  type JournalEvent,
  type MessageEvent,
  type MessageHistory,
  type MessageVersion,
} from '../../../shared/journal/index.js';
import type { EventStore } from '../../store/index.js';
import type { JournalIndex } from '../read-model/journal-index.js';
import type { MessageRecord } from '../read-model/message-record.js';
import { EventsAt, messageView, positionsForViews, preview } from './message-views.js';

const PAGE = 10_000;

/**
 * Everything that happened to one message, for the edit history (word diffs between versions), its
 * conflicts and how each was settled, the replies to it, and undelete. Read from the message's own stream:
 * one small stream, whatever the size of the journal.
 */
export async function messageHistory(
  index: JournalIndex,
  store: Pick<EventStore, 'readStream' | 'readPositions'>,
  record: MessageRecord,
): Promise<MessageHistory> {
  const events = await streamEvents(store, messageStream(record.id));
  const replies = (index.replies.get(record.id) ?? []).flatMap((id) => index.message(id) ?? []);
  const read = await EventsAt.read(store, [
    ...positionsForViews(index, [record]),
    ...replies.map((reply) => reply.contentPosition),
  ]);
  const versions: MessageVersion[] = [];
  const conflicts: MessageHistory['conflicts'][number][] = [];
  const timeline: MessageHistory['timeline'][number][] = [];
  for (const { position, event } of events) {
    timeline.push({ type: event.type, at: event.data.at, position, detail: detailOf(event) });
    if (event.type === 'MessagePosted' || event.type === 'MessageEdited') {
      const { text, tags, attachments, at } = event.data;
      const edit = event.type === 'MessageEdited' ? event.data.edit : null;
      const version = event.type === 'MessageEdited' ? event.data.version : 1;
      versions.push({ version, text, tags, attachments, at, position, edit });
    }
    if (event.type === 'MessageEditConflicted') {
      const { edit, baseVersion, version, text, tags, attachments, at } = event.data;
      conflicts.push({ edit, baseVersion, version, text, tags, attachments, at, position, settled: null });
    }
  }
  // How each conflict was settled: by a later edit that names it, or by being dismissed.
  for (const { event } of events) {
    if (event.type === 'MessageEdited')
      settle(conflicts, event.data.resolves, { by: 'edit', edit: event.data.edit });
    if (event.type === 'MessageEditConflictDismissed')
      settle(conflicts, [event.data.edit], { by: 'dismissal' });
  }
  return {
    message: messageView(index, read, record),
    versions,
    conflicts,
    replies: replies.map((reply) => ({ ...preview(read, reply), deleted: reply.deleted })),
    timeline,
  };
}

function settle(
  conflicts: MessageHistory['conflicts'][number][],
  edits: readonly string[],
  settled: NonNullable<MessageHistory['conflicts'][number]['settled']>,
): void {
  conflicts.forEach((conflict, i) => {
    if (conflict.settled === null && edits.includes(conflict.edit)) conflicts[i] = { ...conflict, settled };
  });
}

function detailOf(event: MessageEvent): string | null {
  switch (event.type) {
    case 'MessageEdited':
    case 'MessageEditConflicted':
    case 'MessageEditConflictDismissed':
      return event.data.edit;
    case 'ReactionAdded':
    case 'ReactionRemoved':
      return event.data.emoji;
    case 'TagAdded':
    case 'TagRemoved':
      return event.data.tag;
    default:
      return null;
  }
}

async function streamEvents(
  store: Pick<EventStore, 'readStream'>,
  stream: string,
): Promise<{ position: number; event: MessageEvent }[]> {
  const found: { position: number; event: MessageEvent }[] = [];
  let from: number | null = 0;
  while (from !== null) {
    const page: { events: RecordedEvent[]; next: number | null } = await store.readStream(stream, {
      fromRevision: from,
      limit: PAGE,
    });
    for (const recorded of page.events) {
      const reading = readJournalEvent(recorded.type, recorded.data);
      if (reading.kind === 'journal' && isMessageEvent(reading.event)) {
        found.push({ position: recorded.position, event: reading.event });
      }
    }
    from = page.next;
  }
  return found;
}

function isMessageEvent(event: JournalEvent): event is MessageEvent {
  return 'message' in event.data;
}
