import { readJournalEvent, type JournalEvent } from '../../../shared/journal/index.js';

/**
 * What the search index knows of one message: enough to index it, filter it, show a hit and bring it back
 * when a deleted message is restored (so deleted messages stay here, marked, while the index drops them).
 */
export interface SearchEntry {
  readonly message: string;
  readonly channel: string;
  /**
   * `at` of the post in milliseconds (for date filters and ordering). Journal times are exactly what
   * toISOString writes, so `timeOf` gives `at` back; 100,000 strings of it are not kept.
   */
  readonly atMs: number;
  text: string;
  textTags: readonly string[];
  addedTags: readonly string[];
  attachments: number;
  deleted: boolean;
}

/** A stored event as the fold reads it: its type and data (a RecordedEvent is one). */
export interface StoredEvent {
  readonly type: string;
  readonly data: unknown;
}

/** What an event asks of the index: (re)index a message, or drop it. */
export type IndexChange =
  | { readonly kind: 'index'; readonly entry: SearchEntry }
  | { readonly kind: 'remove'; readonly message: string };

/** The message event types that change what search finds; the subscription asks only for these. */
export const SEARCHED_EVENT_TYPES = [
  'MessagePosted',
  'MessageEdited',
  'MessageDeleted',
  'MessageRestored',
  'TagAdded',
  'TagRemoved',
] as const;

/** `at` of an entry's post, as the event wrote it. */
export function timeOf(entry: SearchEntry): string {
  return new Date(entry.atMs).toISOString();
}

/** Shared by the entries without tags (most): an empty array is 32 bytes, 100,000 of them 3 MB. */
const NO_TAGS: readonly string[] = Object.freeze([]);
const tagsOrNone = (tags: readonly string[]): readonly string[] => (tags.length === 0 ? NO_TAGS : tags);

/** Every tag of an entry: from its text, then added by hand. */
export function tagsOfEntry(entry: SearchEntry): string[] {
  return [...new Set([...entry.textTags, ...entry.addedTags])];
}

/**
 * The search read model's fold: journal events in log order to entries, and to the changes the index must
 * make. An edit replaces the entry's text, a delete removes it from the index and a restore brings it back
 * as it was. Journal events that cannot be read are skipped, as every journal reader skips them.
 */
export class SearchEntries {
  readonly entries = new Map<string, SearchEntry>();
  /** Each channel id once: every event's JSON would otherwise give each entry a copy of it. */
  private readonly channels = new Map<string, string>();
  /** Journal events skipped because they could not be read. */
  unreadable = 0;

  apply(recorded: StoredEvent): IndexChange | undefined {
    const reading = readJournalEvent(recorded.type, recorded.data);
    if (reading.kind === 'unreadable') this.unreadable++;
    return reading.kind === 'journal' ? this.fold(reading.event) : undefined;
  }

  private fold(event: JournalEvent): IndexChange | undefined {
    if (event.type === 'MessagePosted') {
      const { data } = event;
      // A second post of one id cannot be decided; one appended by hand is ignored as the decider would.
      if (this.entries.has(data.message)) return undefined;
      const entry: SearchEntry = {
        message: data.message,
        channel: this.channel(data.channel),
        atMs: Date.parse(data.at),
        text: data.text,
        textTags: tagsOrNone(data.tags),
        addedTags: NO_TAGS,
        attachments: data.attachments.length,
        deleted: false,
      };
      this.entries.set(entry.message, entry);
      return { kind: 'index', entry };
    }
    if (!('message' in event.data)) return undefined;
    const entry = this.entries.get(event.data.message);
    if (entry === undefined) return undefined;
    switch (event.type) {
      case 'MessageEdited':
        entry.text = event.data.text;
        entry.textTags = tagsOrNone(event.data.tags);
        entry.attachments = event.data.attachments.length;
        break;
      case 'MessageDeleted':
        if (entry.deleted) return undefined;
        entry.deleted = true;
        return { kind: 'remove', message: entry.message };
      case 'MessageRestored':
        if (!entry.deleted) return undefined;
        entry.deleted = false;
        break;
      case 'TagAdded':
        if (entry.addedTags.includes(event.data.tag)) return undefined;
        entry.addedTags = [...entry.addedTags, event.data.tag];
        break;
      case 'TagRemoved':
        if (!entry.addedTags.includes(event.data.tag)) return undefined;
        entry.addedTags = tagsOrNone(entry.addedTags.filter((tag) => tag !== event.data.tag));
        break;
      default:
        return undefined;
    }
    return entry.deleted ? undefined : { kind: 'index', entry };
  }

  /** Adds an entry saved in the cache. */
  restore(row: EntryRow): void {
    const entry = { ...entryOfRow(row), channel: this.channel(row[1]) };
    this.entries.set(entry.message, entry);
  }

  private channel(id: string): string {
    let known = this.channels.get(id);
    if (known === undefined) this.channels.set(id, (known = id));
    return known;
  }
}

/** An entry as the cache file keeps it: a row, so 100,000 of them are not 100,000 times the key names. */
export type EntryRow = [
  message: string,
  channel: string,
  at: string,
  text: string,
  textTags: readonly string[],
  addedTags: readonly string[],
  attachments: number,
  deleted: 0 | 1,
];

export function entryRow(entry: SearchEntry): EntryRow {
  return [
    entry.message,
    entry.channel,
    timeOf(entry),
    entry.text,
    entry.textTags,
    entry.addedTags,
    entry.attachments,
    entry.deleted ? 1 : 0,
  ];
}

export function entryOfRow(row: EntryRow): SearchEntry {
  const [message, channel, at, text, textTags, addedTags, attachments, deleted] = row;
  return {
    message,
    channel,
    atMs: Date.parse(at),
    text,
    textTags: tagsOrNone(textTags),
    addedTags: tagsOrNone(addedTags),
    attachments,
    deleted: deleted === 1,
  };
}
