/**
 * Runs `action` at most once every `intervalMs`: the first request runs at once, requests inside the
 * interval run once at its end. Pushes to the page go through this, so a burst of appends is one repaint.
 */
export class Throttle {
  private last = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly action: () => void,
  ) {}

  request(): void {
    if (this.timer !== undefined) return;
    const wait = this.last + this.intervalMs - Date.now();
    if (wait <= 0) this.run();
    else this.timer = setTimeout(() => this.run(), wait);
  }

  /** Runs now (a final state must not wait), dropping any pending run. */
  flush(): void {
    this.run();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.cancel();
    this.last = Date.now();
    this.action();
  }
}
