import type { JournalId } from '../../../shared/journal/index.js';
import { NONE, type MessageRecord, type OpenConflict } from './message-record.js';

/**
 * Message records as saved in a checkpoint, by column: one list a field, one entry a row, with the fields
 * most messages leave empty (reactions, tags, replies, conflicts) kept only for the rows that have them.
 * Parsing a handful of long number lists costs a fraction of 100,000 small arrays with four empty lists
 * each, and leaves far less garbage: that parse was most of what opening a big journal cost.
 */
export interface Columns {
  readonly id: readonly string[];
  readonly at: readonly number[];
  readonly postPosition: readonly number[];
  /** Minus postPosition: 0 for a message never edited, so the list is mostly one digit a row. */
  readonly contentOffset: readonly number[];
  readonly version: readonly number[];
  readonly editedAt: readonly (number | null)[];
  /** '1' for a deleted message, '0' otherwise, one character a row. */
  readonly deleted: string;
  readonly deletedAt: readonly (number | null)[];
  readonly pinned: string;
  readonly attachments: readonly number[];
  readonly words: readonly number[];
  /** The rows that have any, as [row, value]. */
  readonly reactions: readonly (readonly [row: number, items: readonly string[]])[];
  readonly textTags: readonly (readonly [row: number, items: readonly string[]])[];
  readonly addedTags: readonly (readonly [row: number, items: readonly string[]])[];
  readonly replyTo: readonly (readonly [row: number, original: string])[];
  readonly conflicts: readonly (readonly [row: number, conflicts: readonly (readonly [string, number])[]])[];
}

/** Collects records as columns, in the order they are added. */
export class ColumnWriter {
  private readonly id: string[] = [];
  private readonly at: number[] = [];
  private readonly postPosition: number[] = [];
  private readonly contentOffset: number[] = [];
  private readonly version: number[] = [];
  private readonly editedAt: (number | null)[] = [];
  private readonly deleted: string[] = [];
  private readonly deletedAt: (number | null)[] = [];
  private readonly pinned: string[] = [];
  private readonly attachments: number[] = [];
  private readonly words: number[] = [];
  private readonly reactions: [number, readonly string[]][] = [];
  private readonly textTags: [number, readonly string[]][] = [];
  private readonly addedTags: [number, readonly string[]][] = [];
  private readonly replyTo: [number, string][] = [];
  private readonly conflicts: [number, [string, number][]][] = [];

  add(record: MessageRecord): void {
    const row = this.id.length;
    this.id.push(record.id);
    this.at.push(record.at);
    this.postPosition.push(record.postPosition);
    this.contentOffset.push(record.contentPosition - record.postPosition);
    this.version.push(record.version);
    this.editedAt.push(record.editedAt);
    this.deleted.push(record.deleted ? '1' : '0');
    this.deletedAt.push(record.deletedAt);
    this.pinned.push(record.pinned ? '1' : '0');
    this.attachments.push(record.attachments);
    this.words.push(record.words);
    if (record.reactions.length > 0) this.reactions.push([row, record.reactions]);
    if (record.textTags.length > 0) this.textTags.push([row, record.textTags]);
    if (record.addedTags.length > 0) this.addedTags.push([row, record.addedTags]);
    if (record.replyTo !== null) this.replyTo.push([row, record.replyTo]);
    if (record.conflicts.length > 0) {
      this.conflicts.push([row, record.conflicts.map((conflict) => [conflict.edit, conflict.position])]);
    }
  }

  columns(): Columns {
    return {
      id: this.id,
      at: this.at,
      postPosition: this.postPosition,
      contentOffset: this.contentOffset,
      version: this.version,
      editedAt: this.editedAt,
      deleted: this.deleted.join(''),
      deletedAt: this.deletedAt,
      pinned: this.pinned.join(''),
      attachments: this.attachments,
      words: this.words,
      reactions: this.reactions,
      textTags: this.textTags,
      addedTags: this.addedTags,
      replyTo: this.replyTo,
      conflicts: this.conflicts,
    };
  }
}

const FULL_COLUMNS = [
  'at',
  'postPosition',
  'contentOffset',
  'version',
  'editedAt',
  'deletedAt',
  'attachments',
  'words',
] as const;
const SPARSE_COLUMNS = ['reactions', 'textTags', 'addedTags', 'replyTo', 'conflicts'] as const;
const ONE = '1'.charCodeAt(0);

/** Reads records back from saved columns; throws when the columns are not a saved set. */
export class ColumnReader {
  private readonly rows: Columns;
  private readonly reactions: ReadonlyMap<number, readonly string[]>;
  private readonly textTags: ReadonlyMap<number, readonly string[]>;
  private readonly addedTags: ReadonlyMap<number, readonly string[]>;
  private readonly replyTo: ReadonlyMap<number, string>;
  private readonly conflicts: ReadonlyMap<number, readonly (readonly [string, number])[]>;

  constructor(saved: unknown) {
    if (!isColumns(saved)) throw new Error('the saved message records are damaged');
    this.rows = saved;
    this.reactions = new Map(saved.reactions);
    this.textTags = new Map(saved.textTags);
    this.addedTags = new Map(saved.addedTags);
    this.replyTo = new Map(saved.replyTo);
    this.conflicts = new Map(saved.conflicts);
  }

  get size(): number {
    return this.rows.id.length;
  }

  record(channel: JournalId, row: number): MessageRecord {
    const { rows } = this;
    const id = rows.id[row];
    const at = rows.at[row]!;
    const postPosition = rows.postPosition[row]!;
    if (typeof id !== 'string' || !Number.isFinite(at) || !Number.isSafeInteger(postPosition)) {
      throw new Error('a saved message record is damaged');
    }
    const conflicts = this.conflicts.get(row);
    return {
      id,
      channel,
      at,
      postPosition,
      contentPosition: postPosition + rows.contentOffset[row]!,
      version: rows.version[row]!,
      editedAt: rows.editedAt[row] ?? null,
      deleted: rows.deleted.charCodeAt(row) === ONE,
      deletedAt: rows.deletedAt[row] ?? null,
      pinned: rows.pinned.charCodeAt(row) === ONE,
      reactions: this.reactions.get(row) ?? NONE,
      textTags: this.textTags.get(row) ?? NONE,
      addedTags: this.addedTags.get(row) ?? NONE,
      attachments: rows.attachments[row]!,
      words: rows.words[row]!,
      replyTo: this.replyTo.get(row) ?? null,
      conflicts:
        conflicts === undefined
          ? NONE
          : conflicts.map(([edit, position]): OpenConflict => ({ edit, position })),
    };
  }
}

function isColumns(value: unknown): value is Columns {
  if (typeof value !== 'object' || value === null) return false;
  const rows = value as Partial<Record<keyof Columns, unknown>>;
  const count = Array.isArray(rows.id) ? rows.id.length : -1;
  const fullLength = (name: keyof Columns) => {
    const column = rows[name];
    return Array.isArray(column) && column.length === count;
  };
  const flags = (name: 'deleted' | 'pinned') => {
    const column = rows[name];
    return typeof column === 'string' && column.length === count;
  };
  return (
    count >= 0 &&
    FULL_COLUMNS.every(fullLength) &&
    flags('deleted') &&
    flags('pinned') &&
    SPARSE_COLUMNS.every((name) => Array.isArray(rows[name]))
  );
}
