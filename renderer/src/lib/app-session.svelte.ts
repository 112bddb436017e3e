import type {
  AppCommand,
  AppInfo,
  EventfoldApi,
  FolderSummary,
  PushEvents,
  RepairOutcome,
} from '../../../shared/contract.js';
import { errorText } from '../../../shared/error-text.js';

export type ConnectionState =
  | { readonly status: 'connecting' }
  | { readonly status: 'ready' }
  | { readonly status: 'failed'; readonly message: string };

type Progress = PushEvents['folder.progress'];

/**
 * The page's link to the machine: the connection, the folder this window shows and what the Node side pushes
 * about it. Components read its fields and call its methods; only this class subscribes to folder pushes, so
 * there is one truth about the folder however many views show it.
 */
export class AppSession {
  connection = $state<ConnectionState>({ status: 'connecting' });
  info = $state<AppInfo | null>(null);
  folder = $state<FolderSummary | null>(null);
  progress = $state<Progress | null>(null);
  /** Failures outside any request (the watcher, a background scan), newest last. */
  notices = $state<{ id: number; message: string; tone: 'error' | 'success' }[]>([]);
  /** The last repair's result, shown until the folder changes again or the user dismisses it. */
  repaired = $state<RepairOutcome | null>(null);
  /** False while browser mode's socket is down and reconnecting. */
  online = $state(true);
  /** Set when the user asked to switch folders while one is open. */
  choosingFolder = $state(false);
  /** What the start screen asks for when browser mode has no system dialog: a folder to open or to create. */
  choosing = $state<'open' | 'create' | null>(null);

  #api: EventfoldApi | null = null;
  #unsubscribe: (() => void)[] = [];
  #commandListeners: ((command: AppCommand) => void)[] = [];
  #nextNotice = 1;
  readonly #connect: () => Promise<EventfoldApi>;

  constructor(connect: () => Promise<EventfoldApi>) {
    this.#connect = connect;
  }

  get api(): EventfoldApi {
    if (!this.#api)
      throw new Error('AppSession.api was read before connect() finished: wait for status "ready".');
    return this.#api;
  }

  async connect(): Promise<void> {
    this.connection = { status: 'connecting' };
    this.dispose();
    try {
      const api = await this.#connect();
      this.#api = api;
      this.#unsubscribe = [
        api.on('folder.changed', (folder) => this.#folderChanged(folder)),
        api.on('folder.progress', (progress) => {
          this.progress = progress.done >= progress.total ? null : progress;
        }),
        api.on('app.error', ({ message }) => this.notify(message)),
        api.on('app.connection', ({ connected }) => (this.online = connected)),
        api.on('app.command', ({ command }) => {
          for (const listener of this.#commandListeners) listener(command);
        }),
      ];
      const [info, folder] = await Promise.all([
        api.call('app.info', undefined),
        api.call('folder.current', undefined),
      ]);
      this.info = info;
      this.#folderChanged(folder);
      this.connection = { status: 'ready' };
    } catch (error) {
      this.connection = { status: 'failed', message: errorText(error) };
    }
  }

  async open(path: string): Promise<void> {
    this.#folderChanged(await this.api.call('folder.open', { path }));
  }

  async create(path: string): Promise<void> {
    this.#folderChanged(await this.api.call('folder.create', { path }));
  }

  async repair(): Promise<RepairOutcome> {
    const outcome = await this.api.call('folder.repair', undefined);
    this.#folderChanged(outcome.folder);
    this.repaired = outcome;
    return outcome;
  }

  /**
   * Asks for a folder to open or create: the system dialog in the desktop app, the start screen's path field
   * in browser mode (which has no dialog).
   */
  async chooseFolder(purpose: 'open' | 'create'): Promise<void> {
    if (this.info?.mode === 'desktop') {
      try {
        const { path } = await this.api.call('folder.choose', { purpose });
        if (path !== null) await (purpose === 'open' ? this.open(path) : this.create(path));
      } catch (error) {
        this.notify(errorText(error));
      }
      return;
    }
    this.choosing = purpose;
    this.choosingFolder = true;
  }

  /** Menu items and shortcuts of the desktop shell; returns the unsubscribe. */
  onCommand(listener: (command: AppCommand) => void): () => void {
    this.#commandListeners = [...this.#commandListeners, listener];
    return () => {
      this.#commandListeners = this.#commandListeners.filter((known) => known !== listener);
    };
  }

  notify(message: string, tone: 'error' | 'success' = 'error'): void {
    const id = this.#nextNotice++;
    this.notices = [...this.notices.slice(-4), { id, message, tone }];
    // Good news needs no dismissing; errors stay until the user has read them.
    if (tone === 'success') setTimeout(() => this.dismissNotice(id), 5000);
  }

  dismissNotice(id: number): void {
    this.notices = this.notices.filter((notice) => notice.id !== id);
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
  }

  #folderChanged(folder: FolderSummary | null): void {
    if (folder?.path !== this.folder?.path) this.repaired = null;
    this.folder = folder;
    if (folder && !folder.indexing && this.progress?.phase === 'indexing') this.progress = null;
    if (folder) {
      this.choosingFolder = false;
      this.choosing = null;
    }
  }
}
