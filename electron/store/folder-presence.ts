import fs from 'node:fs';

/** Often enough that a banner follows a rename within a second or two; one stat call each time. */
const CHECK_EVERY_MS = 1000;

/**
 * Notices when the open folder stops being where it was opened: removed, renamed or on a drive that went
 * away. The watcher sees a removed log/ at once, but a rename of the folder itself moves the watched inodes
 * along and says nothing, so the folder's own path is also looked at now and then.
 */
export class FolderPresence {
  private timer: NodeJS.Timeout | undefined;
  private missing = false;

  constructor(
    private readonly paths: readonly string[],
    private readonly onChange: (missing: boolean) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  get isMissing(): boolean {
    return this.missing;
  }

  /** Looks now (the watcher calls this when something in log/ vanished). */
  check(): void {
    const missing = !this.paths.every((file) => fs.existsSync(file));
    if (missing === this.missing) return;
    this.missing = missing;
    this.onChange(missing);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
