import type { EventfoldApi, ExportRequest, PreparedFile } from '../../../../shared/contract.js';

export type ExportStatus = 'idle' | 'working' | 'ready' | 'saved' | 'failed' | 'stopped';

/** How a browser-mode page hands a prepared file to the browser: a link to the token-protected route. */
export type Download = (url: string, name: string) => void;

/**
 * One export or report being made and saved: prepares it on the Node side (with progress), then saves it
 * (the desktop's save dialog) or downloads it (browser mode). A newer prepare replaces an older one's
 * answer, so a double click never saves the wrong file.
 */
export class ExportJob {
  status = $state<ExportStatus>('idle');
  progress = $state.raw({ done: 0, total: 0 });
  prepared = $state.raw<PreparedFile | null>(null);
  /** What went wrong, or where the file was saved. */
  message = $state<string | null>(null);
  #run = 0;
  /** The run the user stopped: its answer, whatever it is, is dropped. */
  #stoppedRun = -1;
  #stopProgress: (() => void) | undefined;

  constructor(
    private readonly api: EventfoldApi,
    private readonly download: Download,
  ) {}

  get percent(): number {
    const { done, total } = this.progress;
    return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  }

  async prepare(request: ExportRequest): Promise<PreparedFile | null> {
    const run = ++this.#run;
    this.status = 'working';
    this.prepared = null;
    this.message = null;
    this.progress = { done: 0, total: 0 };
    this.#stopProgress?.();
    this.#stopProgress = this.api.on('export.progress', (progress) => {
      if (run === this.#run) this.progress = progress;
    });
    try {
      const prepared = await this.api.call('export.prepare', request);
      // Stopped too late to stop it: the file is made, but the user said they do not want it.
      if (run !== this.#run || run === this.#stoppedRun) return null;
      this.prepared = prepared;
      this.status = 'ready';
      return prepared;
    } catch (error) {
      if (run !== this.#run || run === this.#stoppedRun) return null;
      this.status = 'failed';
      this.message = error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      if (run === this.#run) {
        this.#stopProgress?.();
        this.#stopProgress = undefined;
      }
    }
  }

  /** Saves the prepared file: the desktop asks where; browser mode downloads it. */
  async save(): Promise<void> {
    const prepared = this.prepared;
    if (prepared === null) return;
    const { mode } = await this.api.call('app.info', undefined);
    if (mode === 'browser') {
      this.download(`/download/${encodeURIComponent(prepared.file)}`, prepared.name);
      this.status = 'saved';
      this.message = `Downloading ${prepared.name}`;
      return;
    }
    try {
      const { saved } = await this.api.call('export.save', { file: prepared.file });
      if (saved === null) return;
      this.status = 'saved';
      this.message = `Saved as ${saved}`;
    } catch (error) {
      this.status = 'failed';
      this.message = error instanceof Error ? error.message : String(error);
    }
  }

  /** Prepares and saves in one go (the report preview's Save as … buttons). */
  async prepareAndSave(request: ExportRequest): Promise<void> {
    if ((await this.prepare(request)) !== null) await this.save();
  }

  /**
   * Stops the export or report being made: the Node side stops reading and removes its half-made file
   * (its answer, 'Cancelled', is what was asked for, not a failure).
   */
  async stop(): Promise<void> {
    if (this.status !== 'working') return;
    this.#stoppedRun = this.#run;
    this.status = 'stopped';
    this.message = 'Stopped: no file was made';
    await this.api.call('export.cancel', undefined).catch(() => undefined);
  }

  /** The dialog closed: an export still being made is of no use to anyone. */
  dispose(): void {
    void this.stop();
    this.#run++;
    this.#stopProgress?.();
  }
}

/** The browser's own download of a same-origin link (its cookie carries the access token). */
export function browserDownload(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
