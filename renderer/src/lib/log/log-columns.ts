import type { PinnedPath } from './pinned-path.js';

export const ROW_HEIGHT = 28;
export const HEADER_HEIGHT = 32;

/** Below this grid width the time column shows the day and the time without the year and milliseconds. */
export const COMPACT_BELOW = 760;
/**
 * Below this width the data preview goes: what is left for it would show a few letters, and the event
 * panel beside such a narrow log shows the data in full.
 */
export const PREVIEW_FROM = 640;

interface Track {
  readonly track: string;
  /** What the track needs at least; past the sum the grid scrolls sideways instead of squeezing cells. */
  readonly min: number;
}

const WIDE: readonly Track[] = [
  { track: '96px', min: 96 }, // position
  { track: '204px', min: 204 }, // time
  { track: 'minmax(140px, 1fr)', min: 140 }, // stream
  { track: '56px', min: 56 }, // revision
  { track: 'minmax(130px, 1.2fr)', min: 130 }, // type
];

const COMPACT: readonly Track[] = [
  { track: '84px', min: 84 },
  { track: '132px', min: 132 },
  { track: 'minmax(110px, 1fr)', min: 110 },
  { track: '48px', min: 48 },
  { track: 'minmax(110px, 1fr)', min: 110 },
];

const PIN: Track = { track: 'minmax(120px, 1fr)', min: 120 };
/** The data preview takes what is left, and gives it up first when the grid is narrow. */
const PREVIEW: Track = { track: 'minmax(0, 2fr)', min: 0 };

/** Whether the grid, at this width, uses its compact columns. */
export const isCompact = (width: number): boolean => width > 0 && width < COMPACT_BELOW;

/** Whether the grid, at this width and with these pins, shows the data preview column. */
export const showsPreview = (pins: readonly PinnedPath[], width: number): boolean =>
  pins.length === 0 && (width === 0 || width >= PREVIEW_FROM);

/** The columns: the fixed ones, then the pinned fields, or the data preview when nothing is pinned. */
function tracks(pins: readonly PinnedPath[], width: number): Track[] {
  const fixed = isCompact(width) ? COMPACT : WIDE;
  return [...fixed, ...(showsPreview(pins, width) ? [PREVIEW] : pins.map(() => PIN))];
}

export function gridTracks(pins: readonly PinnedPath[], width = 0): string {
  return tracks(pins, width)
    .map((track) => track.track)
    .join(' ');
}

export function gridMinWidth(pins: readonly PinnedPath[], width = 0): number {
  return tracks(pins, width).reduce((sum, track) => sum + track.min, 0);
}

/** `2026-11-26 09:31:19.123`: the stored UTC time, without the T and Z that make a column hard to scan. */
export function cellTime(iso: string): string {
  return iso.replace('T', ' ').replace(/Z$/, '');
}

/** `11-26 09:31:19`: the day and time of a stored UTC time, for a narrow column (the cell's title has all). */
export function compactCellTime(iso: string): string {
  return `${iso.slice(5, 10)} ${iso.slice(11, 19)}`;
}
