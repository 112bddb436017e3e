import type { ImportProblem, ImportSource } from '../../../shared/journal/index.js';

/**
 * An export file read into the shape every importer shares, before anything is written: the entries in the
 * tool's own terms (its ids, its times), the files they mention, and every problem found. An import with
 * problems appends nothing.
 */
export interface ParsedExport {
  readonly from: ImportSource;
  /** The export's own name for what it holds (Telegram's chat name, "Saved Messages"), or null. */
  readonly title: string | null;
  readonly entries: readonly ParsedEntry[];
  readonly problems: readonly ImportProblem[];
}

/** A file an entry mentions, relative to the export's folder (checked and stored later). */
export interface MentionedFile {
  /** As the export writes it: `photos/photo_1@14-06-2019_18-22-05.jpg`, `photos/<md5>.jpeg`. */
  readonly path: string;
  /** Other names it may have (Day One's photo whose extension the export does not say). */
  readonly alternatives?: readonly string[];
  /** The file's own name, when the export says it (otherwise the path's last part). */
  readonly name?: string;
  readonly mediaType?: string;
  readonly width?: number;
  readonly height?: number;
}

export interface ParsedEntry {
  /** Where the entry is in the file, for messages about it: `messages[12]`. */
  readonly where: string;
  /** The entry's id in the tool (Telegram's message id, Day One's uuid, jrnl's date, time and title). */
  readonly sourceId: string;
  /** The message id in the journal, derived from the source's ids (so a second import finds it). */
  readonly message: string;
  /** When it was written, as a journal time. */
  readonly at: string;
  /** Markdown. */
  readonly text: string;
  readonly files: readonly MentionedFile[];
  /** Tags as the tool has them (`@work`, `Road Trip`); normalised when planned. */
  readonly tags: readonly string[];
  /** Starred (jrnl, Day One): pinned in the journal. */
  readonly pinned: boolean;
  /** The journal id of the message this one replies to (Telegram), when that one is in the export. */
  readonly replyTo?: string;
  /** Kept in each event's meta: what the journal has no field for (Telegram's edit time). */
  readonly meta?: Readonly<Record<string, string>>;
}

/** Collects problems with where they are; the first few hundred are plenty to fix a file. */
export class Problems {
  readonly list: ImportProblem[] = [];
  private static readonly MAX = 200;

  add(where: string, message: string): void {
    if (this.list.length < Problems.MAX) this.list.push({ where, message });
  }
}

/** `entries[3].creationDate` from a path of keys and indexes. */
export function keyPath(...parts: readonly (string | number)[]): string {
  return parts
    .filter((part) => part !== '')
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** A plain object (not an array, not null): what every entry and file of the three formats is. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
