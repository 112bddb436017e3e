import type { AppendResult, ExpectedRevision } from '../../shared/event.js';
import { StoreError, WrongExpectedRevisionError } from '../../shared/store-error.js';
import type { EncodableEvent } from './event-line.js';
import type { PreparedEvent } from './event-validation.js';

export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
}

/**
 * Requests that are planned together: one `appendToStream` is a unit of one request; `appendMany` is a
 * unit of several, either `atomic` (all or none, one `more` chain across them) or in order until the first
 * that fails.
 */
export interface AppendUnit {
  readonly requests: readonly AppendRequest[];
  readonly atomic: boolean;
}

/** What became of a unit: a result for each request planned, and the failure that stopped it, if any. */
export interface UnitOutcome {
  readonly results: AppendResult[];
  readonly failure: { readonly index: number; readonly error: StoreError } | undefined;
}

/** The content an id is compared on, to tell a safe retry from a clash. */
export interface StoredContent {
  readonly id: string;
  readonly type: string;
  readonly dataJson: string;
  readonly metaJson: string;
}

export interface Placed {
  readonly content: StoredContent;
  readonly position: number;
}

/** What planning needs to know of the events already stored (the folder's index, or the memory store). */
export interface StoredEvents {
  readonly lastPosition: number;
  /** The stream's last revision; -1 when it has no events. */
  lastRevision(stream: string): number;
  /** The stored event of the stream with this id, if there is one. */
  findId(stream: string, id: string): Placed | undefined;
}

interface Undo {
  readonly stream: string;
  readonly revision: number | undefined;
  readonly ids: readonly string[];
}

/**
 * Decides, for the units of one group commit in order, which requests are written, which are retries of
 * events already stored, and which fail; and gives the written events their positions and revisions.
 * Requests earlier in the batch count as already stored for later ones, exactly as if they had been
 * separate writes.
 */
export function planAppends(
  stored: StoredEvents,
  units: readonly AppendUnit[],
  time: string,
): { outcomes: UnitOutcome[]; events: EncodableEvent[] } {
  // A lone one-request unit (an append loop's every write) needs no record of what the batch placed.
  const lone = units.length === 1 && units[0]!.requests.length === 1;
  const plan = new AppendPlan(stored, time, lone);
  const outcomes = new Array<UnitOutcome>(units.length);
  for (let i = 0; i < units.length; i++) outcomes[i] = plan.add(units[i]!);
  return { outcomes, events: plan.events };
}

class AppendPlan {
  readonly events: EncodableEvent[] = [];
  private nextPosition: number;
  /** Streams' last revisions as this batch leaves them; none when the batch is one request. */
  private readonly lastRevision: Map<string, number> | undefined;
  /** Per stream, the events with ids the caller chose that this batch places (later requests may repeat them). */
  private readonly placedInBatch: Map<string, Map<string, Placed>> | undefined;
  /** While an atomic unit is planned: how to take back what it placed, should one of its requests fail. */
  private undo: Undo[] | undefined;

  constructor(
    private readonly stored: StoredEvents,
    private readonly time: string,
    lone: boolean,
  ) {
    this.nextPosition = stored.lastPosition + 1;
    if (!lone) {
      this.lastRevision = new Map();
      this.placedInBatch = new Map();
    }
  }

  add(unit: AppendUnit): UnitOutcome {
    const multiple = unit.atomic && unit.requests.length > 1;
    const firstEvent = this.events.length;
    const firstPosition = this.nextPosition;
    if (multiple) this.undo = [];
    const results: AppendResult[] = [];
    try {
      const { requests } = unit;
      for (let index = 0; index < requests.length; index++) {
        try {
          results.push(this.request(requests[index]!));
        } catch (error) {
          if (!(error instanceof StoreError)) throw error;
          if (multiple) {
            this.rollBack(firstEvent, firstPosition);
            return { results: [], failure: { index, error } };
          }
          return { results, failure: { index, error } };
        }
      }
    } finally {
      this.undo = undefined;
    }
    // One atomic append across streams is one `more` chain: a reader sees all of it or none of it.
    if (multiple) this.chain(firstEvent);
    return { results, failure: undefined };
  }

