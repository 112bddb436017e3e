import fs from 'node:fs';
import type { AppendResult, RecordedEvent } from '../../shared/event.js';
import { StoreError } from '../../shared/store-error.js';
import {
  planAppends,
  type AppendRequest,
  type AppendUnit,
  type Placed,
  type StoredContent,
  type StoredEvents,
  type UnitOutcome,
} from './append-plan.js';
import { hashId, type SegmentEntry } from './event-index.js';
import { encodeLines, lineHead, parseRecordedEvent, type EncodableEvent } from './event-line.js';
import type { Exclusive } from './exclusive.js';
import type { FileLock } from './file-lock.js';
import { IsoClock } from './iso-clock.js';
import { WriteLease } from './write-lease.js';
import { segmentName } from './folder-layout.js';
import { JournaledWrites, type SyncSegment } from './journaled-writes.js';
import { describeProblem, type LogProblem } from './log-problem.js';
import type { LogState } from './log-state.js';
import { createSegmentFile, sealSegment } from './segment-seal.js';
import type { Durability } from './store-options.js';

const RESOLVED = Promise.resolve();

interface Waiting extends AppendUnit {
  /** One `appendToStream`: resolved with its one result, rejected with its failure. */
  readonly single: boolean;
  readonly resolve: (value: AppendResult | UnitOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** What a batch planned and wrote, for its callers' answers. */
interface WrittenBatch {
  readonly outcomes: UnitOutcome[];
  readonly events: EncodableEvent[];
}

/**
 * Group commit: appends that arrive while a write is in flight wait together for the next one, which
 * catches up with other writers, writes every event in one write and syncs once.
 *
 * The cross-process lock is leased (write-lease.ts): kept while appends keep coming.
 *
 * With durability `always`, an append is written to the segment without syncing and made durable by a
 * record in the append journal (append-journal.ts); every new lease first replays the journal, so that
 * appends acknowledged before a power loss are back in their segment before anything reads or writes it.
 */
export class LogWriter {
  private queue: Waiting[] = [];
  private flushing = false;
  private fd: number | undefined;
  private fdSegment: string | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  private readonly lease: WriteLease;
  private readonly journal: JournaledWrites;
  private readonly clock = new IsoClock();

  constructor(
    private readonly state: LogState,
    private readonly lock: FileLock,
    private readonly exclusive: Exclusive,
    private readonly durability: Durability,
    private readonly syncIntervalMs: number,
    private readonly onWritten: (firstPosition: number, events: () => RecordedEvent[]) => void,
    onJournalProblems: () => void,
    journalBytes?: number,
  ) {
    this.journal = new JournaledWrites(state.layout, onJournalProblems, journalBytes);
    this.lease = new WriteLease(lock, () => this.flushing);
  }

  /** Problems replaying the journal found (health shows them with the log's own). */
  get problems(): readonly LogProblem[] {
    return this.journal.problems;
  }

  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult | UnitOutcome>((resolve, reject) => {
      this.enqueue({ requests: [request], atomic: true, single: true, resolve, reject });
    }) as Promise<AppendResult>;
  }

  /** Several requests planned together, in order (see AppendUnit); written in the same write. */
  appendUnit(unit: AppendUnit): Promise<UnitOutcome> {
    return new Promise<AppendResult | UnitOutcome>((resolve, reject) => {
      this.enqueue({ requests: unit.requests, atomic: unit.atomic, single: false, resolve, reject });
    }) as Promise<UnitOutcome>;
  }

  private enqueue(waiting: Waiting): void {
    this.queue.push(waiting);
    if (this.flushing) return;
    this.flushing = true;
    // One turn of the microtask queue first: appends made in the same turn (concurrent callers, the
    // callers a group commit just answered) join one batch. (A resolved promise's `then` costs less
    // than Node's queueMicrotask, which sets up async context for each callback.)
    void RESOLVED.then(this.drain);
  }

  /**
   * Writes the queued batches one after the other. A batch written without waiting (a kept lease and a
   * journaled write: every append of a loop) is done here and now, with no promise of its own.
   */
  private readonly drain = (): void => {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      let pending: Promise<void> | undefined;
      try {
        pending = this.exclusive.runNow(() => this.flush(batch));
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
        continue;
      }
      if (pending !== undefined) {
        pending.then(this.drain, (error: unknown) => {
          for (const waiting of batch) waiting.reject(error);
          this.drain();
        });
        return;
      }
    }
    this.flushing = false;
    this.lease.endWhenIdle();
  };

