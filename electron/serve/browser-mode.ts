import path from 'node:path';
import {
  attachmentReply,
  FolderRegistry,
  FolderSummaries,
  isJournalFolder,
  preparedFiles,
  RecentFolders,
  RECENT_FOLDERS_FILE,
} from '../api/index.js';
import { ApiSockets } from './api-socket.js';
import { userDataFolder } from './default-journal-folder.js';
import { startStaticServer } from './static-server.js';

export interface BrowserModeOptions {
  /** The event folder every page opens first. */
  readonly folder: string;
  /** The built renderer, usually `out/renderer`. */
  readonly rendererDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** More names the Host check lets in (see StaticServerOptions.allowedHosts). */
  readonly allowedHosts?: readonly string[];
  readonly token?: string;
  /** Default: `recent-folders.json` in the user data folder the desktop app uses too. */
  readonly recentFoldersFile?: string;
}

export interface RunningBrowserMode {
  /** Exactly `http://127.0.0.1:PORT/?token=TOKEN`. */
  readonly url: string;
  readonly port: number;
  /** The address the server is bound to. */
  readonly address: string;
  /** True when other machines can reach it: the token then crosses the network in clear text. */
  readonly remote: boolean;
  /** The names a browser may use to reach it (the Host check refuses any other). */
  readonly names: readonly string[];
  readonly token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: one HTTP server for the built renderer and the contract's WebSocket at /api, both behind
 * the per-run token. The folder stays open for the whole run (its index is built once, whatever the
 * number of page loads), and every socket's session shares it.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<RunningBrowserMode> {
  const folder = path.resolve(options.folder);
  const registry = new FolderRegistry();
  const lease = await registry.acquire(folder);
  // A journal's views load while the server waits for its first page, which then need not wait for them.
  // A fault is the views' status, which the page shows when it asks.
  void lease.store.indexed
    .then(() => (isJournalFolder(lease.store) ? lease.journal().start() : undefined))
    .catch(() => undefined);
  // So is the folder's summary, which every page's first answers wait for (its socket's session is opened on
  // the folder with it). A fault shows in the page's own summary.
  void lease.store.indexed.then(() => FolderSummaries.of(lease.store).summary()).catch(() => undefined);
  const recent = new RecentFolders(
    options.recentFoldersFile ?? path.join(userDataFolder(), RECENT_FOLDERS_FILE),
  );
  const sockets = new ApiSockets({ folder, registry, recent });
  try {
    const server = await startStaticServer({
      rendererDir: options.rendererDir,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
      ...(options.token === undefined ? {} : { token: options.token }),
      onSocket: sockets.accept,
      downloads: (handle) => preparedFiles.get(handle),
      attachments: (where, query) => attachmentReply(registry, where, query),
    });
    return {
      url: server.url,
      port: server.port,
      address: server.address,
      remote: server.remote,
      names: server.names,
      token: server.token,
      close: async () => {
        await sockets.close();
        await server.close();
        await lease.release();
      },
    };
  } catch (error) {
    await sockets.close();
    await lease.release();
    throw error;
  }
}
