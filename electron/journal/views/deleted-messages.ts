import type { JournalId } from '../../../shared/journal/index.js';
import { SchemaError } from '../../../shared/schema.js';
import type { JournalIndex } from '../read-model/journal-index.js';
import type { MessageRecord } from '../read-model/message-record.js';
import { timelinesOf } from './message-ranges.js';

/** "Recently deleted": deleted messages, most recently deleted first, a page at a time. */
export function deletedPage(
  index: JournalIndex,
  options: { readonly channel?: JournalId; readonly next?: string; readonly limit?: number },
): { records: MessageRecord[]; next: string | null } {
  const limit = options.limit ?? 50;
  const after = options.next === undefined ? undefined : parseCursor(options.next);
  const deleted: MessageRecord[] = [];
  for (const timeline of timelinesOf(index, options.channel)) {
    for (const record of timeline.list()) {
      if (record.deleted && (after === undefined || isAfter(record, after))) deleted.push(record);
    }
  }
  deleted.sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0) || b.postPosition - a.postPosition);
  const records = deleted.slice(0, limit);
  const last = records.at(-1);
  return {
    records,
    next:
      deleted.length > limit && last !== undefined ? `d1.${last.deletedAt ?? 0}.${last.postPosition}` : null,
  };
}

interface DeletedKey {
  readonly deletedAt: number;
  readonly postPosition: number;
}

/** Comes after the cursor in the list's order (older delete, or the same moment and an older post). */
function isAfter(record: MessageRecord, key: DeletedKey): boolean {
  const deletedAt = record.deletedAt ?? 0;
  return deletedAt < key.deletedAt || (deletedAt === key.deletedAt && record.postPosition < key.postPosition);
}

const CURSOR = /^d1\.(-?\d{1,16})\.(\d{1,16})$/;

function parseCursor(cursor: string): DeletedKey {
  const match = CURSOR.exec(cursor);
  if (match === null)
    throw new SchemaError(['next'], 'the `next` of an earlier page of recently deleted messages');
  return { deletedAt: Number(match[1]), postPosition: Number(match[2]) };
}
