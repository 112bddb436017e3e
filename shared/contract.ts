/**
 * The IPC contract: every request the renderer may make (name -> argument schema -> result type) and every
 * event the Node side pushes. The Electron main process and browser mode's socket both serve exactly this,
 * and the renderer reaches the machine through nothing else.
 */
import type { AppendResult, JsonValue, RecordedEvent } from './event.js';
import type { JsonChange } from './json-diff/index.js';
import {
  array,
  boolean,
  integer,
  json,
  literal,
  nothing,
  object,
  optional,
  string,
  union,
  type Infer,
  type Schema,
} from './schema.js';
import type { ReportStamp } from './report-stamp.js';
import type { EventsOverTime, ReportChartKind } from './reports/report-chart.js';
import type { StoreErrorData } from './store-error.js';
import { MAX_STREAM_ID_BYTES, MAX_EVENT_TYPE_BYTES } from './stream-name.js';
// The journal block's types and argument schemas (see "---- The journal" below).
import type { AttachmentRef, JournalErrorCode, JournalId } from './journal/index.js';
import type { CommandOutcome } from './journal/command-outcome.js';
import { journalArgs } from './journal/request-args.js';
import { importUploadArg, type ImportUploadArg, type ImportUploadResult } from './journal/import-upload.js';
import type {
  AttachmentChunk,
  CalendarDay,
  ChannelSummary,
  DeletedPage,
  ImportOutcome,
  ImportPreview,
  ImportSource,
  JournalDraft,
  JournalStatistics,
  JournalStatus,
  MessageHistory,
  MessagePage,
  MessageView,
  OnThisDay,
  SearchResults,
  TagCount,
} from './journal/views.js';
import { MAX_CONDITION_LENGTH } from './value-filter.js';

// ---- Values that travel -------------------------------------------------------------------------------

/** Something wrong in the log, as `eventfold verify` reports it. */
export interface FolderProblem {
  /** A file of log/ (a segment, a seal, the journal), or '' for log/ itself. */
  readonly segment: string;
  /** 1-based; 0 when the problem is the file itself (a link, a directory where a file belongs). */
  readonly line: number;
  readonly offset: number;
  readonly reason: string;
}

/**
 * - ok: sound and writable;
 * - torn-tail: an interrupted append left bytes after the last event; appends wait for a repair;
 * - corrupt: damage before the tail; the folder is read-only until someone fixes it by hand;
 * - missing: the folder was removed or renamed while open.
 */
export type FolderCondition = 'ok' | 'torn-tail' | 'corrupt' | 'missing';

export interface FolderHealthView {
  readonly condition: FolderCondition;
  readonly problems: readonly FolderProblem[];
  /** For a torn tail: where it starts and how many bytes a repair would cut (and keep in repairs/). */
  readonly tail: { readonly segment: string; readonly offset: number; readonly bytes: number } | null;
}

export interface FolderSummary {
  /** Absolute path of the folder. */
  readonly path: string;
  /** The manifest's stable id (trust and settings are keyed by it, never by path). */
  readonly id: string;
  readonly name: string;
  readonly events: number;
  readonly streams: number;
  readonly categories: number;
  readonly bytes: number;
  /** Time of the first and last event, null when empty. */
  readonly firstTime: string | null;
  readonly lastTime: string | null;
  /** True while the folder is still being indexed after opening (progress arrives as `folder.progress`). */
  readonly indexing: boolean;
  /** Opened read-only (by choice, or because of damage): appends are refused. */
  readonly readOnly: boolean;
  readonly health: FolderHealthView;
  /**
   * The folder is a journal: it has a channel directory (the default journal gets its first channel when it
   * is made). The chat view is then its landing view.
   */
  readonly journal: boolean;
}

export interface StreamSummary {
  readonly stream: string;
  readonly category: string;
  readonly events: number;
  readonly lastRevision: number;
  readonly lastPosition: number;
  readonly lastTime: string;
}

export interface CategorySummary {
  readonly category: string;
  readonly streams: number;
  readonly events: number;
  readonly lastPosition: number;
  readonly lastTime: string;
}

export interface RecentFolder {
  readonly path: string;
  readonly name: string;
  readonly lastOpened: string;
  /** False when the folder is gone (moved, deleted, on an unplugged drive). */
  readonly available: boolean;
}

/** What the log view shows: $all, one stream or one category. */
export const logSourceSchema = union(
  object({ kind: literal('all') }),
  object({ kind: literal('stream'), stream: string({ minLength: 1, maxLength: MAX_STREAM_ID_BYTES }) }),
  object({ kind: literal('category'), category: string({ maxLength: MAX_STREAM_ID_BYTES }) }),
);
export type LogSource = Infer<typeof logSourceSchema>;

const timeText = string({ minLength: 1, maxLength: 64 });

// ---- Stream browser (issue 13): value filters -------------------------------------------------------------