  /** Runs `section` holding the write lock (for repair), sharing the lease with appends. */
  async withLock<T>(section: () => Promise<T>): Promise<T> {
    return this.exclusive.run(async () => {
      await this.takeLease();
      try {
        return await section();
      } finally {
        this.lease.endWhenIdle();
      }
    });
  }

  /**
   * At open, when the journal holds records and nobody holds the lock: writes back what a power loss
   * took, before the open scan reads the log (and before the index cache is trusted).
   */
  replayAtOpen(): Promise<void> {
    return this.exclusive.run(() => {
      if (this.lockToReplay()) {
        try {
          this.journal.replay();
        } finally {
          this.lock.release();
        }
      }
      return Promise.resolve();
    });
  }

  private lockToReplay(): boolean {
    try {
      return this.journal.mayHoldRecords() && this.lock.tryAcquire();
    } catch {
      // Read-only media or an unreadable journal: the first append reports it, if there is one.
      return false;
    }
  }

  /**
   * Takes the lock unless the lease holds it, and on a new lease replays the journal; true when new. A kept
   * lease answers at once (`false`, not a promise): an append loop then takes no turn of the event loop.
   */
  private takeLease(): false | Promise<boolean> {
    return this.lease.keep() ? false : this.takeNewLease();
  }

  private async takeNewLease(): Promise<boolean> {
    const newLease = await this.lease.take();
    if (newLease) {
      try {
        this.journal.replay();
      } catch (error) {
        this.lease.end();
        throw error;
      }
    }
    return newLease;
  }

  /** Plans and writes the batch, then answers its callers; a promise only when it had to wait. */
  private flush(batch: Waiting[]): Promise<void> | undefined {
    let written: WrittenBatch | Promise<WrittenBatch>;
    try {
      written = this.writeBatch(batch);
    } catch (error) {
      // Whatever went wrong, the next writer (perhaps in another process) must re-read the log from scratch.
      this.lease.end();
      throw error;
    }
    if (!(written instanceof Promise)) {
      this.answer(batch, written);
      return undefined;
    }
    return written.then(
      (done) => this.answer(batch, done),
      (error: unknown) => {
        this.lease.end();
        throw error;
      },
    );
  }

  private writeBatch(batch: Waiting[]): WrittenBatch | Promise<WrittenBatch> {
    const taken = this.takeLease();
    if (taken === false) return this.writeLeased(batch);
    return taken.then(async (newLease) => {
      // Within a lease nobody else writes, so the index is up to date. Not looking also keeps a stat of the
      // segment off the hot path: with multigrain timestamps (Linux 6.13+), a stat between appends makes
      // every write update the segment's inode, and the synced journal write after it measurably slower.
      if (newLease) await this.state.catchUp({ underLock: true, thorough: true });
      return this.writeLeased(batch);
    });
  }

  private writeLeased(batch: Waiting[]): WrittenBatch | Promise<WrittenBatch> {
    this.assertWritable();
    const active = this.writableSegment();
    if (active === undefined) return this.startSegment().then((started) => this.planAndWrite(batch, started));
    return this.planAndWrite(batch, active);
  }

  private planAndWrite(batch: Waiting[], active: SegmentEntry): WrittenBatch | Promise<WrittenBatch> {
    const planned = planAppends(this.stored, batch, this.clock.now());
    if (planned.events.length === 0) return planned;
    const writing = this.write(active, planned.events);
    return writing === undefined ? planned : writing.then(() => planned);
  }

  private answer(batch: Waiting[], { outcomes, events }: WrittenBatch): void {
    for (let i = 0; i < batch.length; i++) {
      const waiting = batch[i]!;
      const outcome = outcomes[i]!;
      if (!waiting.single) waiting.resolve(outcome);
      else if (outcome.failure === undefined) waiting.resolve(outcome.results[0]!);
      else waiting.reject(outcome.failure.error);
    }
    const first = events[0];
    if (first !== undefined) this.onWritten(first.position, () => events.map(toRecordedEvent));
  }

