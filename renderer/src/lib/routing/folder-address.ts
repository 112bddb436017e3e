import type { FolderSummary } from '../../../../shared/contract.js';
import type { AppSession } from '../app-session.svelte.js';
import { queryText, type Place } from './route-table.js';
import type { Router } from './router.svelte.js';

/**
 * The folder shown is part of the address too, but only when it is not the one this page's server opened
 * first (browser mode's served folder, the desktop window's): addresses of the usual folder stay short,
 * and an address of another one opens it again after a reload.
 */
export class FolderAddress {
  /** The folder the connection started with. */
  #home: string | null = null;
  #shown: string | null = null;
  /** Folder changes before `connected` has looked at the address are the connection's own opening. */
  #ready = false;
  readonly #router: Router;
  readonly #session: AppSession;
  readonly #landing: (folder: FolderSummary) => Place;

  constructor(session: AppSession, router: Router, landing: (folder: FolderSummary) => Place) {
    this.#session = session;
    this.#router = router;
    this.#landing = landing;
  }

  /**
   * The connection is ready: remember the folder it started with, and open the one the address names if it
   * is another. An address without a place lands where the folder opens (its landing view).
   */
  async connected(emptyAddress: boolean): Promise<void> {
    this.#home = this.#session.folder?.path ?? null;
    const wanted = queryText(this.#router.place.query, 'folder');
    if (wanted !== undefined && wanted !== this.#home) {
      try {
        await this.#session.open(wanted);
      } catch (error) {
        this.#session.notify(
          `The address names the folder ${wanted}, which could not be opened: ${String(
            error instanceof Error ? error.message : error,
          )}`,
        );
        this.#router.setQuery({ folder: undefined }, { replace: true });
      }
    }
    this.#shown = this.#session.folder?.path ?? null;
    this.#ready = true;
    if (emptyAddress && this.#shown !== null) this.#go(this.#shown, { replace: true });
  }

  /** The session's folder changed (opened, created, switched): a new folder starts at its landing place. */
  changed(path: string | null): void {
    if (!this.#ready || path === this.#shown) return;
    this.#shown = path;
    if (path !== null) this.#go(path, { replace: false });
  }

  #go(path: string, options: { replace: boolean }): void {
    const folder = this.#session.folder;
    if (folder === null) return;
    const place = this.#landing(folder);
    const query = path === this.#home ? place.query : { ...place.query, folder: path };
    this.#router.navigate({ ...place, query }, options);
  }
}
