/**
 * - `always` (default): an append resolves only once its bytes are on stable storage.
 * - `batched`: it resolves once written to the OS; the file is synced at most `syncIntervalMs` later.
 * - `none`: the OS decides when to write; for scratch folders and bulk imports that can be redone.
 */
export type Durability = 'always' | 'batched' | 'none';

export interface OpenOptions {
  readonly durability?: Durability;
  /** With `batched`, how long an appended event may wait for its sync. */
  readonly syncIntervalMs?: number;
  /** Follow appends made by other processes (through the file watcher). Default true. */
  readonly watch?: boolean;
  /** Use and refresh the index cache in the folder's cache/ directory. Default true. */
  readonly cache?: boolean;
  /** Never take the write lock and never write, not even the cache. */
  readonly readOnly?: boolean;
  /** How long an append waits for another process's write lock. */
  readonly lockTimeoutMs?: number;
  /**
   * Resolve the open as soon as a large cold scan has started, instead of when it ends: the scan goes on
   * in a worker thread, forward reads of $all wait only for the part they read, and everything else
   * (appends, other reads, subscriptions) waits for `store.indexed`. Meanwhile `lastPosition`,
   * `streams()` and `eventTypes()` describe the part indexed so far. For readers that start at the
   * beginning: the CLI's read, an export, the log view.
   */
  readonly progressive?: boolean;
  /**
   * Logs with more bytes than this to scan at open are scanned by two threads (tuning and tests).
   * @internal
   */
  readonly parallelScanMinBytes?: number;
  /**
   * Size of log/journal.bin when this process is the one to create it (default 1 MiB; tests make it small).
   * @internal
   */
  readonly journalBytes?: number;
  readonly onProgress?: (progress: { readonly bytesDone: number; readonly bytesTotal: number }) => void;
}
