import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { initEventFolder, MAX_PAGE, openEventStore, type EventStore } from '../../../electron/store/index.js';
import type { RecordedEvent } from '../../../shared/event.js';
import { useTempFolders } from '../../store/temp-folders.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

const tempFolder = useTempFolders('eventfold-import-');
const stores: EventStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** A new, empty journal folder with its store open (closed after the test). */
export async function emptyJournal(): Promise<EventStore> {
  const dir = path.join(tempFolder(), 'journal');
  await initEventFolder(dir);
  const store = await openEventStore(dir, { watch: false, durability: 'none' });
  stores.push(store);
  return store;
}

/** A copy of a fixture folder in a temp folder (a test may change it). */
export function fixtureCopy(name: string): string {
  const copy = path.join(tempFolder(), name);
  fs.cpSync(path.join(FIXTURES, name), copy, { recursive: true });
  return copy;
}

export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let from: number | null = 1;
  while (from !== null) {
    const page = await store.readAll({ from, limit: MAX_PAGE });
    events.push(...page.events);
    from = page.next;
  }
  return events;
}

interface PostedData {
  message: string;
  channel: string;
  text: string;
  tags: string[];
  attachments: {
    sha256: string;
    size: number;
    mediaType: string;
    name: string;
    width?: number;
    height?: number;
  }[];
  replyTo: string | null;
  origin: { app: string; id: string } | null;
  at: string;
}

/**
 * The posts in the folder, oldest first by their time (`at`; an import posts several at once, so the log
 * order of near entries may differ), with their event's meta.
 */
export async function posts(store: EventStore): Promise<(PostedData & { meta: Record<string, unknown> })[]> {
  return (await allEvents(store))
    .filter((event) => event.type === 'MessagePosted')
    .map((event) => ({
      ...(event.data as unknown as PostedData),
      meta: event.meta as Record<string, unknown>,
    }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.message < b.message ? -1 : 1));
}

/** Events of a type, as `[message, detail]` pairs (the tag of TagAdded, nothing for a pin). */
export async function marks(store: EventStore, type: 'TagAdded' | 'MessagePinned'): Promise<string[][]> {
  return (await allEvents(store))
    .filter((event) => event.type === type)
    .map((event) => {
      const data = event.data as { message: string; tag?: string };
      return data.tag === undefined ? [data.message] : [data.message, data.tag];
    });
}