/**
 * Conditions on a field's value, each as the user typed it (`data.customer.id = user-42`, `data.total > 100`,
 * `data.note exists`, `data.note contains gift`; shared/value-filter.ts has the syntax and meaning). All
 * must hold. Read by the store side in a scan with progress, after the index has narrowed the candidates
 * by source, type and stream; a condition that does not parse answers BadRequest naming it and the character.
 */
export const valueConditionsSchema = optional(
  array(string({ minLength: 1, maxLength: MAX_CONDITION_LENGTH }), { maxItems: 20 }),
);

// ---- (end of the stream browser's value filters) ----------------------------------------------------------

// ---- Stream browser (issue 13): the connection and projection reloads, as pushes ----------------------------

/**
 * Why the page's link dropped, as far as the page can tell: `unreachable` (nothing answers at the address:
 * the server stopped, or is restarting) or `restarted` (a server answers there but refuses this page's
 * access token: it is a new run, with a new token, whose address its terminal printed).
 */
export type ConnectionLoss = 'unreachable' | 'restarted';

/** A projection's code was reloaded (its file changed on disk, or was saved from What if…) and rebuilt. */
export interface ProjectionReloaded {
  readonly name: string;
}

// ---- (end of the stream browser's pushes) --------------------------------------------------------------------

/** Filters of the log view; an event must pass all that are given. */
export const logFilterSchema = object({
  /** Only these event types. */
  types: optional(array(string({ minLength: 1, maxLength: MAX_EVENT_TYPE_BYTES }), { maxItems: 1000 })),
  /** Stream name pattern: `*` matches any run of characters, `?` one; without wildcards, a substring. */
  stream: optional(string({ maxLength: MAX_STREAM_ID_BYTES })),
  /** ISO-8601 times, inclusive. */
  from: optional(timeText),
  to: optional(timeText),
  /** Case-insensitive text that must occur in the event's data or metadata (as JSON). */
  text: optional(string({ maxLength: 1000 })),
  /** Conditions on fields' values (see valueConditionsSchema). */
  where: valueConditionsSchema,
});
export type LogFilter = Infer<typeof logFilterSchema>;

export interface LogView {
  /** Handle for log.page, log.locate and log.close; pushes about it carry it too. */
  readonly view: string;
  /** Matching events found so far; final once `complete`. */
  readonly count: number;
  /** False while a filter that must read every line (text, time, values) is still scanning. */
  readonly complete: boolean;
}

export interface LogPage {
  /** The matching events at indexes index .. index + events.length - 1 of the view, oldest first. */
  readonly index: number;
  readonly events: readonly RecordedEvent[];
  readonly count: number;
}

export interface EventDetail {
  readonly event: RecordedEvent;
  /** The line exactly as stored in the segment, checksum included. */
  readonly raw: string;
  readonly segment: string;
  /** Neighbours in $all and in the event's stream (positions), null at either end. */
  readonly previous: number | null;
  readonly next: number | null;
  readonly streamPrevious: number | null;
  readonly streamNext: number | null;
}

export interface RepairOutcome {
  readonly bytesCut: number;
  /** Where the cut bytes were kept, relative to the folder; null when nothing was cut. */
  readonly keptAs: string | null;
  readonly folder: FolderSummary;
}

/** Whether the current folder's own projection code may run, as the trust prompt shows it. */
export interface TrustStatus {
  /**
   * The user trusts this folder, at this place, with the projection code it has now (kept in the app's
   * settings by its real path, its manifest id and a hash of its projection files; never in the folder).
   */
  readonly trusted: boolean;
  /** How many projection files (projections/*.js) the folder holds: what trusting it would run. */
  readonly projections: number;
  // ---- sandbox (issue 9): why a folder trusted before asks again ----
  /**
   * Absent when trusted, or never trusted here. 'code-changed': the folder was trusted, and its projection
   * files changed since (the prompt says so); 'older-trust': an earlier Eventfold trusted it by its id
   * alone, which a copy of its manifest could borrow, so it asks once more.
   */
  readonly askAgain?: 'code-changed' | 'older-trust';
}

/**
 * A projection of the current folder as the projections view lists it. status: idle (not started: nothing
 * has asked for its state since the folder opened; asking starts it, from its checkpoint if it has one),
 * starting (loading), running (catching up, or following the log once `position` is the folder's last),
 * faulted (stopped at `fault`; listed so even before it starts, when its checkpoint says it stopped there in
 * an earlier session), stopped, untrusted (the folder's own code waits for the folder to be
 * trusted), invalid (cannot run: see `fault.error`).
 */
export interface ProjectionSummary {
  readonly name: string;
  /** builtin: ships with Eventfold and runs without trust; user: the folder's projections/NAME.js. */
  readonly kind: 'user' | 'builtin';
  readonly status: 'idle' | 'starting' | 'running' | 'faulted' | 'stopped' | 'untrusted' | 'invalid';
  /** The last position folded; while idle, where it stopped in an earlier session (0 if it never ran). */
  readonly position: number;
  /** What stopped it: the event's position (null when no event was being handled) and the error. */
  readonly fault: { readonly position: number | null; readonly error: string } | null;
  /** Events skipped after a fault, with the error each raised. */
  readonly skipped: readonly { readonly position: number; readonly error: string }[];
  // ---- sandbox (issue 9): projections read the log as `read` does ----
  /**
   * Positions the projection passed over because the log has no sound event there (a damaged line is a
   * hole for projections exactly as for `read`): how many, and the first ones (at most 20).
   */
  readonly holes: { readonly count: number; readonly positions: readonly number[] };
}

