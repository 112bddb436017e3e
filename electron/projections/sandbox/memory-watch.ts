import { residentBytes } from './process-memory.js';

/** How often the host looks at a sandbox's resident size while it works, and while it is idle. */
const BUSY_EVERY_MS = 50;
const IDLE_EVERY_MS = 1_000;

/**
 * The host's own look at a sandbox's memory: its resident size as the operating system counts it (so
 * ArrayBuffers, typed arrays and everything else count, not only the V8 heap). The sandbox checks itself
 * between steps too; this catches what happens inside one handler, and a sandbox that no longer tells the
 * truth. Past the limit `over` is called once.
 */
export class MemoryWatch {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private busy = false;

  constructor(
    private readonly pid: Promise<number | undefined>,
    private readonly limitBytes: number,
    private readonly over: (bytes: number) => void,
  ) {
    this.schedule();
  }

  /** Looks more often while a request runs (that is when user code runs). */
  setBusy(busy: boolean): void {
    if (this.busy === busy) return;
    this.busy = busy;
    if (busy) {
      clearTimeout(this.timer);
      this.schedule();
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.look(), this.busy ? BUSY_EVERY_MS : IDLE_EVERY_MS);
    this.timer.unref();
  }

  private async look(): Promise<void> {
    const pid = await this.pid;
    if (pid === undefined || this.stopped) return;
    const bytes = await residentBytes(pid);
    if (this.stopped) return;
    if (bytes !== undefined && bytes > this.limitBytes) {
      this.stopped = true;
      this.over(bytes);
      return;
    }
    this.schedule();
  }
}
