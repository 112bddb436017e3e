import { Worker } from 'node:worker_threads';
import type { SearchAnswerMessage, SearchAnswers, SearchRequest } from './search-worker-protocol.js';

/** The worker's heap at most, in MiB: far above what 100,000 messages need, a guard against a runaway. */
const WORKER_HEAP_MB = 1536;
/**
 * Its young generation, in MiB: indexing makes many short-lived strings, and with V8's default (a few MiB
 * for a worker) most of the time would go to collecting them. It stays allocated once grown, so it is
 * part of what the worker costs for good: with 100,000 messages, 64 MiB held the process 25 MB above 32,
 * 16 made indexing about a quarter slower (both measured under load).
 */
const WORKER_YOUNG_MB = 32;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The search worker seen from the main thread: typed requests, answered in order. When the worker dies
 * (out of memory, a crash) every pending and later request fails with the reason, and `onDeath` hears it.
 */
export class SearchWorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private death: Error | undefined;
  private deathListener: ((error: Error) => void) | undefined;

  constructor() {
    this.worker = new Worker(new URL('./search-worker.js', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    this.worker.on('message', (answer: SearchAnswerMessage) => {
      const pending = this.pending.get(answer.id);
      if (pending === undefined) return;
      this.pending.delete(answer.id);
      if (answer.ok) pending.resolve(answer.value);
      else pending.reject(new Error(answer.error));
    });
    this.worker.on('error', (error: Error & { code?: string }) =>
      this.died(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'the search index ran out of memory'
          : `the search index failed: ${error.message}`,
      ),
    );
    this.worker.on('exit', () => this.died('the search index stopped'));
  }

  request<K extends SearchRequest['kind']>(
    request: Extract<SearchRequest, { kind: K }>,
  ): Promise<SearchAnswers[K]> {
    if (this.death !== undefined) return Promise.reject(this.death);
    const id = this.nextId++;
    return new Promise<SearchAnswers[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, ...request });
    });
  }

  onDeath(listener: (error: Error) => void): void {
    this.deathListener = listener;
  }

  async terminate(): Promise<void> {
    this.death ??= new Error('the search index was closed');
    await this.worker.terminate();
  }

  private died(reason: string): void {
    if (this.death !== undefined) {
      this.rejectAll(this.death);
      return;
    }
    this.death = new Error(reason);
    this.rejectAll(this.death);
    this.deathListener?.(this.death);
  }

  private rejectAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