/** An event that changed a path of a projection's state; before/after absent when the path did not exist. */
export interface ProjectionPathChange {
  readonly position: number;
  readonly before?: JsonValue;
  readonly after?: JsonValue;
}

/** A user projection's code, as the what-if editor loads it. */
export interface ProjectionSource {
  readonly name: string;
  /** The text of the file. */
  readonly code: string;
  /** Where it is, relative to the folder: `projections/NAME.js`. */
  readonly file: string;
}

/**
 * A what-if run: edited projection code folded into a scratch read model (never cached, never saved) up to
 * `position`, and its difference from the named projection's state there.
 */
export interface WhatIfOutcome {
  readonly position: number;
  /** The edited code's state after the event at `position`. */
  readonly state: JsonValue;
  /** The named projection's state at `position`; null when no name was given or it has none there. */
  readonly current: JsonValue | null;
  /**
   * Why `current` is null although a name was given: the folder is not trusted (its saved code may not
   * run), or the projection faulted before `position`.
   */
  readonly currentError?: string;
  /** What the edit changes: the structural diff from `current` to `state` (empty when current is null). */
  readonly changes: readonly JsonChange[];
}

export interface AppInfo {
  readonly version: string;
  readonly mode: 'desktop' | 'browser';
  readonly platform: string;
}

// ---- Exports and reports (issue 12): values --------------------------------------------------------------

/** A file made on the Node side for the page to save: downloaded in browser mode, saved by dialog on the desktop. */
export interface PreparedFile {
  /** Handle for export.save and browser mode's download route (/download/FILE). */
  readonly file: string;
  /** Suggested file name, such as `orders-1-500.csv`. */
  readonly name: string;
  readonly bytes: number;
  readonly mediaType: string;
  readonly stamp: ReportStamp;
}

/** A report drawn as self-contained HTML for the app's preview. */
export interface ReportPreview {
  readonly html: string;
  readonly stamp: ReportStamp;
  /** The report's charts as data, for the app's live chart (the same option builder draws all of them). */
  readonly charts: readonly ReportChart[];
}

/** A chart of a report: which of shared/reports/report-chart.ts's options, its title and its numbers. */
export interface ReportChart {
  readonly chart: ReportChartKind;
  readonly title: string;
  readonly data: EventsOverTime;
}

// ---- Requests -------------------------------------------------------------------------------------------

const expectedRevisionSchema = union(integer({ min: -1 }), literal('any', 'no-stream', 'exists'));

const folderPath = string({ minLength: 1, maxLength: 4096 });
const viewHandle = string({ minLength: 1, maxLength: 64 });
const position = integer({ min: 1 });
const projectionName = string({ minLength: 1, maxLength: 255 });
/** Projection code from the app's editor; a projection is a fold, not a bundle. */
const projectionCode = string({ maxLength: 1_000_000 });

// ---- Exports and reports (issue 12): arguments -----------------------------------------------------------

const exportColumns = array(string({ minLength: 1, maxLength: 1000 }), { maxItems: 500 });
const reportFormat = literal('html', 'pdf', 'md');

// ---- Journal digest (issue 12, after the journal): the digest as a report kind ---------------------------

/** `YYYY-MM-DD`; the report checks that it is a real day and names the field when not. */
const journalDay = string({ minLength: 10, maxLength: 10 });

/**
 * The journal digest of a period: local days `from`..`to` (inclusive, at most 366) in `timeZone` (the
 * page's own), of every channel or of one (its id). Entries per day, words, tags, streaks, "on this day"
 * and the entries with their pictures; stamped so that verify-report also fails when later events change
 * the period's entries.
 */
const journalDigestRequestSchema = object({
  kind: literal('journal-digest'),
  from: journalDay,
  to: journalDay,
  timeZone: string({ minLength: 1, maxLength: 64 }),
  channel: optional(string({ minLength: 1, maxLength: 64 })),
  format: reportFormat,
});

// ---- (end of the journal digest's block) ------------------------------------------------------------------

/** A report: of the folder's events (a source and filter), of a projection's state at a position, or a journal digest. */
export const reportRequestSchema = union(
  object({
    kind: literal('folder-report'),
    source: logSourceSchema,
    filter: optional(logFilterSchema),
    format: reportFormat,
  }),
  object({
    kind: literal('projection-report'),
    name: projectionName,
    position: optional(integer({ min: 0 })),
    compare: optional(integer({ min: 0 })),
    format: reportFormat,
  }),
  journalDigestRequestSchema,
);
export type ReportRequest = Infer<typeof reportRequestSchema>;

