import { Worker } from 'node:worker_threads';
import type { FoldFault } from './fold-machine.js';
import { ProjectionFault } from './projection-fault.js';
import type {
  FoldOutcome,
  FoldTarget,
  ProjectionShape,
  WorkerAnswer,
  WorkerRequest,
  WorkerSetup,
} from './worker-protocol.js';
import { errorText } from '../../shared/error-text.js';

export interface WorkerLimits {
  /** Each handler gets at least this long; one still running at twice this is faulted. Default 1,000 ms. */
  readonly eventTimeoutMs?: number;
  /** Heap of the worker (its old generation), in MiB: a projection past it is faulted. Default 512. */
  readonly memoryMb?: number;
}

/** Beyond the handlers' own limit: a worker silent this much longer is stuck where the vm cannot stop it. */
const WATCHDOG_GRACE_MS = 10_000;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One projection's worker thread, seen from the main thread. A fault in the projection (a throw, the time
 * limit, running out of memory, a worker that stops answering) rejects with a ProjectionFault naming the
 * event; only this worker dies, so other projections and the app go on.
 */
export class ProjectionWorker {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: ProjectionFault | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly cell: Float64Array;
  private progressListener: ((position: number) => void) | undefined;

  private constructor(
    readonly name: string,
    private readonly worker: Worker,
    private readonly setup: WorkerSetup,
    readonly shape: ProjectionShape,
  ) {
    this.cell = new Float64Array(setup.cell);
    worker.on('message', (answer: WorkerAnswer) => this.received(answer));
    worker.on('error', (error: Error & { code?: string }) =>
      this.died(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'the projection ran out of memory'
          : `the projection's worker failed: ${error.message}`,
      ),
    );
    worker.on('exit', () => this.died('the projection stopped'));
  }

  /** Starts the worker and loads the code; a load failure (syntax error, no projection defined) is a fault. */
  static async start(
    name: string,
    folder: string,
    code: WorkerSetup['code'],
    limits: WorkerLimits = {},
  ): Promise<ProjectionWorker> {
    const memoryMb = limits.memoryMb ?? 512;
    const setup: WorkerSetup = {
      folder,
      code,
      eventTimeoutMs: limits.eventTimeoutMs ?? 1_000,
      cell: new SharedArrayBuffer(8),
    };
    const worker = new Worker(new URL('./fold-worker.js', import.meta.url), {
      workerData: setup,
      resourceLimits: {
        maxOldGenerationSizeMb: memoryMb,
        maxYoungGenerationSizeMb: Math.min(64, memoryMb / 4),
      },
    });
    const listeners: {
      message?: (answer: WorkerAnswer) => void;
      error?: (error: Error) => void;
      exit?: () => void;
    } = {};
    const ready = await new Promise<Extract<WorkerAnswer, { kind: 'ready' }>>((resolve, reject) => {
      listeners.message = (answer) => {
        if (answer.kind === 'ready') resolve(answer);
      };
      listeners.error = reject;
      listeners.exit = () => reject(new Error('the projection worker exited while loading'));
      worker.on('message', listeners.message).on('error', listeners.error).on('exit', listeners.exit);
      // Top-level code has the vm's time limit; this is for a worker stuck where that cannot reach.
      const limit = setTimeout(
        () =>
          reject(
            new Error('the projection did not finish loading (stuck where its time limit cannot reach)'),
          ),
        setup.eventTimeoutMs * 2 + WATCHDOG_GRACE_MS,
      );
      void Promise.race([
        new Promise((done) => worker.once('message', done)),
        new Promise((done) => worker.once('exit', done)),
      ]).then(() => clearTimeout(limit));
    })
      .catch(async (error: unknown) => {
        await worker.terminate();
        throw new ProjectionFault(name, null, errorText(error));
      })
      .finally(() => {
        worker.off('message', listeners.message!).off('error', listeners.error!).off('exit', listeners.exit!);
      });
    if ('fault' in ready) {
      await worker.terminate();
      throw new ProjectionFault(name, ready.fault.position, ready.fault.message);
    }
    return new ProjectionWorker(name, worker, setup, ready.shape);
  }

  /** Folds events after the target's position up to `to` (inclusive). */
  fold(
    target: FoldTarget,
    to: number,
    watch?: { readonly path: readonly (string | number)[]; readonly limit: number },
  ): Promise<FoldOutcome> {
    return this.request({
      op: 'fold',
      target,
      to,
      ...(watch === undefined ? {} : { watch }),
    }) as Promise<FoldOutcome>;
  }

  /** Sets a fold's state (JSON text, or null for the initial state) and position. */
  async reset(target: FoldTarget, state: string | null, position: number): Promise<void> {
    await this.request({ op: 'reset', target, state, position });
  }

  /** A fold's state as JSON text. */
  async state(target: FoldTarget): Promise<string> {
    return String(await this.request({ op: 'state', target }));
  }

  /** Events every fold passes over (skipped after a fault). */
  async skips(positions: readonly number[]): Promise<void> {
    await this.request({ op: 'skips', positions });
  }

  onProgress(listener: ((position: number) => void) | undefined): void {
    this.progressListener = listener;
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  async terminate(): Promise<void> {
    this.died('the projection was stopped');
    await this.worker.terminate();
  }

  private request(request: WorkerRequest): Promise<unknown> {
    if (this.dead !== undefined) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
      this.armWatchdog();
    });
  }

  private received(answer: WorkerAnswer): void {
    this.armWatchdog();
    if (answer.kind === 'progress') {
      this.progressListener?.(answer.position);
      return;
    }
    if (answer.kind !== 'answer') return;
    const waiting = this.pending.get(answer.id);
    if (waiting === undefined) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.disarmWatchdog();
    if ('value' in answer) waiting.resolve(answer.value);
    else if ('fault' in answer) waiting.reject(this.faultOf(answer.fault));
    else waiting.reject(new Error(`projection ${this.name}: ${answer.error}`));
  }

  private faultOf(fault: FoldFault): ProjectionFault {
    return new ProjectionFault(this.name, fault.position, fault.message);
  }

  private armWatchdog(): void {
    this.disarmWatchdog();
    if (this.pending.size === 0) return;
    this.watchdog = setTimeout(
      () => {
        this.died('the projection stopped answering (blocked where its time limit cannot reach)');
        void this.worker.terminate();
      },
      this.setup.eventTimeoutMs * 2 + WATCHDOG_GRACE_MS,
    );
  }

  private disarmWatchdog(): void {
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private died(reason: string): void {
    if (this.dead !== undefined) return;
    this.disarmWatchdog();
    const position = this.cell[0] ?? 0;
    this.dead = new ProjectionFault(this.name, position > 0 ? position : null, reason);
    for (const waiting of this.pending.values()) waiting.reject(this.dead);
    this.pending.clear();
  }
}
