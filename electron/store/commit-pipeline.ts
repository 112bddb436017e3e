import fs from 'node:fs';
import type { StoredEvents, UnitOutcome } from './append-plan.js';
import type { SegmentEntry } from './event-index.js';
import { encodeLines, lineHead, type EncodableEvent } from './event-line.js';
import { PendingGroups } from './pending-groups.js';
import { PipelineGauge } from './pipeline-gauge.js';

/** What a batch planned and wrote, for its callers' answers. */
export interface WrittenBatch {
  readonly outcomes: UnitOutcome[];
  readonly events: EncodableEvent[];
}

/** A batch's lines, encoded. */
export interface Encoded {
  readonly bytes: Buffer;
  readonly lineEnds: readonly number[];
}

/** A group of the pipeline: written to the page cache, its journal record on its way to disk. */
export interface Group<W> {
  readonly batch: W[];
  readonly planned: WrittenBatch;
  readonly events: EncodableEvent[];
  readonly active: SegmentEntry;
  readonly fd: number;
  readonly at: number;
  readonly byteCount: number;
  readonly lineEnds: readonly number[];
  /** Batches planned to nothing new (retries, refusals), answered right after this group. */
  readonly riders: { batch: W[]; planned: WrittenBatch }[];
}

/** What the pipeline needs of the writer (log-writer.ts), which holds the queue, the index and the lease. */
export interface PipelineHost<W> {
  /** How many appends are queued. */
  queued(): number;
  /** Takes everything queued. */
  takeQueue(): W[];
  /** Puts a batch back at the head of the queue: the flush after the pipeline writes it. */
  putBack(batch: W[]): void;
  plan(batch: W[]): WrittenBatch;
  activeSegment(): SegmentEntry | undefined;
  segmentSizeLimit(): number;
  /** Whether the journal can chain a record for these bytes now (JournaledWrites.fitsChained). */
  fits(segment: string, at: number, byteCount: number): boolean;
  /** Writes the bytes to the page cache and chains their record (JournaledWrites.writeChained). */
  writeChained(segment: string, bytes: Buffer, at: number): { fd: number; durable: Promise<void> };
  /** Indexes a group that is on disk. */
  indexed(group: Group<W>): void;
  answer(batch: W[], planned: WrittenBatch): void;
  /** After a failure: the next writer must read the log and the journal afresh. */
  endLease(): void;
}

interface Rejectable {
  readonly reject: (error: unknown) => void;
}

/** The answer of a flush whose callers the pipeline answered itself, group by group. */
export const ANSWERED = 'answered';

/**
 * Pipelined group commit (durability `always`, many appends waiting): while a group's journal record is
 * being synced (off the main thread), the next group is planned, encoded and written to the page cache,
 * and its record is chained to be synced right after. Records reach the disk one at a time in order, and a
 * group is indexed and answered only once its record (and so every one before it) is on disk: nothing is
 * acknowledged, indexed or seen by a reader out of order. The next group is planned against the index as
 * the pending groups will leave it (`over`). A failed write fails its group and every group after it (they
 * were planned on top of it) and cuts the segment back to where the group began.
 *
 * A pipelined flush is one section of the writer's Exclusive: nothing else (a catch-up, a seal, a
 * checkpoint) runs until every group it took is answered.
 */
export class CommitPipeline<W extends Rejectable> {
  private readonly pending = new PendingGroups<Group<W>>();
  /** Ends the pipelined flush (once no group is pending). */
  private end: ((answered: typeof ANSWERED) => void) | undefined;
  private preparing = false;
  /** A group failed: the lease ends with the flush. */
  private failed = false;

  /** CPU time when the last group was answered: its callers' next appends make the next group (for the gauge). */
  private answeredAt: number | undefined;

  constructor(
    private readonly gauge: PipelineGauge,
    private readonly host: PipelineHost<W>,
  ) {}

  /** The stored events as the pending groups will leave them: what planning sees. */
  over(stored: StoredEvents): StoredEvents {
    return this.pending.over(stored);
  }

  /** Starts a pipelined flush with its first group; resolves once every group it took is answered. */
  start(batch: W[], planned: WrittenBatch, active: SegmentEntry, encoded: Encoded): Promise<typeof ANSWERED> {
    // A failure here (nothing pending yet) goes to the batch's callers through the writer's flush.
    this.addGroup(batch, planned, active, encoded, active.size);
    const ended = new Promise<typeof ANSWERED>((resolve) => (this.end = resolve));
    this.prepareMore();
    return ended;
  }