/** An export of events, of a projection's state, or a report. */
export const exportRequestSchema = union(
  object({
    kind: literal('events'),
    source: logSourceSchema,
    filter: optional(logFilterSchema),
    format: literal('jsonl', 'json', 'csv', 'md'),
    columns: optional(exportColumns),
    bom: optional(boolean),
  }),
  object({
    kind: literal('projection'),
    name: projectionName,
    position: optional(integer({ min: 0 })),
    format: literal('json', 'csv', 'md'),
    bom: optional(boolean),
  }),
  reportRequestSchema,
);
export type ExportRequest = Infer<typeof exportRequestSchema>;

/** Declares a request: its argument schema, and (as a type only) its result. */
function request<A, R>(arg: Schema<A>): RequestSpec<A, R> {
  return { arg };
}

export interface RequestSpec<A, R> {
  readonly arg: Schema<A>;
  /** Type-only: never read at run time. */
  readonly result?: R;
}

// ---- The journal ----------------------------------------------------------------------------------------
// Every request of the journal's chat view, search, imports, statistics and as-of view. Argument schemas
// are in shared/journal/request-args.ts, result types in shared/journal/views.ts; the domain (commands,
// events, refusals) is shared/journal/ and docs/JOURNAL.md. Until the journal's Node side lands, the api
// answers each of these 'Unsupported' (electron/api/journal-pending-handlers.ts; see the test there).
// Reads that take `asOf` answer the journal as it was at that moment: every journal event whose `at` is at
// or before it, in log order (docs/JOURNAL.md, "The journal as of a date").

/** A journal request: its argument schema and, as a type only, its result. */
function journalRequest<R>(): <A>(arg: Schema<A>) => RequestSpec<A, R> {
  return (arg) => ({ arg });
}

export const journalRequests = {
  /** Whether the current folder is a journal, its counts, and where its read models are. */
  'journal.status': journalRequest<JournalStatus>()(journalArgs.status),
  /**
   * Runs a journal command (post, edit, delete, restore, react, pin, tag, channel changes: every
   * JournalCommand of shared/journal/commands.ts). Ids and the time come in the command, made by the page
   * (a retried command with the same ids changes nothing). A command that loses a race with another writer
   * is decided again on fresh state; an edit that lost to another edit is kept as a conflict (`conflict`).
   * Refusals answer the decider's code (ChannelIsArchived, MessageIsDeleted, EmptyMessage, …) with a
   * message a person can act on; 'WriteContention' after losing too many races in a row.
   */
  'journal.command': journalRequest<CommandOutcome>()(journalArgs.command),
  /**
   * The channels in their order, with counts and last activity (archived ones too unless `archived` is
   * false).
   */
  'journal.channels': journalRequest<readonly ChannelSummary[]>()(journalArgs.channels),
  /**
   * A page of a channel's messages, oldest first: the latest, before or after a cursor, around a message
   * (jump to it) or from a time (jump to a date). At most `limit` (default 50). 'UnknownChannel',
   * 'UnknownMessage'.
   */
  'journal.messages': journalRequest<MessagePage>()(journalArgs.messages),
  /** One message (for a reply's original, a search result, a pin). 'UnknownMessage'. */
  'journal.message': journalRequest<MessageView>()(journalArgs.message),
  /** A message's versions, conflicts and every event, for the edit history view. 'UnknownMessage'. */
  'journal.history': journalRequest<MessageHistory>()(journalArgs.history),
  /** Recently deleted messages (of one channel, or all), most recently deleted first, for undelete. */
  'journal.deleted': journalRequest<DeletedPage>()(journalArgs.deleted),
  /** A channel's pinned messages (not deleted), in the order they were posted. */
  'journal.pins': journalRequest<readonly MessageView[]>()(journalArgs.pins),
  /** Days from..to (local to `timeZone`) that have entries, with counts: the date picker's calendar. */
  'journal.calendar': journalRequest<readonly CalendarDay[]>()(journalArgs.calendar),
  /** Messages of this day of the year in earlier years ("On this day"), at most `limit` a year. */
  'journal.onThisDay': journalRequest<OnThisDay>()(journalArgs.onThisDay),
  /** Entries and words per day, streaks, tags, weekdays and hours, over from..to or the whole journal. */
  'journal.statistics': journalRequest<JournalStatistics>()(journalArgs.statistics),
  /** Tags in use with their counts, most used first; `prefix` for completion as a tag is typed. */
  'journal.tags': journalRequest<readonly TagCount[]>()(journalArgs.tags),
  /**
   * Full-text search (accents folded, emoji kept, prefix and typo-tolerant), newest relevant first, with
   * filters (channels, tags, a time range, has an attachment) and paging (`offset`, `limit` default 20).
   * Deleted messages are not found. Results carry highlighted excerpts, never HTML.
   */
  'journal.search': journalRequest<SearchResults>()(journalArgs.search),
  /**
   * Starts an attachment upload (the page names it with an id of its own). At most 64 MiB
   * ('AttachmentTooLarge'); the bytes come in chunks of at most `chunkBytes`.
   */
  'journal.upload.begin': journalRequest<{ readonly chunkBytes: number }>()(journalArgs.uploadBegin),
  /** One chunk of an upload, in order (`offset` = bytes received so far), as base64. 'UnknownUpload'. */
  'journal.upload.chunk': journalRequest<{ readonly received: number }>()(journalArgs.uploadChunk),
  /**
   * Ends an upload: the bytes are hashed and stored in the folder (attachments/sha256/…, fsynced) and the
   * answer is the reference a post or edit carries. Pixel size, when the page measured a picture.
   */
  'journal.upload.finish': journalRequest<AttachmentRef>()(journalArgs.uploadFinish),
  /** Drops an unfinished upload. */
  'journal.upload.cancel': journalRequest<null>()(journalArgs.uploadCancel),
  /**
   * Bytes of a stored attachment, from `offset` (default 0), at most `length` (default and maximum 1 MiB),
   * for display and download. 'AttachmentMissing' when the file is not in the folder,
   * 'AttachmentMismatch' when its bytes no longer have its hash.
   */
  'journal.attachment.read': journalRequest<AttachmentChunk>()(journalArgs.attachmentRead),
  /**
   * An address to show or download a stored attachment from (an img's src, a link's href): a route of
   * browser mode's server (the page's token cookie lets it in), or the desktop app's own
   * `eventfold-attachment:` protocol. The bytes come with `mediaType` when it is one a page may show inline
   * (pictures but SVG, audio, video, PDF, plain text), else as a download, always sandboxed and unsniffed.
   */
  'journal.attachment.url': journalRequest<{ readonly url: string }>()(journalArgs.attachmentUrl),
  /** The drafts of the current folder's channels, kept in the app's settings (not in the folder). */
  'journal.drafts': journalRequest<
    readonly { readonly channel: JournalId; readonly draft: JournalDraft }[]
  >()(journalArgs.drafts),
  /** Keeps (or, with null, forgets) a channel's draft across restarts. */
  'journal.draft.save': journalRequest<null>()(journalArgs.draftSave),
  /** Asks the user for an export file (or Telegram's export folder) with the system dialog. Desktop only. */
  'journal.import.choose': journalRequest<{ readonly path: string | null }>()(journalArgs.importChoose),
  /** Reads an export file and says what importing it would do, and what in it is wrong. Appends nothing. */
  'journal.import.preview': journalRequest<ImportPreview>()(journalArgs.importPreview),
  /**
   * Imports an export file into a channel (an existing one, or a new one created first), keeping the
   * original times; entries already imported are skipped, so importing twice adds nothing. A malformed file
   * is refused ('ImportFailed', naming the line or key) with nothing appended. Progress arrives as
   * `journal.import.progress`; `journal.import.cancel` stops it ('Cancelled').
   */
  'journal.import': journalRequest<ImportOutcome>()(journalArgs.import),
  'journal.import.cancel': journalRequest<null>()(journalArgs.importCancel),
} as const;

