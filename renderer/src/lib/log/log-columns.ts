import type { PinnedPath } from './pinned-path.js';

export const ROW_HEIGHT = 28;
export const HEADER_HEIGHT = 32;

/** The fixed columns and their CSS grid tracks; pinned fields follow, one track each. */
const FIXED_TRACKS = [
  '96px', // position
  '204px', // time
  'minmax(150px, 1fr)', // stream
  '56px', // revision
  'minmax(130px, 1fr)', // type
];
const PIN_TRACK = 'minmax(120px, 1fr)';
/** Sum of the minimum widths: past it the grid scrolls sideways instead of squeezing cells. */
const FIXED_MIN_WIDTH = 96 + 204 + 150 + 56 + 130;
const PIN_MIN_WIDTH = 120;

export function gridTracks(pins: readonly PinnedPath[]): string {
  return [...FIXED_TRACKS, ...pins.map(() => PIN_TRACK)].join(' ');
}

export function gridMinWidth(pins: readonly PinnedPath[]): number {
  return FIXED_MIN_WIDTH + pins.length * PIN_MIN_WIDTH;
}

/** `2026-11-26 09:31:19.123`: the stored UTC time, without the T and Z that make a column hard to scan. */
export function cellTime(iso: string): string {
  return iso.replace('T', ' ').replace(/Z$/, '');
}
