import fs from 'node:fs';
import type { EventToAppend } from '../shared/event.js';
import { initEventFolder, openEventStore } from '../electron/store/index.js';
import { segmentPaths } from './log-lines.js';

export const DATASET_STREAMS = 10_000;
const TYPES = ['OrderPlaced', 'ItemAdded', 'ItemRemoved', 'PaymentCaptured', 'OrderShipped'] as const;
/** Every fourth order carries a note: with it, stored lines average about 230 bytes. */
const NOTES = ['gift wrap', 'fragile', 'call first', 'express'] as const;
/** Calls in flight at once while generating: group commit turns each round into a few large writes. */
const ROUND = 5_000;

export interface SampleEvent {
  readonly stream: string;
  readonly event: EventToAppend;
}

/**
 * The n-th event of the benchmark's synthetic order log. Deterministic, so that every run (and every
 * baseline) works on the same bytes; stored lines come out at about 230 bytes.
 */
export function sampleEvent(n: number): SampleEvent {
  const h = mix(n);
  const order = { sku: `K${(h >>> 7) % 1000}`, qty: 1 + ((h >>> 11) % 9), price: 100 + ((h >>> 13) % 9900) };
  const note = (h >>> 21) % 4 === 0 ? NOTES[(h >>> 23) % NOTES.length] : undefined;
  return {
    stream: `order-${(h >>> 3) % DATASET_STREAMS}`,
    event: {
      type: TYPES[(h >>> 17) % TYPES.length] as string,
      data: note === undefined ? order : { ...order, note },
    },
  };
}

export interface Dataset {
  readonly dir: string;
  readonly events: number;
  readonly bytes: number;
  readonly averageLineBytes: number;
  readonly seconds: number;
}

/** Writes `events` events with durability 'none' (a bulk import that can be redone), as one-event appends. */
export async function createDataset(
  dir: string,
  events: number,
  onProgress?: (done: number) => void,
): Promise<Dataset> {
  const start = performance.now();
  await initEventFolder(dir);
  const store = await openEventStore(dir, { durability: 'none', watch: false, cache: false });
  try {
    for (let done = 0; done < events; done += ROUND) {
      const round: Promise<unknown>[] = [];
      for (let n = done; n < Math.min(events, done + ROUND); n++) {
        const { stream, event } = sampleEvent(n);
        round.push(store.appendToStream(stream, [event]));
      }
      await Promise.all(round);
      onProgress?.(Math.min(events, done + ROUND));
    }
  } finally {
    await store.close();
  }
  const bytes = segmentPaths(dir).reduce((sum, file) => sum + fs.statSync(file).size, 0);
  return {
    dir,
    events,
    bytes,
    averageLineBytes: bytes / events,
    seconds: (performance.now() - start) / 1000,
  };
}

/** A 32-bit integer hash (the murmur3 finaliser): spreads consecutive n over streams and values. */
function mix(n: number): number {
  let h = (n + 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
