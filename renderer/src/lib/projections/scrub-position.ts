import { formatCount } from '../number-format.js';
/** Positions the scrubber can stand on: 0 (the initial state, before any event) to the newest event. */
export function clampPosition(position: number, last: number): number {
  if (!Number.isFinite(position)) return 0;
  return Math.max(0, Math.min(Math.max(0, last), Math.round(position)));
}

/**
 * A position typed into the scrubber's field: digits (spaces, commas and a leading # allowed, as the
 * view prints positions). Answers the position, or a message naming what was wrong.
 */
export function parsePosition(
  text: string,
  last: number,
): { readonly position: number } | { readonly error: string } {
  const cleaned = text
    .trim()
    .replace(/^#/, '')
    .replace(/[\s,_]/g, '');
  if (cleaned === '') return { error: 'Type a position' };
  if (!/^\d+$/.test(cleaned)) return { error: `"${text.trim()}" is not a position: use digits only` };
  const position = Number(cleaned);
  if (position > last) {
    return {
      error: `Position ${formatCount(position)} is past the newest event (${formatCount(last)})`,
    };
  }
  return { position };
}

/** Keys that move the scrubber, and by how much: arrows one event, Page keys a tenth of the log. */
export function keyStep(key: string, position: number, last: number, shift = false): number | null {
  const page = Math.max(1, Math.round(last / 10));
  const by = shift ? 10 : 1;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clampPosition(position - by, last);
    case 'ArrowRight':
    case 'ArrowUp':
      return clampPosition(position + by, last);
    case 'PageDown':
      return clampPosition(position - page, last);
    case 'PageUp':
      return clampPosition(position + page, last);
    case 'Home':
      return 0;
    case 'End':
      return clampPosition(last, last);
    default:
      return null;
  }
}