export type JournalRequestName = keyof typeof journalRequests;
export const journalRequestNames = Object.keys(journalRequests) as JournalRequestName[];

/** The tools `journal.import` reads (for the page's File > Import menu). */
export const importSources: readonly ImportSource[] = ['telegram', 'jrnl', 'dayone'];

export const requests = {
  /** Version and where the page runs. */
  'app.info': request<undefined, AppInfo>(nothing),

  /** The folder this window shows, or null when none is open. */
  'folder.current': request<undefined, FolderSummary | null>(nothing),
  /** Opens an event folder in this window (it becomes the current folder). */
  'folder.open': request<{ readonly path: string }, FolderSummary>(object({ path: folderPath })),
  /** Makes a new, empty event folder (the directory may exist but must be empty) and opens it. */
  'folder.create': request<{ readonly path: string }, FolderSummary>(object({ path: folderPath })),
  /** Asks the user for a folder with the system dialog; null when cancelled. Desktop only. */
  'folder.choose': request<{ readonly purpose: 'open' | 'create' }, { readonly path: string | null }>(
    object({ purpose: literal('open', 'create') }),
  ),
  /** Folders opened before, most recent first. */
  'folder.recent': request<undefined, readonly RecentFolder[]>(nothing),
  /** Forgets one recent folder. */
  'folder.forget': request<{ readonly path: string }, readonly RecentFolder[]>(object({ path: folderPath })),
  /** Cuts a torn tail (keeping the bytes in repairs/); refuses any other damage. */
  'folder.repair': request<undefined, RepairOutcome>(nothing),

  /**
   * Trusts the current folder (its projections/*.js may run) or revokes that trust. Built-in projections
   * run either way. Answers the folder's trust as it now is.
   */
  'folder.trust': request<{ readonly trusted: boolean }, { readonly trusted: boolean }>(
    object({ trusted: boolean }),
  ),
  /** The current folder's trust and how many projection files trusting it would run. */
  'trust.status': request<undefined, TrustStatus>(nothing),

  /** Streams whose name matches the pattern (wildcards `*` `?`, else substring), most recently active first. */
  'streams.list': request<
    {
      readonly pattern?: string;
      readonly category?: string;
      readonly offset?: number;
      readonly limit?: number;
    },
    { readonly total: number; readonly matched: number; readonly streams: readonly StreamSummary[] }
  >(
    object({
      pattern: optional(string({ maxLength: MAX_STREAM_ID_BYTES })),
      category: optional(string({ maxLength: MAX_STREAM_ID_BYTES })),
      offset: optional(integer({ min: 0 })),
      limit: optional(integer({ min: 1, max: 1000 })),
    }),
  ),
  /** Every category with its stream and event counts, most recently active first. */
  'streams.categories': request<undefined, readonly CategorySummary[]>(nothing),
  /** Every event type with its count, most frequent first. */
  'events.types': request<undefined, readonly { readonly type: string; readonly events: number }[]>(nothing),

  /** Opens a log view over a source with filters. Scanning filters report `log.progress`. */
  'log.open': request<{ readonly source: LogSource; readonly filter?: LogFilter }, LogView>(
    object({ source: logSourceSchema, filter: optional(logFilterSchema) }),
  ),
  /** A page of a view by index (0 = oldest match). */
  'log.page': request<{ readonly view: string; readonly index: number; readonly limit: number }, LogPage>(
    object({ view: viewHandle, index: integer({ min: 0 }), limit: integer({ min: 1, max: 500 }) }),
  ),
  /** The index of the first event of the view at or after a position or a time (count when none). */
  'log.locate': request<
    { readonly view: string; readonly position?: number; readonly time?: string },
    { readonly index: number }
  >(object({ view: viewHandle, position: optional(position), time: optional(timeText) })),
  'log.close': request<{ readonly view: string }, null>(object({ view: viewHandle })),

  /** One event with its raw line and neighbours. */
  'event.get': request<{ readonly position: number }, EventDetail>(object({ position })),
  /** Appends one event by hand. */
  'event.append': request<
    {
      readonly stream: string;
      readonly type: string;
      readonly data?: unknown;
      readonly meta?: unknown;
      readonly expectedRevision?: number | 'any' | 'no-stream' | 'exists';
    },
    AppendResult
  >(
    object({
      stream: string({ minLength: 1, maxLength: MAX_STREAM_ID_BYTES }),
      type: string({ minLength: 1, maxLength: MAX_EVENT_TYPE_BYTES }),
      data: optional(json),
      meta: optional(json),
      expectedRevision: optional(expectedRevisionSchema),
    }),
  ),
  /**
   * The current folder's projections: the built-ins, and its projections/*.js (which may run once the folder
   * is trusted). Listing starts none: a projection starts when its state is first asked for.
   */
  'projections.list': request<undefined, readonly ProjectionSummary[]>(nothing),
  /**
   * A projection's state after the event at `position` (0 = its initial state; default: the last event).
   * Starts an idle projection; answers once it has folded up to `position`.
   */
  'projection.state': request<
    { readonly name: string; readonly position?: number },
    { readonly position: number; readonly state: JsonValue }
  >(object({ name: projectionName, position: optional(integer({ min: 0 })) })),
  /** The states before and after one event. */
  'projection.around': request<
    { readonly name: string; readonly position: number },
    { readonly before: JsonValue; readonly after: JsonValue }
  >(object({ name: projectionName, position })),
  /**
   * The events in from..to (default: the whole log) that changed the value at `path`, oldest first, at most
   * `limit` (default 100); `next` is where to continue, null when the range is done.
   */
  'projection.history': request<
    {
      readonly name: string;
      readonly path: readonly (string | number)[];
      readonly from?: number;
      readonly to?: number;
      readonly limit?: number;
    },
    { readonly changes: readonly ProjectionPathChange[]; readonly next: number | null }
  >(
    object({
      name: projectionName,
      path: array(union(string({ maxLength: 4096 }), integer({ min: 0 })), { maxItems: 256 }),
      from: optional(position),
      to: optional(integer({ min: 0 })),
      limit: optional(integer({ min: 1, max: 1000 })),
    }),
  ),
  /** Skips the event a projection faulted at (recorded in its checkpoint) and goes on after it. */
  'projection.skip': request<{ readonly name: string; readonly position: number }, ProjectionSummary>(
    object({ name: projectionName, position }),
  ),
  /** Forgets a projection's checkpoint, snapshots and skips and folds the log again. */
  'projection.rebuild': request<{ readonly name: string }, ProjectionSummary>(
    object({ name: projectionName }),
  ),
  /**
   * The code of the folder's projections/NAME.js, for the editor. Reading it runs nothing, so it needs no
   * trust. A built-in answers 'Unsupported' (its code is part of Eventfold), an unknown name
   * 'UnknownProjection'.
   */
  'projection.source': request<{ readonly name: string }, ProjectionSource>(object({ name: projectionName })),
  /**
   * Runs edited projection code into a scratch read model up to `position` (default: the last event; 0 =
   * its initial state) in the same sandbox and limits as saved projections, and diffs it against the
   * projection `name` at that position. The user typed or ran the code from the app's editor, so running
   * it is their consent (as naming a file on the command line is): it needs no folder trust. The saved
   * projection's own code still runs only when the folder is trusted (else `currentError` says so).
   * A fault answers 'ProjectionFault' (details: projection "what-if", position, reason, and line and column
   * for code that fails to load); a newer run of the same window answers the older one 'Cancelled'.
   * Progress arrives as `whatif.progress`.
   */
  'projection.whatif': request<
    { readonly code: string; readonly name?: string; readonly position?: number },
    WhatIfOutcome
  >(
    object({ code: projectionCode, name: optional(projectionName), position: optional(integer({ min: 0 })) }),
  ),
  /**
   * Writes projections/NAME.js (NAME: letters, digits, '-' and '_') atomically; needs the folder trusted
   * ('NotTrusted') and refuses a built-in's name ('BadRequest'). Answers once the projection has been
   * reloaded and its rebuild has started; `projections.changed` follows its progress.
   */
  'projection.save': request<{ readonly name: string; readonly code: string }, ProjectionSummary>(
    object({ name: projectionName, code: projectionCode }),
  ),

  // The journal's requests, declared above in journalRequests.
  ...journalRequests,
  // ---- Exports and reports (issue 12) ----------------------------------------------------------------------
  /**
   * Makes an export (events a log view's source and filter pick, or a projection's state) or a report
   * (folder, projection) as a stamped file on the Node side, reporting `export.progress`; answers the
   * handle to save or download it. Exports stream in flat memory; a newer call replaces nothing.
   */
  'export.prepare': request<ExportRequest, PreparedFile>(exportRequestSchema),
  /** A report as HTML for the preview (the same bytes `export.prepare` makes with format html). */
  'report.preview': request<ReportRequest, ReportPreview>(reportRequestSchema),
  /**
   * Desktop: asks where to save a prepared file (system dialog) and copies it there; `saved` is null when
   * cancelled. Browser mode answers 'Unsupported': the page downloads /download/FILE instead.
   */
  'export.save': request<{ readonly file: string }, { readonly saved: string | null }>(
    object({ file: string({ minLength: 1, maxLength: 64 }) }),
  ),
  /**
   * Stops this window's exports and report previews in flight (its Stop button, or its dialog closed):
   * each answers 'Cancelled' and leaves no file behind. Nothing in flight is not an error.
   */
  'export.cancel': request<undefined, null>(nothing),

  // ---- Journal imports in browser mode (shared/journal/import-upload.ts) ----
  /**
   * One chunk of a file of an export the page uploads for File > Import in browser mode (where
   * `journal.import.choose` has no dialog): the answer's `path` is where the file is staged, to pass to
   * `journal.import.preview` and `journal.import`. The staged files are removed when that import ends.
   * 'BadRequest' for a path that leaves the export's folder, a chunk out of order or a file too large.
   */
  'journal.import.upload': request<ImportUploadArg, ImportUploadResult>(importUploadArg),
} as const;