  private assertWritable(): void {
    const journalProblem = this.journal.problems[0];
    if (journalProblem !== undefined) {
      throw new StoreError(
        'ReadOnly',
        `The folder is read-only: ${describeProblem(journalProblem)}. ` +
          'Repair keeps the journaled events in repairs/ and clears the journal',
        { problems: [journalProblem] },
      );
    }
    const corruption = this.state.corruption;
    if (corruption.length > 0) {
      throw new StoreError(
        'ReadOnly',
        `The folder is read-only because its log is damaged: ${describeProblem(corruption[0]!)}` +
          (corruption.length > 1
            ? ` (and ${corruption.length - 1} more problems; run eventfold verify)`
            : ''),
        { problems: corruption.slice(0, 20) },
      );
    }
    const tail = this.state.tail;
    if (tail?.torn === true) {
      throw new StoreError(
        'TornTail',
        `log/${tail.segment} ends with ${tail.bytes} bytes of an interrupted append (from byte ${tail.offset}); ` +
          'run `eventfold repair` to cut them before appending',
        { tail },
      );
    }
  }

  /** The segment appends go to, when it exists and has room. */
  private writableSegment(): SegmentEntry | undefined {
    const active = this.state.activeSegment;
    return active !== undefined && active.size < this.state.manifest.segmentSizeLimit ? active : undefined;
  }

  /** Creates the first segment, or seals the full one and starts the next. */
  private async startSegment(): Promise<SegmentEntry> {
    const { state } = this;
    const active = state.activeSegment;
    if (active === undefined) {
      const name = segmentName(1);
      await createSegmentFile(state.layout, name);
      return state.index.addSegment(name, 1);
    }
    const next = segmentName(state.index.lastPosition + 1);
    await this.journal.beforeSeal(active.name, active.size, this.syncSegment);
    await sealSegment(state.layout, state.files, active, next);
    this.closeFd();
    return state.index.addSegment(next, state.index.lastPosition + 1);
  }

  /** Writes the events and indexes them; undefined when done without waiting (a journaled append). */
  private write(active: SegmentEntry, events: EncodableEvent[]): Promise<void> | undefined {
    // Most batches are one stream (or a few): its JSON form is computed once, not per event.
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
    const { bytes, lineEnds } = encodeLines(heads);
    const fd = this.descriptor(active.name);
    const at = active.size;
    const undo = (error: unknown): never => {
      // Leave the log as it was: a half-written batch must not become a torn tail for the next writer.
      try {
        fs.ftruncateSync(fd, at);
      } catch {
        // The next writer will find the tail and report it; nothing acknowledged is at stake.
      }
      throw error;
    };
    let writing: Promise<void> | undefined;
    try {
      writing =
        this.durability === 'always'
          ? this.journal.write(fd, active.name, bytes, at, this.syncSegment)
          : writeAt(fd, bytes, at);
    } catch (error) {
      undo(error);
    }
    if (writing === undefined) {
      this.written(active, events, fd, at, bytes.length, lineEnds);
      return undefined;
    }
    return writing.then(() => this.written(active, events, fd, at, bytes.length, lineEnds), undo);
  }

