/**
 * What `import … from 'eventfold'` gives Node programs: the event store on a folder, the same store in
 * memory for tests, their options, event types and error classes. docs/API.md documents it with examples
 * (which the tests run). Options only tests and benchmarks use carry an "internal" tag, which leaves them
 * out of the published types (tsconfig.library.json strips them).
 */
export { openEventStore, EventStore } from './event-store.js';
export type { FolderHealth } from './event-store.js';
export { MemoryEventStore } from './memory-event-store.js';
export type {
  AppendManyOptions,
  AppendOptions,
  EventStoreApi,
  StreamAppend,
  StreamInfo,
} from './event-store-api.js';
export { initEventFolder, readManifest } from './manifest.js';
export type { InitOptions, Manifest } from './manifest.js';
export { verifyEventFolder } from './verify.js';
export type { VerifyReport } from './verify.js';
export type { Durability, OpenOptions } from './store-options.js';
export { MAX_PAGE } from './log-reader.js';
export type { ReadAllOptions, ReadPage, ReadStreamOptions, StreamPage } from './log-reader.js';
export type { PagedRead } from './paged-read.js';
export type { EventHandler, IterableSubscription, SubscribeOptions, Subscription } from './subscription.js';
export type { LogProblem } from './log-problem.js';
export type { LogTail } from './log-state.js';
export type { RepairResult } from './tail-repair.js';
export type { PositionQuery } from './position-query.js';
export type { RawLine } from './raw-line.js';
export { AppendManyError } from './append-many.js';
export { StoreError, WrongExpectedRevisionError } from '../../shared/store-error.js';
export type { StoreErrorCode, StoreErrorData } from '../../shared/store-error.js';
export type {
  AppendResult,
  EventToAppend,
  ExpectedRevision,
  JsonValue,
  Position,
  ReadDirection,
  RecordedEvent,
  StreamRevision,
} from '../../shared/event.js';
export {
  categoryOf,
  MAX_EVENT_BYTES,
  MAX_EVENT_TYPE_BYTES,
  MAX_STREAM_ID_BYTES,
} from '../../shared/stream-name.js';
