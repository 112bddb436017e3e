/**
 * Browsers cap an element's height (about 16.7M px in Chromium, 33M in Firefox), and 1M rows of 28 px are
 * 28M px. Past the cap the spacer is shortened and the scroll range maps linearly onto the content range,
 * so the thumb still spans the whole log and both ends stay reachable.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/** Scaled offsets are not exact in floating point: 17 rows may come back as 16.9999999. */
const EPSILON = 1e-6;

export interface ScrollScale {
  readonly rowHeight: number;
  readonly count: number;
  /** Height of the area rows are shown in. */
  readonly viewport: number;
  /** Height to give the spacer: the real content height, or the cap. */
  readonly spacer: number;
  /** Content pixels per scroll pixel: 1 below the cap. */
  readonly factor: number;
}

export function scrollScale(count: number, rowHeight: number, viewport: number, cap = MAX_SCROLL_HEIGHT) {
  const content = count * rowHeight;
  const spacer = Math.min(content, cap);
  const contentRange = Math.max(0, content - viewport);
  const scrollRange = Math.max(0, spacer - viewport);
  const factor = scrollRange > 0 && contentRange > scrollRange ? contentRange / scrollRange : 1;
  return { rowHeight, count, viewport, spacer, factor } satisfies ScrollScale;
}

/** The content offset (pixels from the first row's top) shown at the top of the viewport. */
export function contentOffset(scale: ScrollScale, scrollTop: number): number {
  const max = Math.max(0, scale.count * scale.rowHeight - scale.viewport);
  return clamp(scrollTop * scale.factor, 0, max);
}

/** The scrollTop that shows `offset` content pixels at the top of the viewport. */
export function scrollTopFor(scale: ScrollScale, offset: number): number {
  const max = Math.max(0, scale.spacer - scale.viewport);
  return clamp(offset / scale.factor, 0, max);
}

/** First row (partly) visible at a scrollTop. */
export function indexAt(scale: ScrollScale, scrollTop: number): number {
  if (scale.count === 0) return 0;
  return Math.min(scale.count - 1, Math.floor(contentOffset(scale, scrollTop) / scale.rowHeight + EPSILON));
}

/**
 * The scrollTop that puts row `index` at the top of the viewport (or as far as the end allows). Browsers keep
 * scrollTop in whole pixels: rounding up keeps the row itself at the top rather than the one before it.
 */
export function scrollTopForIndex(scale: ScrollScale, index: number): number {
  const exact = scrollTopFor(scale, index * scale.rowHeight);
  return Math.min(Math.ceil(exact - EPSILON), scrollTopForEnd(scale));
}

/** The scrollTop that shows the last row at the bottom of the viewport. */
export function scrollTopForEnd(scale: ScrollScale): number {
  return Math.max(0, scale.spacer - scale.viewport);
}

/** Rows that fit in the viewport, counting a partly visible one at each edge. */
export function visibleRows(scale: ScrollScale): number {
  return Math.ceil(scale.viewport / scale.rowHeight) + 1;
}

/** Scrolled to within half a row of the end: new rows should keep the view at the newest. */
export function isAtEnd(scale: ScrollScale, scrollTop: number): boolean {
  return scrollTopForEnd(scale) - scrollTop <= scale.rowHeight / 2 / scale.factor + 1;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
