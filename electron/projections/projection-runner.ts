import type { EventStore } from '../store/index.js';
import { CHECKPOINT_FORMAT } from './checkpoint-file.js';
import { checkpointMatches } from './checkpoint-match.js';
import { ProjectionCache, CACHE_FORMAT, type Checkpoint, type SkippedEvent } from './projection-cache.js';
import type { ProjectionCode } from './projection-code.js';
import { ProjectionError } from './projection-error.js';
import { ProjectionFault } from './projection-fault.js';
import { ProjectionProcess, type FoldAnswer, type WorkerLimits } from './projection-process.js';
import { ProgressSignal } from './progress-signal.js';
import { nextSnapshotAt, spacingFor, thinSnapshots, MAX_SNAPSHOTS } from './snapshot-policy.js';
import type { FoldOutcome, ProjectionShape } from './sandbox/sandbox-protocol.js';
import { addHoles, NO_HOLES, type Holes } from './holes.js';

export type ProjectionPath = readonly (string | number)[];

export interface ProjectionStatus {
  readonly name: string;
  readonly kind: 'user' | 'builtin';
  readonly file: string | null;
  /**
   * idle: not started (nothing has asked for its state since the folder opened); starting: loading;
   * running: catching up or following the log.
   */
  readonly status: 'idle' | 'starting' | 'running' | 'faulted' | 'stopped' | 'untrusted' | 'invalid';
  /** The last position folded (0 while idle). */
  readonly position: number;
  readonly fault: { readonly position: number | null; readonly error: string } | null;
  readonly skipped: readonly SkippedEvent[];
  /** Positions the fold passed over because the log has no event there (damaged lines, as for `read`). */
  readonly holes: Holes;
  readonly shape: ProjectionShape | null;
}

export interface PathChange {
  readonly position: number;
  /** The path's value before and after the event; absent when the path did not exist. */
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface RunnerOptions extends WorkerLimits {
  /** Follow appends after catching up (default true). */
  readonly follow?: boolean;
  readonly snapshotEvery?: number;
  readonly maxSnapshots?: number;
  /** Positions folded, while catching up. */
  readonly onProgress?: (position: number) => void;
  readonly onStatus?: (status: ProjectionStatus) => void;
}

/** While following the log, a checkpoint is written at most this often. */
const CHECKPOINT_EVERY_MS = 1_000;

/** A piece of a catch-up asked of the live fold: up to `to`. */
interface Piece {
  readonly to: number;
  readonly answer: Promise<FoldAnswer>;
}

interface Saved {
  readonly position: number;
  readonly stateText: string | null;
  /** The id of the event at `position`; undefined until a checkpoint needs it (it is read then). */
  readonly eventId: string | null | undefined;
}

/**
 * One projection over one open folder: resumes from its checkpoint (or rebuilds when the checkpoint is
 * missing, made by other code, or does not match the log), catches up, follows appends, takes snapshots,
 * and answers time travel (state at a position, around an event, history of a path) from the nearest
 * snapshot plus a replay in the worker's second fold. Faults stop the projection at the event; `skip`
 * records that event as skipped (in the checkpoint) and goes on.
 */
export class ProjectionRunner {
  private worker: ProjectionProcess | undefined;
  private starting: Promise<ProjectionProcess> | undefined;
  private readonly cache: ProjectionCache;
  private status: 'starting' | 'running' | 'faulted' | 'stopped' = 'starting';
  private live = 0;
  private saved: Saved = { position: 0, stateText: null, eventId: null };
  private skipped: SkippedEvent[] = [];
  private holes: Holes = NO_HOLES;
  /** The live fold has reported the holes up to here (a fold again over them, after a skip, does not). */
  private holesThrough = 0;
  private fault: ProjectionStatus['fault'] = null;
  private snapshots: number[] = [];
  private every: number;
  private liveChain: Promise<void> = Promise.resolve();
  private scratchChain: Promise<unknown> = Promise.resolve();
  private writes: Promise<void> = Promise.resolve();
  private catchUpQueued = false;
  private lastCheckpointAt = 0;
  /** The position of the last checkpoint written (or being written): snapshots capture more often. */
  private checkpointedAt = -1;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private stopFollowing: (() => void) | undefined;
  /** Settles when the live fold moves on (or a catch-up ends): what time travel ahead of it waits for. */
  private readonly progressed = new ProgressSignal();
  private closed = false;