  /** Plans one request; throws a StoreError (having changed nothing) when it cannot be appended. */
  private request(request: AppendRequest): AppendResult {
    const { stream } = request;
    const current = this.lastRevision?.get(stream) ?? this.stored.lastRevision(stream);
    const retry = this.findRetry(request, current);
    if (retry !== undefined) return retry;
    checkExpected(stream, request.expected, current);
    // Looked up at the first id the caller chose: an import of a million events without ids never does.
    let batchPlaced: Map<string, Placed> | undefined;
    // Only an atomic unit can take a request back; the ids it placed are noted for that.
    const ids: string[] | undefined = this.undo === undefined ? undefined : [];
    if (ids !== undefined) this.undo?.push({ stream, revision: this.lastRevision?.get(stream), ids });
    const first = this.nextPosition;
    const { events } = request;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      const encodable: EncodableEvent = {
        position: this.nextPosition++,
        stream,
        revision: current + 1 + i,
        id: event.id,
        type: event.type,
        time: this.time,
        dataJson: event.dataJson,
        metaJson: event.metaJson,
        more: events.length - 1 - i,
      };
      this.events.push(encodable);
      if (event.idGiven && this.placedInBatch !== undefined) {
        batchPlaced ??= this.placedInBatch.get(stream);
        if (batchPlaced === undefined)
          this.placedInBatch.set(stream, (batchPlaced = new Map<string, Placed>()));
        batchPlaced.set(event.id, { content: event, position: encodable.position });
        ids?.push(event.id);
      }
    }
    this.lastRevision?.set(stream, current + events.length);
    return {
      firstPosition: first,
      lastPosition: this.nextPosition - 1,
      nextExpectedRevision: current + events.length,
      duplicate: false,
    };
  }

  private rollBack(firstEvent: number, firstPosition: number): void {
    for (const { stream, revision, ids } of (this.undo ?? []).reverse()) {
      if (revision === undefined) this.lastRevision?.delete(stream);
      else this.lastRevision?.set(stream, revision);
      const placed = this.placedInBatch?.get(stream);
      for (const id of ids) placed?.delete(id);
    }
    this.events.length = firstEvent;
    this.nextPosition = firstPosition;
  }

  private chain(firstEvent: number): void {
    const last = this.events.length - 1;
    for (let i = firstEvent; i <= last; i++) this.events[i] = { ...this.events[i]!, more: last - i };
  }

  /** An append whose events are all stored already with the same content is a retry: it succeeds as before. */
  private findRetry(request: AppendRequest, current: number): AppendResult | undefined {
    // Most appends give no ids (the store makes them): nothing to look up, nothing to allocate.
    let found: Placed[] | undefined;
    let batchPlaced: Map<string, Placed> | undefined | null = null;
    for (let i = 0; i < request.events.length; i++) {
      const event = request.events[i]!;
      if (!event.idGiven) continue;
      if (batchPlaced === null) batchPlaced = this.placedInBatch?.get(request.stream);
      const stored = batchPlaced?.get(event.id) ?? this.stored.findId(request.stream, event.id);
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
          { stream: request.stream, id: event.id, position: stored.position, event: i + 1 },
        );
      }
      (found ??= []).push(stored);
    }
    if (found === undefined) return undefined;
    if (found.length < request.events.length) {
      throw new StoreError(
        'DuplicateEventId',
        `Some events of this append are already in stream "${request.stream}" (id ${found[0]?.content.id ?? ''} at position ${found[0]?.position ?? 0}) and some are not; a retry must repeat the whole append`,
        { stream: request.stream, ids: found.map((event) => event.content.id) },
      );
    }
    let firstPosition = found[0]!.position;
    let lastPosition = firstPosition;
    for (const { position } of found) {
      if (position < firstPosition) firstPosition = position;
      if (position > lastPosition) lastPosition = position;
    }
    return { firstPosition, lastPosition, nextExpectedRevision: current, duplicate: true };
  }
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
