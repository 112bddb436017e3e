import type { JsonValue } from '../../shared/event.js';

const STATUSES = ['placed', 'paid', 'packed', 'shipped', 'delivered'] as const;
const NOTES = ['gift wrap', 'fragile', 'call first', 'express'] as const;

/**
 * A projection state of the shape the diff meets in practice: the last state of each of `streams` order
 * streams, each with a few lines (an id-keyed array), tags (plain strings) and counters. Deterministic, so
 * every run diffs the same bytes; about 330 bytes of JSON a stream.
 */
export function orderStates(streams: number): Record<string, JsonValue> {
  const state: Record<string, JsonValue> = {};
  for (let n = 0; n < streams; n++) {
    const h = mix(n);
    const lines: JsonValue[] = [];
    for (let line = 0; line < 1 + (h % 4); line++) {
      const g = mix(n * 7 + line);
      lines.push({ id: `L${line}`, sku: `K${g % 1000}`, qty: 1 + ((g >>> 10) % 9), price: 100 + (g % 9900) });
    }
    state[`order-${n}`] = {
      id: `order-${n}`,
      status: STATUSES[(h >>> 5) % STATUSES.length]!,
      placedAt: new Date(Date.UTC(2026, 0, 1) + n * 61_000).toISOString(),
      customer: { name: `Customer ${(h >>> 9) % 5000}`, country: ['DE', 'FR', 'NL', 'PL'][(h >>> 3) % 4]! },
      lines,
      tags: (h >>> 12) % 3 === 0 ? [NOTES[(h >>> 14) % NOTES.length]!] : [],
      events: 3 + ((h >>> 16) % 20),
    };
  }
  return state;
}

/** A cheap integer hash (xorshift-multiply), so the data looks varied without a random generator. */
function mix(n: number): number {
  let h = (n + 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