  private constructor(
    private readonly store: EventStore,
    private code: ProjectionCode,
    private readonly options: RunnerOptions,
  ) {
    this.cache = new ProjectionCache(store.folder, code.cacheName);
    this.every = options.snapshotEvery ?? spacingFor(store.lastPosition, options.maxSnapshots);
  }

  /** Forgets the checkpoint, snapshots and skips and starts: `rebuild` for a projection not started yet. */
  static async startFresh(
    store: EventStore,
    code: ProjectionCode,
    options: RunnerOptions = {},
  ): Promise<ProjectionRunner> {
    await new ProjectionCache(store.folder, code.cacheName).clear();
    return ProjectionRunner.start(store, code, options);
  }

  /** Starts the projection; resolves once it is loaded (catching up goes on: see `caughtUp`). */
  static async start(
    store: EventStore,
    code: ProjectionCode,
    options: RunnerOptions = {},
  ): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner(store, code, options);
    await runner.enqueue(() => runner.open());
    if (options.follow !== false) {
      runner.stopFollowing = store.onAppended(() => runner.scheduleCatchUp());
    }
    runner.scheduleCatchUp();
    return runner;
  }

  get name(): string {
    return this.code.name;
  }

  get hash(): string {
    return this.code.hash;
  }

  describe(): ProjectionStatus {
    return {
      name: this.code.name,
      kind: this.code.kind,
      file: this.code.file,
      status: this.status,
      position: this.live,
      fault: this.fault,
      skipped: this.skipped,
      holes: this.holes,
      shape: this.worker?.shape ?? null,
    };
  }

  /** Resolves when the projection has folded the whole log as it stands (or stopped at a fault). */
  async caughtUp(): Promise<ProjectionStatus> {
    while (this.catchUpQueued || this.live < this.store.lastPosition) {
      await this.liveChain;
      if (this.status !== 'running' && this.status !== 'starting') break;
      if (!this.catchUpQueued && this.live < this.store.lastPosition) this.scheduleCatchUp();
    }
    await this.liveChain;
    return this.describe();
  }

  /** The state at `position` (0 = before the first event). */
  async stateAt(position: number): Promise<unknown> {
    this.checkPosition(position, 0);
    await this.reached(position);
    return this.scratch(async (worker) => {
      await this.seek(worker, position);
      return JSON.parse(await worker.state('scratch')) as unknown;
    });
  }

  /** The states before and after the event at `position`. */
  async around(position: number): Promise<{ before: unknown; after: unknown }> {
    this.checkPosition(position, 1);
    await this.reached(position);
    return this.scratch(async (worker) => {
      await this.seek(worker, position - 1);
      const before = JSON.parse(await worker.state('scratch')) as unknown;
      await this.foldScratch(worker, position);
      return { before, after: JSON.parse(await worker.state('scratch')) as unknown };
    });
  }

  /**
   * The events in from..to (inclusive) that changed the value at `path`, oldest first, at most `limit`;
   * `next` is where to continue (null when the range is done).
   */
  async history(
    path: ProjectionPath,
    range: { readonly from?: number; readonly to?: number; readonly limit?: number } = {},
  ): Promise<{ changes: PathChange[]; next: number | null }> {
    if (!Array.isArray(path) || path.some((key) => typeof key !== 'string' && typeof key !== 'number')) {
      throw new ProjectionError(
        'InvalidArgument',
        'a path is a list of keys (strings) and indexes (numbers)',
      );
    }
    const from = range.from ?? 1;
    const to = range.to ?? this.store.lastPosition;
    const limit = range.limit ?? 100;
    this.checkPosition(from, 1);
    this.checkPosition(to, 0);
    await this.reached(to);
    return this.scratch(async (worker) => {
      if (to < from) return { changes: [], next: null };
      await this.seek(worker, from - 1);
      this.checkNotPastFault(to);
      const outcome = await worker.fold('scratch', to, { watch: { path, limit } });
      const changes = (outcome.changes ?? []).map((change): PathChange => ({
        position: change.position,
        ...(change.before === undefined ? {} : { before: JSON.parse(change.before) as unknown }),
        ...(change.after === undefined ? {} : { after: JSON.parse(change.after) as unknown }),
      }));
      const next = outcome.position < to ? outcome.position + 1 : null;
      return { changes, next };
    });
  }

