import { StoreError } from '../../shared/store-error.js';

/** Events a page at most, whatever is asked for. */
export const MAX_PAGE = 10_000;

/**
 * Where a read starts, which way it goes and how much it takes, checked the same way by the folder's reader
 * and the in-memory log. The options may come from JavaScript or a script without types: a typo such as
 * `direction: 'backward'` or `fromRevision: 'end'` is refused naming the value, instead of quietly reading
 * the other way or nothing at all.
 */
export function isForwards(direction: unknown): boolean {
  if (direction === undefined || direction === 'forwards') return true;
  if (direction === 'backwards') return false;
  throw new StoreError(
    'InvalidArgument',
    `direction must be "forwards" or "backwards", not ${describe(direction)}`,
  );
}

/** The first position of a read of the log: 1 forwards, the last backwards; before 1 reads from 1. */
export function startPosition(from: unknown, forwards: boolean, last: number): number {
  if (from === undefined) return forwards ? 1 : last;
  if (typeof from !== 'number' || !Number.isSafeInteger(from))
    throw new StoreError('InvalidArgument', `from must be a position, not ${describe(from)}`);
  if (!forwards && from > last) return last;
  if (forwards && from < 1) return 1;
  return from;
}

/** The first revision of a read of a stream: 0 forwards, the last backwards (a later one reads from the last). */
export function startRevision(fromRevision: unknown, forwards: boolean, lastRevision: number): number {
  if (fromRevision === undefined) return forwards ? 0 : lastRevision;
  if (typeof fromRevision !== 'number' || !Number.isSafeInteger(fromRevision) || fromRevision < 0) {
    throw new StoreError(
      'InvalidArgument',
      `fromRevision must be a whole number >= 0, not ${describe(fromRevision)}`,
    );
  }
  return !forwards && fromRevision > lastRevision ? lastRevision : fromRevision;
}

/** Where a subscription starts: after a position (0, the default, is the start of the log) or 'end'. */
export function subscribeAfter(after: unknown): number | 'end' {
  if (after === undefined) return 0;
  if (after === 'end' || (typeof after === 'number' && Number.isSafeInteger(after) && after >= 0))
    return after;
  throw new StoreError('InvalidArgument', `after must be a position >= 0 or "end", not ${describe(after)}`);
}

/** Events a page: the limit asked for (default 100), checked, and at most MAX_PAGE. */
export function pageLimit(limit: unknown): number {
  if (limit === undefined) return 100;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
    throw new StoreError('InvalidArgument', `limit must be a whole number >= 1, not ${describe(limit)}`);
  }
  return Math.min(limit, MAX_PAGE);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n (a bigint; pass a number)`;
  return String(value);
}
