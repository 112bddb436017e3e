/**
 * Ctrl-C (SIGINT) or a service manager's SIGTERM, as a promise: long-running commands (read --follow,
 * serve) listen from their start, so that a signal arriving early still ends them cleanly (exit 0, the
 * store closed) instead of killing them mid-way.
 */
export class Interrupt {
  readonly signalled: Promise<void>;
  private readonly onSignal: () => void;

  constructor() {
    let resolve!: () => void;
    this.signalled = new Promise((done) => (resolve = done));
    this.onSignal = () => resolve();
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}
