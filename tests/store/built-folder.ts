import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { JsonValue, RecordedEvent } from '../../shared/event.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { asStored, eventType, jsonData, streamId } from './event-arbitraries.js';
import { readEverything } from './read-everything.js';

export interface FolderRecipe {
  /** Small limits make folders of several sealed segments; undefined is the default (one segment). */
  readonly segmentSizeLimit: number | undefined;
  readonly appends: readonly {
    readonly stream: string;
    readonly events: readonly { readonly type: string; readonly data: JsonValue }[];
  }[];
}

export const folderRecipe = (minAppends = 1): fc.Arbitrary<FolderRecipe> =>
  fc.record({
    segmentSizeLimit: fc.constantFrom(1024, 4096, undefined),
    appends: fc.array(
      fc.record({
        stream: streamId,
        events: fc.array(fc.record({ type: eventType, data: jsonData }), { minLength: 1, maxLength: 3 }),
      }),
      { minLength: minAppends, maxLength: 12 },
    ),
  });

/** One line of a segment file: where it is, and the event it holds. */
export interface SegmentLine {
  readonly segment: string;
  /** 1-based, as problems report it. */
  readonly line: number;
  readonly start: number;
  /** Just past the newline. */
  readonly end: number;
  readonly event: RecordedEvent;
  /** Which append of the recipe wrote it (0-based): an append is read whole or not at all. */
  readonly append: number;
}

export interface BuiltFolder {
  readonly dir: string;
  readonly recipe: FolderRecipe;
  /** Every event, as read back right after the folder was written. */
  readonly events: RecordedEvent[];
  /** Segment file names in log order. */
  readonly segments: string[];
  readonly lines: SegmentLine[];
}

export function segmentPath(dir: string, segment: string): string {
  return path.join(dir, 'log', segment);
}

/** Writes the recipe's appends into a new folder in `dir` through the store, closes it, and maps its lines. */
export async function buildFolder(dir: string, recipe: FolderRecipe): Promise<BuiltFolder> {
  await initEventFolder(
    dir,
    recipe.segmentSizeLimit === undefined ? {} : { segmentSizeLimit: recipe.segmentSizeLimit },
  );
  const store = await openEventStore(dir, { watch: false, durability: 'none' });
  let events: RecordedEvent[];
  try {
    for (const append of recipe.appends) await store.appendToStream(append.stream, append.events);
    events = await readEverything(store);
  } finally {
    await store.close();
  }
  const expected = recipe.appends.flatMap((append) =>
    append.events.map((event) => ({ stream: append.stream, type: event.type, data: asStored(event.data) })),
  );
  if (
    JSON.stringify(events.map(({ stream, type, data }) => ({ stream, type, data }))) !==
    JSON.stringify(expected)
  ) {
    throw new Error('The folder does not hold what was appended: the contract suite should say why');
  }
  const segments = fs
    .readdirSync(path.join(dir, 'log'))
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  const appendOf = recipe.appends.flatMap((append, number) => append.events.map(() => number));
  const lines: SegmentLine[] = [];
  for (const segment of segments) {
    const bytes = fs.readFileSync(segmentPath(dir, segment));
    let start = 0;
    let line = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(0x0a, start) + 1;
      line++;
      const at = lines.length;
      lines.push({
        segment,
        line,
        start,
        end,
        event: events[at]!,
        append: appendOf[at]!,
      });
      start = end;
    }
  }
  if (lines.length !== events.length) throw new Error('Every event should be one line');
  return { dir, recipe, events, segments, lines };
}