  /** An append was queued: while a record is being synced, it joins the next group (after this turn's others). */
  prepareSoon(): void {
    if (this.pending.size === 0 || this.preparing) return;
    this.preparing = true;
    void Promise.resolve().then(this.prepareMore);
  }

  /**
   * Plans, encodes and writes to the page cache what queued while a record is being synced, as the next
   * group. What cannot join the pipeline (a new segment, a journal checkpoint) stays queued for the flush
   * after it.
   */
  private readonly prepareMore = (): void => {
    this.preparing = false;
    const { host } = this;
    const newest = this.pending.newest;
    if (newest === undefined) return;
    const { active } = newest;
    const at = this.pending.end;
    if (active !== host.activeSegment() || at >= host.segmentSizeLimit()) return;
    // Syncs have grown slower than the work they overlap: the rest waits for the pipeline to end and goes
    // in one write with the appends answered meanwhile.
    if (!this.gauge.worthSplitting(2 * host.queued())) return;
    const batch = host.takeQueue();
    if (batch.length === 0) return;
    const planned = host.plan(batch);
    if (planned.events.length === 0) {
      newest.riders.push({ batch, planned });
      return;
    }
    const encoded = encode(planned.events);
    if (!host.fits(active.name, at, encoded.bytes.length)) {
      host.putBack(batch);
      return;
    }
    try {
      this.addGroup(batch, planned, active, encoded, at);
      // The main thread's work of a cycle: answering a group, its callers' next appends, preparing them.
      if (this.answeredAt !== undefined)
        this.gauge.worked(PipelineGauge.cpuMs() - this.answeredAt, batch.length);
      this.answeredAt = undefined;
    } catch (error) {
      // Not written (the segment was cut back); the journal must be read afresh, under a new lease.
      this.failed = true;
      for (const waiting of batch) waiting.reject(error);
    }
  };

  /** Writes a group's lines to the page cache and chains its journal record. */
  private addGroup(
    batch: W[],
    planned: WrittenBatch,
    active: SegmentEntry,
    encoded: Encoded,
    at: number,
  ): void {
    const { fd, durable } = this.host.writeChained(active.name, encoded.bytes, at);
    const group: Group<W> = {
      batch,
      planned,
      events: planned.events,
      active,
      fd,
      at,
      byteCount: encoded.bytes.length,
      lineEnds: encoded.lineEnds,
      riders: [],
    };
    this.pending.push(group);
    durable.then(
      () => this.durable(group),
      (error: unknown) => this.failure(group, error),
    );
  }

  /** The oldest group's record is on disk (and so is every one before it): index it, answer its callers. */
  private durable(group: Group<W>): void {
    this.answeredAt = PipelineGauge.cpuMs();
    this.pending.shift();
    this.host.indexed(group);
    this.host.answer(group.batch, group.planned);
    for (const rider of group.riders) this.host.answer(rider.batch, rider.planned);
    if (this.pending.size === 0) this.finish();
  }

  /** A record could not be written: its group and every later one (planned on top of it) fail. */
  private failure(group: Group<W>, error: unknown): void {
    // The later groups' records fail with it; the first failure dealt with them all.
    if (this.pending.first !== group) return;
    truncateQuietly(group.fd, group.at);
    this.failed = true;
    for (const failed of this.pending.takeAll()) {
      for (const waiting of failed.batch) waiting.reject(error);
      for (const rider of failed.riders) for (const waiting of rider.batch) waiting.reject(error);
    }
    this.finish();
  }

  private finish(): void {
    if (this.failed) {
      this.failed = false;
      this.host.endLease();
    }
    const end = this.end;
    this.end = undefined;
    end?.(ANSWERED);
  }
}

/** A batch's lines. Most batches are one stream (or a few): its JSON form is computed once, not per event. */
export function encode(events: readonly EncodableEvent[]): Encoded {
  let streamJson = '';
  let stream: string | undefined;
  const heads = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.stream !== stream) {
      stream = event.stream;
      streamJson = JSON.stringify(stream);
    }
    heads[i] = lineHead(event, streamJson);
  }
  return encodeLines(heads);
}

/** Cuts a segment back to where a failed write began (a half-written group must not become a torn tail). */
export function truncateQuietly(fd: number, at: number): void {
  try {
    fs.ftruncateSync(fd, at);
  } catch {
    // The next writer will find the tail and report it; nothing acknowledged is at stake.
  }
}
