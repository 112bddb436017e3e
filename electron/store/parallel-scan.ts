import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedLines } from './line-parser.js';
import type { ScanRange, ScanRequest } from './scan-worker.js';

/** Below this many bytes to scan, starting a worker costs more than it saves. */
export const PARALLEL_SCAN_MIN_BYTES = 8 * 1024 * 1024;

interface WorkerMessage {
  readonly id: number;
  readonly parsed?: ParsedLines;
  readonly done?: boolean;
}

let shared: Worker | undefined;
let nextId = 1;
const running = new Set<ParallelScan>();

/**
 * One scan worker for the process, started on first use and kept (unreferenced, so it never keeps the
 * process alive): an app opens folders again and again, and a worker takes tens of milliseconds to start.
 * Returns undefined where workers cannot run (the store bundled without its worker file).
 */
function scanWorker(): Worker | undefined {
  if (shared !== undefined) return shared;
  const file = new URL('./scan-worker.js', import.meta.url);
  if (!fs.existsSync(fileURLToPath(file))) return undefined;
  try {
    const worker = new Worker(file);
    worker.unref();
    const lost = (): void => {
      if (shared === worker) shared = undefined;
      for (const scan of running) scan.close();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    shared = worker;
    return worker;
  } catch {
    return undefined;
  }
}

/**
 * Parsed chunks of the later part of the log, arriving from the worker in order. The scan takes a
 * chunk when it continues exactly where the scan stands; anything else (the worker failed, the log
 * changed) and the scan simply reads those bytes itself.
 */
export class ParallelScan {
  private readonly queue: ParsedLines[] = [];
  private waiting: (() => void) | undefined;
  private finished = false;
  private readonly starts: Map<string, number>;

  private constructor(
    private readonly worker: Worker,
    private readonly id: number,
    ranges: readonly ScanRange[],
  ) {
    this.starts = new Map(ranges.map((range) => [range.segment, range.from]));
    worker.ref();
    worker.on('message', this.onMessage);
    running.add(this);
  }

  static start(log: string, ranges: readonly ScanRange[], strict: boolean): ParallelScan | undefined {
    const worker = scanWorker();
    if (worker === undefined || ranges.length === 0) return undefined;
    const id = nextId++;
    const scan = new ParallelScan(worker, id, ranges);
    const request: ScanRequest = { id, log, ranges, strict };
    worker.postMessage(request);
    return scan;
  }

  /** Where the worker's part of `segment` begins (the main thread reads up to there), if it has one. */
  startOf(segment: string): number | undefined {
    return this.starts.get(segment);
  }

  /** Every name the worker has numbered so far, in number order (chunks send only new ones). */
  readonly names: string[] = [];
  /** The index's numbers for those names, filled in as the chunks are merged; -1 where not known yet. */
  streamNumbers = new Int32Array(0);
  typeNumbers = new Int32Array(0);

  /** The next parsed chunk, if it starts at `offset` of `segment`. */
  async next(segment: string, offset: number): Promise<ParsedLines | undefined> {
    for (;;) {
      const head = this.queue[0];
      if (head !== undefined) {
        if (head.segment !== segment || head.start !== offset) return undefined;
        this.queue.shift();
        return head;
      }
      if (this.finished) return undefined;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** Stops listening; chunks still on their way are dropped. */
  close(): void {
    if (!running.delete(this)) return;
    this.worker.off('message', this.onMessage);
    if (running.size === 0) this.worker.unref();
    this.finish();
  }

  private readonly onMessage = (message: WorkerMessage): void => {
    if (message.id !== this.id) return;
    if (message.parsed !== undefined) {
      // Names arrive in order with the chunks that first use them, whether or not the chunk is taken.
      for (const name of message.parsed.strings) this.names.push(name);
      this.queue.push(message.parsed);
    }
    if (message.done === true) this.finish();
    else this.wake();
  };

  private finish(): void {
    this.finished = true;
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}