export type RequestName = keyof typeof requests;
export type RequestArg<N extends RequestName> = Infer<(typeof requests)[N]['arg']>;
export type RequestResult<N extends RequestName> = Exclude<(typeof requests)[N]['result'], undefined>;

// ---- Pushed events --------------------------------------------------------------------------------------

export interface PushEvents {
  /** The current folder changed: opened, counts grew, health changed, indexing finished. */
  'folder.changed': FolderSummary | null;
  /** Long work on the folder (indexing after open, repair): done of total bytes or events. */
  'folder.progress': {
    readonly phase: 'indexing' | 'repairing';
    readonly done: number;
    readonly total: number;
  };
  /** Events were committed (by any process) at these positions. */
  'log.appended': { readonly firstPosition: number; readonly lastPosition: number };
  /** A view's count changed: new matching events, or a scan went further. */
  'log.progress': {
    readonly view: string;
    readonly count: number;
    readonly complete: boolean;
    /** For scanning filters: events scanned of total. */
    readonly scanned: number;
    readonly total: number;
  };
  /** Something failed outside any request (the watcher, a background scan). */
  'app.error': { readonly message: string };
  /**
   * The page's own link to the Node side dropped or came back (browser mode's socket; the desktop window's
   * IPC never drops). Raised by the page's client itself, not sent by the server.
   */
  'app.connection': { readonly connected: boolean; readonly loss?: ConnectionLoss };
  /** The desktop shell asks the page to do something a menu item or shortcut chose. */
  'app.command': { readonly command: AppCommand };
  /**
   * The current folder's projections, after any change of status: a start, progress while catching up, a
   * fault, a skip, a rebuild, a reload of a changed file, trust. At most about five a second.
   */
  'projections.changed': readonly ProjectionSummary[];
  /**
   * Another window (or socket) trusted the current folder or revoked its trust. Its projections were started
   * or stopped before this is sent, so a `projections.list` after it shows them as they now are.
   */
  'trust.changed': TrustStatus;
  /** A what-if run of this window has folded `done` of `total` events. */
  'whatif.progress': { readonly done: number; readonly total: number };

