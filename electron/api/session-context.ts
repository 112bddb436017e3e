import type { FolderSummary, RequestArg, RequestName, RequestResult } from '../../shared/contract.js';
import type { FolderTrust } from '../projections/trust/index.js';
import type { ApiHost, Push } from './api-host.js';
import type { FolderRegistry } from './folder-registry.js';
import type { JournalDrafts } from './journal-drafts.js';
import type { RecentFolders } from './recent-folders.js';
import type { SessionFolder } from './session-folder.js';

/** What a request handler may use: the session's host, folder and push channel. */
export interface SessionContext {
  readonly host: ApiHost;
  readonly registry: FolderRegistry;
  readonly recent: RecentFolders;
  /** Which folders may run their own projection code. */
  readonly trust: FolderTrust;
  /** The composer's drafts per folder and channel, in the app's settings. */
  readonly drafts: JournalDrafts;
  readonly push: Push;
  /** The open folder, or a 'NoFolder' failure naming the request. */
  folder(request: RequestName): SessionFolder;
  readonly current: SessionFolder | undefined;
  openFolder(path: string): Promise<FolderSummary>;
}

export type Handler<N extends RequestName> = (
  arg: RequestArg<N>,
  session: SessionContext,
) => Promise<RequestResult<N>>;

/** A handler for every request of the contract; a missing or misspelled one fails to compile. */
export type HandlerMap = { readonly [N in RequestName]: Handler<N> };
