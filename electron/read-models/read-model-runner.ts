import type { RecordedEvent } from '../../shared/event.js';
import { errorText } from '../../shared/error-text.js';
import type { EventStore, Subscription } from '../store/index.js';
import { checkpointFile, readCheckpoint, removeCheckpoint, writeCheckpoint } from './checkpoint-file.js';
import { PositionWaiters } from './position-waiters.js';
import type { AppliedRange, ReadModel } from './read-model.js';
import { ReadModelError } from './read-model-error.js';
import type { ReadModelStatus } from './read-model-status.js';

/** What the runtime needs of the store: the EventStore has all of it. */
export type ReadModelSource = Pick<
  EventStore,
  'folder' | 'lastPosition' | 'indexed' | 'readPositions' | 'subscribe' | 'onAppended'
>;

export interface ReadModelRunnerOptions {
  /** Live, a checkpoint is written once this many events were applied since the last (default 5000). */
  readonly checkpointEvery?: number;
  /** Live, fewer events are checkpointed once the log has been quiet this long (default 5 s). */
  readonly checkpointDelayMs?: number;
  /** Where the checkpoint is kept; default `<folder>/cache/read-models/<name>.checkpoint`. */
  readonly checkpointFile?: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The one runtime for read models (see read-model.ts): loads a read model's checkpoint when it still
 * matches the log, catches up from there through the store's subscription, then follows the log live
 * (appends of this process from memory, other processes' through the store's watcher), writes checkpoints
 * now and then, and reports its status. One runner a read model; a runner that faulted leaves the others
 * of the folder alone.
 */
export class ReadModelRunner {
  private readonly file: string;
  private readonly checkpointEvery: number;
  private readonly checkpointDelayMs: number;
  private current: ReadModelStatus;
  private subscription: Subscription | undefined;
  private started: Promise<void> | undefined;
  /** apply and save take turns through this chain, so neither ever sees the other half done. */
  private turn: Promise<unknown> = Promise.resolve();
  private inFlight = 0;
  private applied = 0;
  private appliedEventId: string | null = null;
  private checkpointed = 0;
  private catchUpFrom = 0;
  private batch: { first: number; last: number } | undefined;
  private batchScheduled = false;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly waiters = new PositionWaiters();
  private readonly statusListeners = new Set<(status: ReadModelStatus) => void>();
  private readonly appliedListeners = new Set<(range: AppliedRange) => void>();
  private stopWatchingAppends: (() => void) | undefined;
  /** Which run is current: a run that a rebuild replaced stops at its next step. */
  private generation = 0;
  private closed = false;

  constructor(
    private readonly source: ReadModelSource,
    readonly model: ReadModel,
    options: ReadModelRunnerOptions = {},
  ) {
    if (!NAME.test(model.name)) {
      throw new Error(
        `A read model's name is 1 to 64 of a-z, 0-9 and '-', not ${JSON.stringify(model.name)}`,
      );
    }
    this.file = options.checkpointFile ?? checkpointFile(source.folder, model.name);
    this.checkpointEvery = options.checkpointEvery ?? 5000;
    this.checkpointDelayMs = options.checkpointDelayMs ?? 5000;
    this.current = {
      name: model.name,
      state: 'idle',
      position: 0,
      lastPosition: source.lastPosition,
      progress: null,
      fault: null,
      start: null,
    };
  }

  get status(): ReadModelStatus {
    return { ...this.current, lastPosition: this.source.lastPosition };
  }

  /** The last position folded; appends of other types after it may already be covered. */
  get position(): number {
    return this.current.position;
  }

  /**
   * Starts the read model (once; later calls return the same promise): resolves when it has caught up
   * with the log as it stood, or when it faulted on the way (see `status`).
   */
  start(): Promise<void> {
    this.started ??= this.run(undefined);
    return this.started;
  }

