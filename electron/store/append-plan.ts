import type { AppendResult, ExpectedRevision } from '../../shared/event.js';
import { StoreError, WrongExpectedRevisionError } from '../../shared/store-error.js';
import { hashId, type EventIndex } from './event-index.js';
import type { EncodableEvent } from './event-line.js';
import type { PreparedEvent } from './event-validation.js';

export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
}

/** What became of one request of a batch. */
export type AppendOutcome =
  | { readonly kind: 'write'; readonly result: AppendResult }
  | { readonly kind: 'done'; readonly result: AppendResult }
  | { readonly kind: 'error'; readonly error: StoreError };

/** The content an id is compared on, to tell a safe retry from a clash. */
export interface StoredContent {
  readonly id: string;
  readonly type: string;
  readonly dataJson: string;
  readonly metaJson: string;
}

interface Placed {
  readonly content: StoredContent;
  readonly position: number;
}

/**
 * Decides, for the requests of one group commit in order, which are written, which are retries of events
 * already stored, and which fail; and gives the written events their positions and revisions. Requests
 * earlier in the batch count as already stored for later ones, exactly as if they had been separate writes.
 */
export function planAppends(
  index: EventIndex,
  requests: readonly AppendRequest[],
  time: string,
  readStored: (position: number) => StoredContent,
): { outcomes: AppendOutcome[]; events: EncodableEvent[] } {
  const outcomes: AppendOutcome[] = [];
  const events: EncodableEvent[] = [];
  const lastRevision = new Map<string, number>();
  const placedInBatch = new Map<string, Placed[]>();
  let nextPosition = index.lastPosition + 1;

  for (const request of requests) {
    const { stream } = request;
    const current = lastRevision.get(stream) ?? index.lastRevision(stream);
    const batchPlaced = placedInBatch.get(stream) ?? [];
    try {
      const duplicate = findRetry(index, request, batchPlaced, readStored, current);
      if (duplicate !== undefined) {
        outcomes.push({ kind: 'done', result: duplicate });
        continue;
      }
      checkExpected(stream, request.expected, current);
    } catch (error) {
      outcomes.push({ kind: 'error', error: error as StoreError });
      continue;
    }
    const first = nextPosition;
    request.events.forEach((event, i) => {
      const encodable: EncodableEvent = {
        position: nextPosition++,
        stream,
        revision: current + 1 + i,
        id: event.id,
        type: event.type,
        time,
        dataJson: event.dataJson,
        metaJson: event.metaJson,
        more: request.events.length - 1 - i,
      };
      events.push(encodable);
      batchPlaced.push({ content: event, position: encodable.position });
    });
    placedInBatch.set(stream, batchPlaced);
    lastRevision.set(stream, current + request.events.length);
    outcomes.push({
      kind: 'write',
      result: {
        firstPosition: first,
        lastPosition: nextPosition - 1,
        nextExpectedRevision: current + request.events.length,
        duplicate: false,
      },
    });
  }
  return { outcomes, events };
}

function checkExpected(stream: string, expected: ExpectedRevision, current: number): void {
  const actual = current === -1 ? 'no-stream' : current;
  const holds =
    expected === 'any' ||
    (expected === 'no-stream' && current === -1) ||
    (expected === 'exists' && current >= 0) ||
    expected === current;
  if (!holds) throw new WrongExpectedRevisionError(stream, expected, actual);
}

/** An append whose events are all stored already with the same content is a retry: it succeeds as before. */
function findRetry(
  index: EventIndex,
  request: AppendRequest,
  batchPlaced: readonly Placed[],
  readStored: (position: number) => StoredContent,
  current: number,
): AppendResult | undefined {
  const given = request.events.filter((event) => event.idGiven);
  if (given.length === 0) return undefined;
  const found: Placed[] = [];
  for (const event of given) {
    const stored = findStored(index, request.stream, event.id, batchPlaced, readStored);
    if (stored === undefined) continue;
    const { content } = stored;
    if (
      content.type !== event.type ||
      content.dataJson !== event.dataJson ||
      content.metaJson !== event.metaJson
    ) {
      throw new StoreError(
        'DuplicateEventId',
        `Event id ${event.id} is already in stream "${request.stream}" at position ${stored.position} with different content`,
        { stream: request.stream, id: event.id, position: stored.position },
      );
    }
    found.push(stored);
  }
  if (found.length === 0) return undefined;
  if (found.length < request.events.length) {
    throw new StoreError(
      'DuplicateEventId',
      `Some events of this append are already in stream "${request.stream}" (id ${found[0]?.content.id ?? ''} at position ${found[0]?.position ?? 0}) and some are not; a retry must repeat the whole append`,
      { stream: request.stream, ids: found.map((event) => event.content.id) },
    );
  }
  const positions = found.map((event) => event.position);
  return {
    firstPosition: Math.min(...positions),
    lastPosition: Math.max(...positions),
    nextExpectedRevision: current,
    duplicate: true,
  };
}

function findStored(
  index: EventIndex,
  stream: string,
  id: string,
  batchPlaced: readonly Placed[],
  readStored: (position: number) => StoredContent,
): Placed | undefined {
  const inBatch = batchPlaced.find((event) => event.content.id === id);
  if (inBatch !== undefined) return inBatch;
  const streamNumber = index.streamNumber(stream);
  if (streamNumber === undefined) return undefined;
  for (const position of index.positionsWithIdHash(hashId(id))) {
    if (index.streamOf.get(position - 1) !== streamNumber) continue;
    const stored = readStored(position);
    if (stored.id === id) return { content: stored, position };
  }
  return undefined;
}
