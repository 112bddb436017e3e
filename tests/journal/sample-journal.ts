import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JournalCommandHandler } from '../../electron/journal/index.js';
import { initEventFolder, MAX_PAGE, openEventStore } from '../../electron/store/index.js';
import type { RecordedEvent } from '../../shared/event.js';
import {
  attachmentPath,
  readJournalEvent,
  type AttachmentRef,
  type JournalCommand,
  type JournalEvent,
} from '../../shared/journal/index.js';

/** The ids docs/JOURNAL.md's examples and recipes use, so that its commands run unchanged on this folder. */
export const JOURNAL = '5b0cc1d4-6f1e-4c1a-9d53-2f4f3a0e7b21';
export const TRAVEL = '9e2d7c44-0b8a-4f4e-8a31-6c1d2b7e5f90';
export const HARBOUR = '0f8e3a52-1c4d-4b7a-9e26-8d5c3b1a7f04';

const picture = Buffer.from('not really a JPEG, but bytes with a hash all the same\n');

export const ferryPicture: AttachmentRef = {
  sha256: createHash('sha256').update(picture).digest('hex'),
  size: picture.length,
  mediaType: 'image/jpeg',
  name: 'ferry.jpg',
  width: 1280,
  height: 960,
};

/**
 * A small journal with a bit of everything the recipes must get right: edits before and after a moment,
 * a conflict, a message deleted and restored, one deleted for good, one deleted after the moment, a
 * reply, an import from years ago, messages near midnight (another day in Tokyo), a renamed channel, an
 * attachment, and other programs' events in the same folder.
 */
const story: JournalCommand[] = [
  { type: 'CreateChannel', channel: JOURNAL, name: 'Journal', at: '2026-02-28T20:00:00.000Z' },
  { type: 'CreateChannel', channel: TRAVEL, name: 'Travel', at: '2026-02-28T20:00:05.000Z' },
  {
    type: 'PostMessage',
    message: 'late-note',
    channel: JOURNAL,
    text: 'Late night note',
    at: '2026-02-28T23:30:00.000Z',
  },
  {
    type: 'PostMessage',
    message: HARBOUR,
    channel: JOURNAL,
    text: 'Coffee by the harbour with #Ana. The ferry was late again.',
    at: '2026-03-01T08:01:14.031Z',
  },
  {
    type: 'PostMessage',
    message: 'ferry-view',
    channel: TRAVEL,
    text: 'View from the ferry #oslo',
    attachments: [ferryPicture],
    at: '2026-03-01T08:02:51.031Z',
  },
  {
    type: 'EditMessage',
    message: HARBOUR,
    edit: 'edit-a',
    baseVersion: 1,
    text: 'Coffee by the harbour with #Ana. The ferry was late, again.',
    at: '2026-03-01T08:04:28.031Z',
  },
  {
    type: 'EditMessage',
    message: HARBOUR,
    edit: 'edit-b',
    baseVersion: 1,
    text: 'Coffee by the harbour with #Ana and Ola.',
    at: '2026-03-01T08:06:05.031Z',
  },
  {
    type: 'PostMessage',
    message: 'reply',
    channel: JOURNAL,
    text: 'It was 40 minutes late.',
    replyTo: HARBOUR,
    at: '2026-03-01T08:09:19.031Z',
  },
  { type: 'DeleteMessage', message: 'reply', at: '2026-03-01T08:20:38.031Z' },
  { type: 'RestoreMessage', message: 'reply', at: '2026-03-01T08:22:15.031Z' },
  {
    type: 'PostMessage',
    message: 'oops',
    channel: JOURNAL,
    text: 'Typed into the wrong window',
    at: '2026-03-01T08:40:00.000Z',
  },
  { type: 'DeleteMessage', message: 'oops', at: '2026-03-01T08:41:00.000Z' },
  {
    type: 'PostMessage',
    message: 'new-flat',
    channel: JOURNAL,
    text: 'First day in the new flat.',
    origin: { app: 'dayone', id: '4F2A9C81D3E54B7A9C0D1E2F3A4B5C6D' },
    at: '2019-06-14T18:22:05.000Z',
  },
  { type: 'AddReaction', message: HARBOUR, emoji: '☕', at: '2026-03-01T08:50:00.000Z' },
  {
    type: 'EditMessage',
    message: HARBOUR,
    edit: 'edit-c',
    baseVersion: 2,
    text: 'Coffee by the harbour with #Ana. The ferry was 40 minutes late.',
    at: '2026-03-01T10:00:00.000Z',
  },
  { type: 'DeleteMessage', message: 'ferry-view', at: '2026-03-01T10:10:00.000Z' },
  {
    type: 'PostMessage',
    message: 'evening',
    channel: JOURNAL,
    text: 'Evening: quiet. #home',
    at: '2026-03-01T16:30:00.000Z',
  },
  { type: 'RenameChannel', channel: TRAVEL, name: 'Trips', at: '2026-03-01T17:00:00.000Z' },
];

export interface SampleJournal {
  readonly dir: string;
  /** Every event of the folder, as the store reads it. */
  readonly recorded: readonly RecordedEvent[];
  /** The journal's events among them, in log order, with their positions. */
  readonly events: readonly { readonly position: number; readonly event: JournalEvent }[];
}

export async function writeSampleJournal(dir: string): Promise<SampleJournal> {
  // The smallest segments the manifest allows, so the recipes must read several segments in order.
  await initEventFolder(dir, { segmentSizeLimit: 1024 });
  const store = await openEventStore(dir, { watch: false });
  try {
    // The attachment is in the folder before the event that names it, as the app stores it.
    const file = path.join(dir, attachmentPath(ferryPicture.sha256));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, picture);
    const handler = new JournalCommandHandler(store);
    for (const [i, command] of story.entries()) {
      await handler.handle(command);
      if (i === 3) {
        await store.appendToStream('order-1', [{ type: 'OrderPlaced', data: { total: 3 } }]);
        await store.appendToStream('message-board', [{ type: 'Note', data: 'not a journal event' }]);
      }
    }
    const recorded = (await store.readAll({ limit: MAX_PAGE })).events;
    const events = recorded.flatMap((event) => {
      const reading = readJournalEvent(event.type, event.data);
      return reading.kind === 'journal' ? [{ position: event.position, event: reading.event }] : [];
    });
    return { dir, recorded, events };
  } finally {
    await store.close();
  }
}