  /** Indexes events just written at `at` of the active segment. */
  private written(
    active: SegmentEntry,
    events: EncodableEvent[],
    fd: number,
    at: number,
    byteCount: number,
    lineEnds: readonly number[],
  ): void {
    const { index } = this.state;
    let offset = at;
    // A batch is mostly one stream and a few types: look each up once a run, not once an event.
    let runStream = '';
    let streamNumber = -1;
    let runType = '';
    let typeNumber = -1;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.stream !== runStream || streamNumber < 0) {
        runStream = event.stream;
        streamNumber = index.internStream(runStream);
      }
      if (event.type !== runType || typeNumber < 0) {
        runType = event.type;
        typeNumber = index.internType(runType);
      }
      index.add(active, event.position, offset, streamNumber, typeNumber, hashId(event.id));
      offset = at + lineEnds[i]!;
    }
    active.size = at + byteCount;
    active.lines += events.length;
    if (this.durability === 'batched') this.scheduleSync(fd);
  }

  private readonly syncSegment: SyncSegment = async (segment) => {
    if (this.fd !== undefined && this.fdSegment === segment) return fdatasync(this.fd);
    let fd: number;
    try {
      fd = fs.openSync(this.state.layout.segment(segment), 'r+');
    } catch (error) {
      // A record naming a segment that is gone was reported by replay; there is nothing to sync.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      await fdatasync(fd);
    } finally {
      fs.closeSync(fd);
    }
  };

  /**
   * Repair, under the lock: keeps the journaled appends that could not be written back in repairs/, then
   * retires them, which makes the folder writable again.
   */
  setAsideJournal(): Promise<{ keptIn: string; events: number } | undefined> {
    const active = this.state.activeSegment;
    return this.journal.setAside(
      active === undefined ? { segment: segmentName(1), end: 0 } : { segment: active.name, end: active.size },
      this.syncSegment,
    );
  }

  private descriptor(segment: string): number {
    if (this.fd !== undefined && this.fdSegment === segment) return this.fd;
    this.closeFd();
    this.fd = fs.openSync(this.state.layout.segment(segment), fs.constants.O_RDWR);
    this.fdSegment = segment;
    return this.fd;
  }

  private scheduleSync(fd: number): void {
    this.syncTimer ??= setTimeout(() => {
      this.syncTimer = undefined;
      fs.fdatasync(fd, () => undefined);
    }, this.syncIntervalMs);
  }

  /** The index as planning sees it. Within a lease nobody else writes, so it is the whole log. */
  private readonly stored: StoredEvents = ((writer: LogWriter): StoredEvents => ({
    get lastPosition() {
      return writer.state.index.lastPosition;
    },
    lastRevision: (stream) => writer.state.index.lastRevision(stream),
    findId: (stream, id) => {
      const { index } = writer.state;
      const streamNumber = index.streamNumber(stream);
      if (streamNumber === undefined) return undefined;
      for (const position of index.positionsWithIdHash(hashId(id))) {
        if (index.streamOf.get(position - 1) !== streamNumber) continue;
        const content = writer.readStored(position);
        if (content.id === id) return { content, position } satisfies Placed;
      }
      return undefined;
    },
  }))(this);

  private readStored(position: number): StoredContent {
    const located = this.state.index.locate(position);
    if (located === undefined) return { id: '', type: '', dataJson: '', metaJson: '' };
    const line = this.state.files.readSync(
      located.segment.name,
      located.offset,
      located.end - located.offset,
    );
    const event = parseRecordedEvent(line, 0, line.length - 1);
    return {
      id: event.id,
      type: event.type,
      dataJson: JSON.stringify(event.data),
      metaJson: JSON.stringify(event.meta),
    };
  }

  /**
   * Waits for queued appends, syncs what `batched` or `none` left unsynced, retires this process's journal
   * records (syncing their segment) when the lock is to be had without waiting, and closes the files.
   */
  async close(): Promise<void> {
    while (this.flushing) await this.exclusive.idle();
    await this.exclusive.idle();
    this.lease.cancelIdleEnd();
    await this.retireJournal();
    this.lease.end();
    if (this.syncTimer !== undefined) clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    if (this.fd !== undefined && this.durability !== 'always') fs.fdatasyncSync(this.fd);
    this.closeFd();
    this.journal.close();
  }

  private async retireJournal(): Promise<void> {
    if (!this.journal.unretired) return;
    try {
      if (!this.lock.held) {
        if (!this.lock.tryAcquire()) return;
        this.journal.replay();
      }
      await this.journal.retire(this.syncSegment);
    } catch {
      // The records stay valid, which is harmless: replay finds their bytes in place.
    }
  }

  private closeFd(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    this.fdSegment = undefined;
  }
}

function writeAt(fd: number, bytes: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (done: number): void => {
      fs.write(fd, bytes, done, bytes.length - done, position + done, (error, written) => {
        if (error) reject(error);
        else if (done + written < bytes.length) step(done + written);
        else resolve();
      });
    };
    step(0);
  });
}

function fdatasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

function toRecordedEvent(event: EncodableEvent): RecordedEvent {
  return {
    position: event.position,
    stream: event.stream,
    revision: event.revision,
    id: event.id,
    type: event.type,
    time: event.time,
    data: JSON.parse(event.dataJson) as RecordedEvent['data'],
    meta: JSON.parse(event.metaJson) as RecordedEvent['meta'],
  };
}