  // ---- The journal's pushes (see the journal block of requests) ----
  /**
   * Journal events were committed (by this window, another one, another process or the CLI) and the
   * journal's read models have applied them, so a query sent after this sees them. Names what changed so a
   * view refreshes only that: the channels touched and the messages touched (at most 500; `more` when there
   * were more, then refresh everything shown).
   */
  'journal.changed': {
    readonly firstPosition: number;
    readonly lastPosition: number;
    readonly channels: readonly JournalId[];
    readonly messages: readonly JournalId[];
    readonly more: boolean;
  };
  /** A journal read model (the views, or the search index) catching up: `done` of `total` events. */
  'journal.progress': {
    readonly readModel: 'journal' | 'search';
    readonly done: number;
    readonly total: number;
  };
  /** An import of this window: its phase and how far it is (`done` of `total` entries, or of bytes). */
  'journal.import.progress': {
    readonly import: JournalId;
    readonly phase: 'reading' | 'attachments' | 'appending';
    readonly done: number;
    readonly total: number;
  };
  /** Exports and reports (issue 12): an export.prepare of this window has gone through `done` of `total` positions. */
  'export.progress': { readonly done: number; readonly total: number };
  /**
   * A projection this page may show was reloaded with new code: its states at every position may differ,
   * so views of it read them again. Sent to every window or socket on the folder, once the new code runs.
   */
  'projection.reloaded': ProjectionReloaded;
}

