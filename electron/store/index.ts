/** The event store engine: the public API that api/, cli/ and tests use. */
export { EventStore, openEventStore } from './event-store.js';
export type { FolderHealth, RepairOptions } from './event-store.js';
export type {
  AppendManyOptions,
  AppendOptions,
  EventStoreApi,
  StreamAppend,
  StreamInfo,
} from './event-store-api.js';
export { AppendManyError } from './append-many.js';
export { MemoryEventStore } from './memory-event-store.js';
export type { PagedRead } from './paged-read.js';
export { initEventFolder, readManifest } from './manifest.js';
export type { Manifest, InitOptions } from './manifest.js';
export type { OpenOptions, Durability } from './store-options.js';
export type { ReadAllOptions, ReadStreamOptions, ReadPage, StreamPage, StoredLine } from './log-reader.js';
export { recordedEventFromLine } from './event-line.js';
export { MAX_PAGE } from './log-reader.js';
export type { Subscription, IterableSubscription, SubscribeOptions, EventHandler } from './subscription.js';
export type { LogProblem } from './log-problem.js';
export { describeProblem } from './log-problem.js';
export type { LogTail, ScanProgress } from './log-state.js';
export type { RepairResult } from './tail-repair.js';
export type { PositionQuery } from './position-query.js';
export type { RawLine } from './raw-line.js';
export type { CheckedChunk } from './checked-lines.js';
export { verifyEventFolder } from './verify.js';
export type { VerifyReport } from './verify.js';
// For anything else that writes inside a folder (projection checkpoints in cache/): never through a link.
export { assertWritableFile, ensureDirectory, inspectEntry } from './folder-entry.js';
export type { FolderEntry } from './folder-entry.js';
