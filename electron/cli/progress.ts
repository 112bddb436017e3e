import { forTerminal } from './terminal-text.js';
import { formatBytes, formatCount } from './units.js';

/** Quick work shows nothing: a line appears only when the work is still going after this long. */
const SHOW_AFTER_MS = 300;
const REDRAW_EVERY_MS = 100;

/**
 * A single self-overwriting status line on stderr, only when stderr is a terminal: redirected output and
 * logs never see it, and stdout (the data) never does.
 */
export class Progress {
  private readonly startedAt = performance.now();
  private lastDrawn = 0;
  private drawn = false;

  constructor(
    private readonly label: string,
    readonly enabled = Boolean(process.stderr.isTTY),
  ) {}

  bytes(done: number, total: number): void {
    this.draw(done, total, () => `${formatBytes(done)} of ${formatBytes(total)}`);
  }

  count(done: number, total: number, noun: string): void {
    this.draw(done, total, () => `${formatCount(done)} of ${formatCount(total)} ${noun}`);
  }

  /** Work whose total is not known (input from a pipe): only what is done so far. */
  sofar(amount: () => string): void {
    this.draw(undefined, undefined, amount);
  }

  /** Removes the line, so that whatever is printed next starts on a clean line. */
  clear(): void {
    if (!this.drawn) return;
    process.stderr.write('\r\x1b[K');
    this.drawn = false;
  }

  private draw(done: number | undefined, total: number | undefined, amount: () => string): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.startedAt < SHOW_AFTER_MS || now - this.lastDrawn < REDRAW_EVERY_MS) return;
    this.lastDrawn = now;
    let line: string;
    if (done === undefined || total === undefined) line = `${forTerminal(this.label)}: ${amount()}`;
    else {
      const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
      line = `${forTerminal(this.label)} ${percent}% (${amount()})`;
    }
    const width = process.stderr.columns;
    process.stderr.write(`\r\x1b[K${width > 1 && line.length >= width ? line.slice(0, width - 1) : line}`);
    this.drawn = true;
  }
}