  /** Skips the event the projection faulted at (recorded in the checkpoint) and goes on after it. */
  skip(position: number): Promise<ProjectionStatus> {
    return this.enqueue(async () => {
      if (this.fault?.position !== position) {
        throw new ProjectionError(
          'NotFaulted',
          this.fault === null
            ? `projection ${this.code.name} has no fault to skip`
            : `projection ${this.code.name} faulted at ${this.fault.position === null ? 'loading' : `position ${this.fault.position}`}, not at ${position}`,
        );
      }
      this.skipped = [...this.skipped, { position, error: this.fault.error }];
      this.fault = null;
      this.status = 'running';
      const worker = await this.ensureWorker();
      await worker.skips(this.skipped.map((skip) => skip.position));
      await worker.reset('live', this.saved.stateText, this.saved.position);
      this.live = this.saved.position;
      await this.writeCheckpoint();
      this.scheduleCatchUp();
      return this.describe();
    });
  }

  /** Forgets the checkpoint, snapshots and skips and folds the log again, with new code when given. */
  rebuild(code: ProjectionCode = this.code): Promise<ProjectionStatus> {
    return this.enqueue(async () => {
      this.code = code;
      await this.stopWorker();
      await this.writes;
      await this.cache.clear();
      this.snapshots = [];
      this.every =
        this.options.snapshotEvery ?? spacingFor(this.store.lastPosition, this.options.maxSnapshots);
      this.reset();
      await this.open();
      this.scheduleCatchUp();
      return this.describe();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopFollowing?.();
    if (this.checkpointTimer !== undefined) clearTimeout(this.checkpointTimer);
    this.progressed.settle();
    await this.liveChain;
    await this.scratchChain.catch(() => undefined);
    if (this.status === 'running' && this.checkpointedAt !== this.live) {
      if (this.saved.position !== this.live) await this.capture().catch(() => undefined);
      await this.writeCheckpoint().catch(() => undefined);
    }
    await this.writes;
    this.status = 'stopped';
    await this.stopWorker();
  }

  // ---- live fold -------------------------------------------------------------------------------------

  private reset(): void {
    this.live = 0;
    this.saved = { position: 0, stateText: null, eventId: null };
    this.checkpointedAt = -1;
    this.skipped = [];
    this.holes = NO_HOLES;
    this.holesThrough = 0;
    this.fault = null;
    this.status = 'starting';
  }

  private async open(): Promise<void> {
    const checkpoint = await this.cache.readCheckpoint();
    const usable = checkpoint !== null && (await checkpointMatches(this.store, this.code, checkpoint));
    if (usable) {
      this.saved = {
        position: checkpoint.position,
        stateText: checkpoint.stateText,
        eventId: checkpoint.eventId,
      };
      this.skipped = [...checkpoint.skipped];
      this.holes =
        checkpoint.holes === undefined
          ? NO_HOLES
          : { count: checkpoint.holes.count, positions: checkpoint.holes.positions };
      this.holesThrough = checkpoint.holes?.through ?? checkpoint.position;
      this.fault = checkpoint.fault;
      this.every = checkpoint.snapshotEvery;
      this.snapshots = await this.cache.snapshotPositions();
      this.checkpointedAt = checkpoint.position;
    } else {
      await this.cache.clear();
    }
    this.live = this.saved.position;
    try {
      const worker = await this.ensureWorker();
      if (this.skipped.length > 0) await worker.skips(this.skipped.map((skip) => skip.position));
      await worker.reset('live', this.saved.stateText, this.saved.position);
      this.status = this.fault === null ? 'running' : 'faulted';
    } catch (error) {
      this.faulted(error);
      return;
    }
    // An older layout is written again now, so that the list can read its header next time.
    if (usable && checkpoint.format !== CHECKPOINT_FORMAT)
      await this.writeCheckpoint().catch(() => undefined);
  }

  private scheduleCatchUp(): void {
    if (this.catchUpQueued || this.closed) return;
    this.catchUpQueued = true;
    void this.enqueue(async () => {
      this.catchUpQueued = false;
      try {
        await this.catchUp();
      } finally {
        this.progressed.settle();
      }
    }).catch(() => undefined);
  }

  /**
   * Waits until the live fold has passed `position` when it is still catching up (just started, or behind
   * appends), so that time travel there seeks from its snapshots instead of folding the same events a
   * second time beside it. Returns early when the live fold stops short (a fault, a close).
   */
  private async reached(position: number): Promise<void> {
    while (this.live < position && !this.closed) {
      if (this.status !== 'running' && this.status !== 'starting') return;
      const before = this.live;
      const progressed = this.progressed.next;
      this.scheduleCatchUp();
      await progressed;
      if (this.live === before) return;
    }
  }

  private async catchUp(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined || this.status === 'faulted' || this.status === 'stopped') return;
    const started = this.live;
    worker.onProgress(this.options.onProgress);
    /**
     * The next piece's fold, asked for before this one's answer is in: the sandbox goes on with it at once
     * instead of waiting for the host's turn (and for the request to come through a pipe full of lines).
     * A piece asked for is always awaited, so that the live state is where `live` says.
     */
    let ahead: Piece | undefined;
    while (ahead !== undefined || (!this.closed && this.live < this.store.lastPosition)) {
      const piece = ahead ?? this.foldPiece(worker, this.live);
      ahead = undefined;
      if (!this.closed && piece.to < this.store.lastPosition) ahead = this.foldPiece(worker, piece.to);
      try {
        const outcome = await piece.answer;
        this.passedHoles(outcome);
        if (outcome.position < piece.to) {
          throw new ProjectionFault(
            this.code.name,
            outcome.position + 1,
            'the log could not be read at this position',
          );
        }
        this.live = outcome.position;
        this.progressed.settle();
        if (this.live % this.every === 0) {
          if (outcome.stateText !== undefined) {
            this.saved = { position: this.live, stateText: outcome.stateText, eventId: undefined };
          } else if (ahead === undefined) await this.capture();
        }
      } catch (error) {
        // The piece asked for ahead folds from where this one stopped: its answer is not this fold's.
        ahead = undefined;
        const fault = await this.pinpoint(error, piece.to);
        if (fault !== undefined) {
          this.faulted(fault);
          await this.writeCheckpoint().catch(() => undefined);
          return;
        }
      }
      this.options.onProgress?.(this.live);
      if (this.live % this.every === 0) {
        this.takeSnapshot();
        // Written behind the fold, in order with the snapshots; close() waits for them. Not at every
        // snapshot: each is fsynced, and a rebuild of a small log takes a hundred snapshots in a second.
        if (Date.now() - this.lastCheckpointAt >= CHECKPOINT_EVERY_MS)
          this.writeCheckpoint().catch(() => undefined);
      }
    }
    if (this.live !== started) {
      this.status = 'running';
      this.options.onStatus?.(this.describe());
      this.checkpointSoon();
    } else if (this.status === 'starting') this.status = 'running';
  }

  /**
   * Asks the live fold for the piece after `from`, up to the next snapshot (or the log's end). The lines of
   * the pieces after it are read and sent while it folds; a snapshot's piece comes back with its state
   * (one round trip, not two).
   */
  private foldPiece(worker: ProjectionProcess, from: number): Piece {
    const to = Math.min(this.store.lastPosition, nextSnapshotAt(from, this.every));
    const answer = worker.fold('live', to, {
      holesAfter: this.holesThrough,
      readAhead: this.store.lastPosition,
      withState: to % this.every === 0,
    });
    answer.catch(() => undefined);
    return { to, answer };
  }

  /**
   * A fault whose process could not name the event (stopped for its memory, or crashed): the same events
   * are folded again from the last kept state in a new process, each announced before its handler runs,
   * so that the fault names its event. Undefined when they fold this time (it did not repeat): the live
   * fold is then at `to` and goes on.
   */
  private async pinpoint(error: unknown, to: number): Promise<unknown> {
    if (!(error instanceof ProjectionFault) || !error.uncertain) return error;
    try {
      const worker = await this.ensureWorker();
      await worker.reset('live', this.saved.stateText, this.saved.position);
      this.live = this.saved.position;
      const outcome = await worker.fold('live', to, { holesAfter: this.holesThrough, announce: true });
      this.passedHoles(outcome);
      this.live = outcome.position;
      if (this.live < to)
        return new ProjectionFault(
          this.code.name,
          this.live + 1,
          'the log could not be read at this position',
        );
      this.progressed.settle();
      if (this.live % this.every === 0) await this.capture();
      return undefined;
    } catch (again) {
      return again;
    }
  }

  /** Holes the live fold passed: the summary lists them, and the checkpoint keeps them. */
  private passedHoles(outcome: FoldOutcome): void {
    this.holesThrough = Math.max(this.holesThrough, outcome.position);
    if (outcome.holes.count === 0) return;
    this.holes = addHoles(this.holes, outcome.holes);
    this.options.onStatus?.(this.describe());
  }

  private faulted(error: unknown): void {
    if (!(error instanceof ProjectionFault)) throw error;
    this.fault = { position: error.position, error: error.reason };
    this.status = 'faulted';
    this.options.onStatus?.(this.describe());
  }

  /** Keeps the live state as the last consistent one (what a skip restarts from, what checkpoints hold). */
  private async capture(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    const stateText = await worker.state('live');
    this.saved = { position: this.live, stateText, eventId: undefined };
  }

  /** The id a checkpoint at `saved` names (what a later open checks the log against). */
  private async eventIdOf(saved: Saved): Promise<string | null> {
    if (saved.eventId !== undefined) return saved.eventId;
    const [event] = saved.position === 0 ? [] : await this.store.readPositions([saved.position]);
    return event?.id ?? null;
  }

  private takeSnapshot(): void {
    const { position, stateText } = this.saved;
    if (this.snapshots.includes(position) || stateText === null) return;
    this.snapshots.push(position);
    const thinned = thinSnapshots(this.snapshots, this.every, this.options.maxSnapshots ?? MAX_SNAPSHOTS);
    this.every = thinned.every;
    this.snapshots = this.snapshots.filter((kept) => !thinned.remove.includes(kept));
    const skipped = this.skipped.map((skip) => skip.position).filter((skip) => skip <= position);
    const snapshot = {
      format: CACHE_FORMAT,
      codeHash: this.code.hash,
      position,
      skipped,
      state: JSON.parse(stateText) as unknown,
    };
    // Snapshots are written behind the fold: the cache only speeds things up, and waiting for each fsync
    // would make a rebuild wait on the disk.
    this.writes = this.writes
      .then(async () => {
        await this.cache.writeSnapshot(snapshot);
        for (const old of thinned.remove) await this.cache.removeSnapshot(old);
      })
      .catch(() => undefined);
  }

  private checkpointSoon(): void {
    if (this.checkpointTimer !== undefined || this.closed) return;
    const wait = Math.max(0, this.lastCheckpointAt + CHECKPOINT_EVERY_MS - Date.now());
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      void this.enqueue(async () => {
        if (this.status !== 'running' || this.checkpointedAt === this.live) return;
        if (this.saved.position !== this.live) await this.capture();
        await this.writeCheckpoint();
      }).catch(() => undefined);
    }, wait);
    this.checkpointTimer.unref();
  }

  private async writeCheckpoint(): Promise<void> {
    this.lastCheckpointAt = Date.now();
    const saved = this.saved;
    this.checkpointedAt = saved.position;
    const checkpoint: Omit<Checkpoint, 'eventId'> = {
      format: CHECKPOINT_FORMAT,
      projection: this.code.name,
      codeHash: this.code.hash,
      position: saved.position,
      stateText: saved.stateText,
      skipped: this.skipped,
      holes: { count: this.holes.count, positions: this.holes.positions, through: this.holesThrough },
      fault: this.fault,
      snapshotEvery: this.every,
    };
    // The event's id is read here, behind the fold with the write, rather than at every snapshot.
    const write = this.writes.then(async () =>
      this.cache.writeCheckpoint({ ...checkpoint, eventId: await this.eventIdOf(saved) }),
    );
    this.writes = write.catch(() => undefined);
    await write;
  }

  // ---- time travel ------------------------------------------------------------------------------------

  /** Puts the scratch fold at `position`: the nearest snapshot (or checkpoint) at or before it, plus a replay. */
  private async seek(worker: ProjectionProcess, position: number): Promise<void> {
    this.checkPosition(position, 0);
    this.checkNotPastFault(position);
    const start = await this.nearestStart(position);
    await worker.reset('scratch', start.stateText, start.position);
    await this.foldScratch(worker, position);
  }

  private async foldScratch(worker: ProjectionProcess, position: number): Promise<void> {
    this.checkNotPastFault(position);
    const outcome = await worker.fold('scratch', position);
    if (outcome.position < position) {
      throw new ProjectionFault(
        this.code.name,
        outcome.position + 1,
        'the log could not be read at this position',
      );
    }
  }

  private async nearestStart(position: number): Promise<{ position: number; stateText: string | null }> {
    const skippedUpTo = (at: number): string =>
      JSON.stringify(this.skipped.map((skip) => skip.position).filter((skip) => skip <= at));
    for (const candidate of [...this.snapshots].reverse()) {
      if (candidate > position) continue;
      if (this.saved.position <= position && this.saved.position >= candidate) break;
      const snapshot = await this.cache.readSnapshot(candidate);
      if (
        snapshot?.codeHash === this.code.hash &&
        JSON.stringify(snapshot.skipped) === skippedUpTo(candidate)
      ) {
        return { position: candidate, stateText: JSON.stringify(snapshot.state) };
      }
    }
    if (this.saved.position <= position) return this.saved;
    return { position: 0, stateText: null };
  }

  private checkPosition(position: number, min: number): void {
    const last = this.store.lastPosition;
    if (!Number.isSafeInteger(position) || position < min || position > last) {
      throw new ProjectionError(
        'OutOfRange',
        `position ${String(position)} is outside the log (${min} to ${last})`,
      );
    }
  }

  /** Beyond an unskipped fault the state is unknown: say so rather than run into it again. */
  private checkNotPastFault(position: number): void {
    const at = this.fault?.position;
    if (this.fault !== null && (at === null || (at !== undefined && position >= at))) {
      throw new ProjectionFault(this.code.name, at ?? null, this.fault.error);
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------------------

  /** The sandbox process, started again when it died (a fault that killed it, or none yet); one start at a time. */
  private ensureWorker(): Promise<ProjectionProcess> {
    if (this.worker?.alive === true) return Promise.resolve(this.worker);
    this.starting ??= (async () => {
      try {
        await this.worker?.terminate();
        this.worker = undefined;
        const worker = await ProjectionProcess.start(
          this.code.name,
          this.store,
          this.code.setup,
          this.options,
        );
        this.worker = worker;
        if (this.skipped.length > 0) await worker.skips(this.skipped.map((skip) => skip.position));
        return worker;
      } finally {
        this.starting = undefined;
      }
    })();
    return this.starting;
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.liveChain.then(work);
    this.liveChain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private scratch<T>(work: (worker: ProjectionProcess) => Promise<T>): Promise<T> {
    if (this.closed)
      return Promise.reject(new ProjectionError('Closed', `projection ${this.code.name} is closed`));
    const run = this.scratchChain.then(async () => {
      let worker: ProjectionProcess;
      try {
        worker = await this.ensureWorker();
      } catch (error) {
        this.faulted(error);
        throw error;
      }
      try {
        return await work(worker);
      } catch (error) {
        if (!(error instanceof ProjectionFault) || !error.uncertain) throw error;
        // As for the live fold (pinpoint): again in a new process, each event announced, to name it.
        const again = await this.ensureWorker();
        again.announcing = true;
        try {
          return await work(again);
        } finally {
          again.announcing = false;
        }
      }
    });
    this.scratchChain = run.catch(() => undefined);
    return run;
  }
}
