import fs from 'node:fs';
import { segmentPaths } from '../log-lines.js';

/** The simple fold of the projection benchmark: quantity ordered per event type. */
export type QuantityByType = Record<string, number>;

/**
 * What a projection rebuild costs a plain program: read every segment, decode, split into lines,
 * JSON.parse each and fold it in plain code, no sandbox, no worker, no checkpoint. Returns the state.
 */
export function rawParseFold(folder: string): { events: number; state: QuantityByType } {
  let events = 0;
  const state: QuantityByType = {};
  for (const file of segmentPaths(folder)) {
    for (const line of fs.readFileSync(file).toString('utf8').split('\n')) {
      if (line === '') continue;
      const event = JSON.parse(line) as { type: string; data: { qty?: number } };
      state[event.type] = (state[event.type] ?? 0) + (event.data.qty ?? 0);
      events++;
    }
  }
  return { events, state };
}

/** The same fold as a projection file, for the sandboxed side. */
export const QUANTITY_BY_TYPE_PROJECTION = `fromAll().when({
  $init: () => ({}),
  $any: (s, e) => { s[e.type] = (s[e.type] || 0) + (e.data.qty || 0); },
})`;
