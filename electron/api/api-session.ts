import path from 'node:path';
import {
  isRequestName,
  requests,
  type Answer,
  type FolderSummary,
  type RequestName,
} from '../../shared/contract.js';
import { FOLDER_TRUST_FILE, FolderTrust } from '../projections/trust/index.js';
import { readManifest } from '../store/index.js';
import type { ApiHost, ApiSession, Push } from './api-host.js';
import { ContractFailure, failureOf } from './contract-failure.js';
import type { FolderRegistry } from './folder-registry.js';
import { handlers } from './handlers.js';
import { JOURNAL_DRAFTS_FILE, JournalDrafts } from './journal-drafts.js';
import type { RecentFolders } from './recent-folders.js';
import type { Handler, SessionContext } from './session-context.js';
import { SessionFolder } from './session-folder.js';
import { errorText } from '../../shared/error-text.js';

export interface ApiSessionOptions {
  readonly host: ApiHost;
  readonly registry: FolderRegistry;
  readonly recent: RecentFolders;
  /**
   * Default: `folder-trust.json` in the folder of the recent folders list, which is the app's user data
   * folder in the desktop app and in browser mode alike.
   */
  readonly trust?: FolderTrust;
  /** Default: `journal-drafts.json` beside the recent folders list (the app's user data folder). */
  readonly drafts?: JournalDrafts;
  readonly push: Push;
}

export function createApiSession(options: ApiSessionOptions): ApiSession {
  return new Session(options);
}

class Session implements ApiSession, SessionContext {
  readonly host: ApiHost;
  readonly registry: FolderRegistry;
  readonly recent: RecentFolders;
  readonly trust: FolderTrust;
  readonly drafts: JournalDrafts;
  readonly push: Push;
  current: SessionFolder | undefined;
  private disposed = false;
  /** Opening and disposing happen one at a time, so a folder is never left open by a race. */
  private folderChanges: Promise<unknown> = Promise.resolve();

  constructor(options: ApiSessionOptions) {
    this.host = options.host;
    this.registry = options.registry;
    this.recent = options.recent;
    const { push } = options;
    // A push to a window or socket that is gone is nobody's problem: it is dropped.
    this.push = (name, payload) => {
      if (this.disposed) return;
      try {
        push(name, payload);
      } catch {
        // The transport is closing; nothing to tell.
      }
    };
    this.drafts =
      options.drafts ?? new JournalDrafts(path.join(path.dirname(options.recent.file), JOURNAL_DRAFTS_FILE));
    this.trust =
      options.trust ??
      new FolderTrust(path.join(path.dirname(options.recent.file), FOLDER_TRUST_FILE), {
        onDamaged: (keptAs, reason) =>
          this.push('app.error', {
            message: `The list of trusted folders was damaged (${reason}); it was kept as ${keptAs}, and no folder is trusted until you trust it again.`,
          }),
      });
  }

  async dispatch(name: unknown, arg: unknown): Promise<Answer<unknown>> {
    if (!isRequestName(name)) {
      return {
        ok: false,
        error: {
          code: 'BadRequest',
          message: `Unknown request ${describeName(name)}: the contract has no such request`,
          details: { request: typeof name === 'string' ? name.slice(0, 200) : typeof name },
        },
      };
    }
    try {
      if (this.disposed) throw new ContractFailure('Closed', `${name}: this window's session is closed`);
      const parsed: unknown = requests[name].arg.parse(arg);
      const handler = handlers[name] as Handler<RequestName>;
      const value: unknown = await handler(parsed as never, this);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: failureOf(name, error) };
    }
  }

  folder(request: RequestName): SessionFolder {
    if (this.current === undefined) {
      throw new ContractFailure('NoFolder', `${request}: no folder is open; open or create one first`, {
        request,
      });
    }
    return this.current;
  }

  openFolder(folder: string): Promise<FolderSummary> {
    return this.oneAtATime(async () => {
      if (this.disposed) throw new ContractFailure('Closed', "folder.open: this window's session is closed");
      const absolute = path.resolve(folder);
      // Says "X is not an event folder" (or does not exist) before anything is opened.
      await readManifest(absolute);
      const lease = await this.registry.acquire(absolute);
      const previous = this.current;
      this.current = new SessionFolder(lease, this.push);
      await previous?.dispose();
      try {
        await this.recent.remember(absolute);
      } catch (error) {
        this.push('app.error', {
          message: `Could not update the recent folders list: ${errorText(error)}`,
        });
      }
      const summary = await this.current.summary();
      this.current.announce(summary);
      return summary;
    });
  }

  dispose(): Promise<void> {
    this.disposed = true;
    return this.oneAtATime(async () => {
      const folder = this.current;
      this.current = undefined;
      await folder?.dispose();
    });
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const result = this.folderChanges.then(work, work);
    this.folderChanges = result.catch(() => undefined);
    return result;
  }
}

function describeName(name: unknown): string {
  if (typeof name === 'string') return JSON.stringify(name.length > 100 ? `${name.slice(0, 100)}…` : name);
  return `(a ${name === null ? 'null' : typeof name}, not a name)`;
}