  /** Listens to status changes (start, catch-up progress, live, fault, close). Returns the unsubscribe. */
  onStatus(listener: (status: ReadModelStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Listens to runs of applied events: called once the read model's state includes them. */
  onApplied(listener: (range: AppliedRange) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  /**
   * Resolves once the read model has folded `position` (an event of its types there, or any position
   * after it). Rejects with a ReadModelError if it faults or closes first.
   */
  whenApplied(position: number): Promise<void> {
    if (this.current.state === 'faulted') return Promise.reject(this.faultError());
    if (this.closed) return Promise.reject(this.closedError());
    if (this.current.position >= position) return Promise.resolve();
    return this.waiters.wait(position);
  }

  /** Forgets the state and the checkpoint and folds the whole log again; resolves once caught up. */
  async rebuild(): Promise<void> {
    if (this.closed) throw this.closedError();
    await this.stop();
    this.started = this.run('a rebuild was asked for');
    return this.started;
  }

  /** Writes the checkpoint now if anything was applied since the last one. */
  async checkpoint(): Promise<void> {
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    if (this.current.state === 'faulted') return;
    const saved = await this.inTurn(async () => {
      if (this.applied === this.checkpointed) return undefined;
      return { position: this.applied, eventId: this.appliedEventId, state: await this.model.save() };
    });
    if (saved === undefined) return;
    this.writing = this.writing.then(async () => {
      try {
        await writeCheckpoint(this.file, {
          readModel: this.model.name,
          version: this.model.version,
          ...saved,
        });
        this.checkpointed = Math.max(this.checkpointed, saved.position);
      } catch {
        // The checkpoint is only an accelerator: a folder on read-only media rebuilds next time.
      }
    });
    await this.writing;
  }

  /** Stops following the log, writes a last checkpoint, and fails whatever waits on it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stop();
    await this.started?.catch(() => undefined);
    if (this.current.state !== 'faulted' && this.current.state !== 'idle') await this.checkpoint();
    this.waiters.failAll(this.closedError());
    this.update({ state: 'closed', progress: null });
  }

  private async run(rebuildReason: string | undefined): Promise<void> {
    const generation = ++this.generation;
    const replaced = () => this.closed || generation !== this.generation;
    const { from, start } = await this.load(rebuildReason);
    if (replaced()) return;
    this.applied = from;
    this.checkpointed = from;
    this.catchUpFrom = from;
    const total = Math.max(0, this.source.lastPosition - from);
    this.update({
      state: 'catching-up',
      position: from,
      progress: { done: 0, total },
      fault: null,
      start,
    });
    this.stopWatchingAppends = this.source.onAppended(() => this.scheduleBatchEnd());
    const subscription = this.source.subscribe(
      {
        after: from,
        ...(this.model.types === undefined ? {} : { types: this.model.types }),
        onError: (error) => this.fault(this.applied + 1, error),
      },
      (event) => this.deliver(event),
    );
    this.subscription = subscription;
    await subscription.caughtUp;
    await this.turn;
    if (replaced() || this.current.state === 'faulted') return;
    this.endBatch();
    this.update({ state: 'live', progress: null });
    await this.checkpoint();
  }

  /** The checkpoint if it can be used, else an empty read model and why it starts from the log. */
  private async load(
    rebuildReason: string | undefined,
  ): Promise<{ from: number; start: NonNullable<ReadModelStatus['start']> }> {
    const fromLog = async (reason: string) => {
      await this.model.reset();
      return { from: 0, start: { from: 'log' as const, reason } };
    };
    if (rebuildReason !== undefined) {
      await removeCheckpoint(this.file).catch(() => undefined);
      return fromLog(rebuildReason);
    }
    const reading = await readCheckpoint(this.file);
    if (reading.kind === 'none') return fromLog('it has no checkpoint yet');
    if (reading.kind === 'unusable') return fromLog(`its checkpoint was unusable: ${reading.reason}`);
    const { checkpoint } = reading;
    if (checkpoint.readModel !== this.model.name) {
      return fromLog(`its checkpoint belongs to ${JSON.stringify(checkpoint.readModel)}`);
    }
    if (checkpoint.version !== this.model.version) {
      return fromLog(
        `its checkpoint is of version ${checkpoint.version}, this is version ${this.model.version}`,
      );
    }
    // The log's true end is known only once a progressive open has indexed it.
    await this.source.indexed;
    if (!(await this.matchesLog(checkpoint.position, checkpoint.eventId))) {
      return fromLog(
        `the log no longer has the event its checkpoint ends at (position ${checkpoint.position})`,
      );
    }
    try {
      if (checkpoint.position === this.source.lastPosition) await this.model.loadPreview?.(checkpoint.state);
      await this.model.load(checkpoint.state);
    } catch (error) {
      return fromLog(`its checkpoint could not be loaded: ${errorText(error)}`);
    }
    this.appliedEventId = checkpoint.eventId;
    return { from: checkpoint.position, start: { from: 'checkpoint', reason: null } };
  }

  private async matchesLog(position: number, eventId: string | null): Promise<boolean> {
    if (position === 0) return eventId === null;
    if (position > this.source.lastPosition) return false;
    const [event] = await this.source.readPositions([position]);
    return event?.id === eventId;
  }

  private deliver(event: RecordedEvent): Promise<void> {
    return this.inTurn(async () => {
      if (this.current.state === 'faulted' || this.closed) return;
      try {
        await this.model.apply(event);
      } catch (error) {
        this.fault(event.position, error);
        return;
      }
      this.applied = event.position;
      this.appliedEventId = event.id;
      this.batch = { first: this.batch?.first ?? event.position, last: event.position };
      this.scheduleBatchEnd();
    });
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    const result = this.turn.then(work);
    this.turn = result.then(
      () => this.inFlight--,
      () => this.inFlight--,
    );
    return result;
  }

  /**
   * Events of one append, or of one catch-up page, are applied in one go (the subscription hands them
   * over without a turn of the event loop in between), so a callback at the next turn sees the whole run.
   */
  private scheduleBatchEnd(): void {
    if (this.batchScheduled) return;
    this.batchScheduled = true;
    setImmediate(() => {
      this.batchScheduled = false;
      this.endBatch();
    });
  }

  private endBatch(): void {
    if (this.current.state === 'faulted' || this.current.state === 'idle') return;
    // Between applies, the subscription has also passed over events of other types.
    const covered =
      this.inFlight === 0 ? Math.max(this.applied, this.subscription?.position ?? 0) : this.applied;
    const batch = this.batch;
    this.batch = undefined;
    const catchingUp = this.current.state === 'catching-up';
    this.update({
      position: covered,
      progress: catchingUp
        ? {
            done: covered - this.catchUpFrom,
            total: Math.max(covered, this.source.lastPosition) - this.catchUpFrom,
          }
        : null,
    });
    if (batch !== undefined) for (const listener of this.appliedListeners) listener(batch);
    this.waiters.reached(covered);
    if (!catchingUp && !this.closed) this.planCheckpoint();
  }

  private planCheckpoint(): void {
    const pending = this.applied - this.checkpointed;
    if (pending <= 0) return;
    if (pending >= this.checkpointEvery) {
      void this.checkpoint();
      return;
    }
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = setTimeout(() => void this.checkpoint(), this.checkpointDelayMs);
    this.checkpointTimer.unref();
  }

  private fault(position: number, error: unknown): void {
    if (this.current.state === 'faulted') return;
    this.subscription?.close();
    this.update({ state: 'faulted', progress: null, fault: { position, error: errorText(error) } });
    this.waiters.failAll(this.faultError());
  }

  private faultError(): ReadModelError {
    const fault = this.current.fault;
    return new ReadModelError(
      'ReadModelFaulted',
      this.model.name,
      `The read model ${this.model.name} stopped at the event at position ${fault?.position ?? '?'}: ${fault?.error ?? 'unknown error'}`,
      fault?.position ?? null,
    );
  }

  private closedError(): ReadModelError {
    return new ReadModelError(
      'ReadModelClosed',
      this.model.name,
      `The read model ${this.model.name} is closed`,
    );
  }

  private async stop(): Promise<void> {
    this.generation++;
    this.subscription?.close();
    this.subscription = undefined;
    this.stopWatchingAppends?.();
    this.stopWatchingAppends = undefined;
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    await this.turn;
  }

  private update(change: Partial<ReadModelStatus>): void {
    this.current = { ...this.current, ...change };
    const status = this.status;
    for (const listener of this.statusListeners) listener(status);
  }
}
