import type { Answer, FolderSummary, PushEvents, PushName } from '../../shared/contract.js';
import type { ImportSource } from '../../shared/journal/index.js';

/** What the api needs from whoever carries it: the Electron shell or browser mode's socket. */
export interface ApiHost {
  readonly mode: 'desktop' | 'browser';
  /** Desktop only (system dialog); browser mode leaves it out and folder.choose answers code 'Unsupported'. */
  chooseFolder?(purpose: 'open' | 'create'): Promise<string | null>;
  /** Desktop only (system save dialog): where to save an export or report; null when cancelled. */
  saveFile?(suggestedName: string): Promise<string | null>;
  /** Desktop only: the system dialog for a tool's export file (File > Import); null when cancelled. */
  chooseImportFile?(from: ImportSource): Promise<string | null>;
}

export type Push = <P extends PushName>(name: P, payload: PushEvents[P]) => void;

/** One window's or one socket's conversation with the api. */
export interface ApiSession {
  /** Validates name and argument against shared/contract.ts, runs the handler, never throws. */
  dispatch(name: unknown, arg: unknown): Promise<Answer<unknown>>;
  /** What folder.open does: opens the folder in this session, remembers it among recent folders. */
  openFolder(path: string): Promise<FolderSummary>;
  /** Closes views and releases the folder. */
  dispose(): Promise<void>;
}
