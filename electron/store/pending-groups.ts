import type { Placed, StoredEvents } from './append-plan.js';
import type { EncodableEvent } from './event-line.js';

/** What every pending group carries: its planned events and where its bytes start in the segment. */
export interface PendingGroup {
  readonly events: readonly EncodableEvent[];
  readonly at: number;
  readonly byteCount: number;
}

/**
 * The groups of a pipelined group commit whose journal records are written but not yet on disk, oldest
 * first. They are not in the index (nothing reads an event before it is durable, and the index stays in
 * position order), so the next group is planned against the index as these groups will leave it:
 * `over(stored)` is that view.
 */
export class PendingGroups<G extends PendingGroup> {
  private readonly groups: G[] = [];
  /** Streams' last revisions as the pending groups leave them. */
  private readonly revisions = new Map<string, number>();
  private last: EncodableEvent | undefined;

  get size(): number {
    return this.groups.length;
  }

  get first(): G | undefined {
    return this.groups[0];
  }

  get newest(): G | undefined {
    return this.groups[this.groups.length - 1];
  }

  /** Where the next group's bytes go in the segment (defined while a group is pending). */
  get end(): number {
    const newest = this.newest;
    return newest === undefined ? 0 : newest.at + newest.byteCount;
  }

  push(group: G): void {
    this.groups.push(group);
    const { events } = group;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      // Runs of one stream set its revision once, with the run's last event.
      if (events[i + 1]?.stream !== event.stream) this.revisions.set(event.stream, event.revision);
    }
    if (events.length > 0) this.last = events[events.length - 1];
  }

  /** The oldest group, now durable and indexed. */
  shift(): G | undefined {
    const group = this.groups.shift();
    if (this.groups.length === 0) this.clear();
    return group;
  }

  /** Every pending group, taken off (after a failed write: none of them is written). */
  takeAll(): G[] {
    const all = this.groups.splice(0);
    this.clear();
    return all;
  }

  /** The stored events as the pending groups will leave them: what the next group is planned against. */
  over(stored: StoredEvents): StoredEvents {
    const lastPosition = (): number => this.last?.position ?? stored.lastPosition;
    return {
      get lastPosition() {
        return lastPosition();
      },
      lastRevision: (stream) =>
        (this.groups.length > 0 ? this.revisions.get(stream) : undefined) ?? stored.lastRevision(stream),
      findId: (stream, id) => this.findId(stream, id) ?? stored.findId(stream, id),
    };
  }

  /** A pending event of the stream with this id (looked for only when a caller chose ids: rare, and few). */
  private findId(stream: string, id: string): Placed | undefined {
    for (let g = this.groups.length - 1; g >= 0; g--) {
      const { events } = this.groups[g]!;
      for (let i = events.length - 1; i >= 0; i--) {
        const event = events[i]!;
        if (event.id === id && event.stream === stream) return { content: event, position: event.position };
      }
    }
    return undefined;
  }

  private clear(): void {
    this.revisions.clear();
    this.last = undefined;
  }
}