export type PushName = keyof PushEvents;
export const pushNames = [
  'folder.changed',
  'folder.progress',
  'log.appended',
  'log.progress',
  'app.error',
  'app.connection',
  'app.command',
  'projections.changed',
  'trust.changed',
  'whatif.progress',
  'journal.changed',
  'journal.progress',
  'journal.import.progress',
  'export.progress',
  'projection.reloaded',
] as const satisfies readonly PushName[];

/**
 * Menu items that act inside the page. Each runs the page's action of the same purpose (renderer/src/App.svelte
 * maps them), so the menu, the page's keys and the command palette do one thing one way.
 */
export type AppCommand =
  | 'show-folder'
  | 'show-log'
  | 'append-event'
  | 'focus-filter'
  | 'toggle-live'
  | 'toggle-theme'
  // ---- Stream browser: keys and links (issue 13) ----
  | 'open-palette'
  | 'show-shortcuts'
  | 'go-back'
  | 'go-forward'
  // Exports and reports (issue 12): File > Export… opens the shown view's export dialog.
  | 'export'
  // ---- The journal's chat view: File > Import into the Journal… (issue 11) ----
  | 'import-journal';

export const requestNames = Object.keys(requests) as RequestName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

// ---- The envelope every answer travels in ---------------------------------------------------------------

/** Errors keep the store's codes, so the page can offer the right thing (repair, retry, another folder). */
export type ContractErrorCode =
  | StoreErrorData['code']
  | 'BadRequest'
  | 'NoFolder'
  | 'Unsupported'
  | 'Internal'
  // Projections: a fault of the projection's code (details: projection, position, reason), a folder whose
  // code may not run yet, a name that is no projection, a position outside the log, a skip of no fault.
  | 'ProjectionFault'
  | 'NotTrusted'
  | 'UnknownProjection'
  | 'OutOfRange'
  | 'NotFaulted'
  // A what-if run replaced by a newer one of the same window (or an import cancelled).
  | 'Cancelled'
  // A read model (the journal's views, its search index) stopped at an event it could not fold; the
  // details name the read model and the position.
  | 'ReadModelFaulted'
  // The journal: a refusal of the decider, or a failure of its Node side (shared/journal/journal-error.ts).
  | JournalErrorCode;

export interface ContractErrorData {
  readonly code: ContractErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type Answer<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractErrorData };

/** The contract as the page uses it: window.eventfold in Electron, the socket client in browser mode. */
export interface EventfoldApi {
  call<N extends RequestName>(name: N, arg: RequestArg<N>): Promise<RequestResult<N>>;
  on<P extends PushName>(name: P, listener: (payload: PushEvents[P]) => void): () => void;
}

/** The Electron IPC channels of the desktop transport: requests (ipcRenderer.invoke) and pushes (webContents.send). */
export const ipcChannels = { invoke: 'eventfold:invoke', push: 'eventfold:push' } as const;

/** What the preload exposes: raw answers, so that errors keep their code across contextBridge. */
export interface EventfoldBridge {
  invoke(name: RequestName, arg: unknown): Promise<Answer<unknown>>;
  on(name: PushName, listener: (payload: unknown) => void): () => void;
}
