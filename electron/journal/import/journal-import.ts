import path from 'node:path';
import type { JsonValue } from '../../../shared/event.js';
import {
  CHANNELS_STREAM,
  channelOf,
  JournalError,
  type AttachmentRef,
  type ImportOutcome,
  type ImportSource,
  type JournalCommand,
} from '../../../shared/journal/index.js';
import { JournalCommandHandler } from '../command-handler.js';
import { loadDecisionState } from '../decision-state.js';
import type { JournalStreams } from '../journal-streams.js';
import { storeAttachmentFile, type AttachmentWriter } from './attachment-writer.js';
import type { PlannedEntry, PlannedFile } from './import-plan.js';
import { planEntries } from './import-plan.js';
import { messageFacts, type MessageFacts } from './journal-facts.js';
import { APP_NAMES, readExport, refuseProblems } from './read-export.js';

/** A folder to import into: its streams (read, append) and where its attachments go. */
export interface ImportTarget extends JournalStreams {
  readonly folder: string;
}

export type ImportChannel =
  | { readonly kind: 'existing'; readonly channel: string }
  | { readonly kind: 'new'; readonly channel: string; readonly name: string };

export interface ImportProgress {
  readonly phase: 'reading' | 'attachments' | 'appending';
  readonly done: number;
  readonly total: number;
}

export interface ImportOptions {
  /** The import's id (the page's; it cancels by it, and it is in every event's meta). */
  readonly import: string;
  readonly path: string;
  readonly from: ImportSource;
  readonly channel: ImportChannel;
  /** The zone wall-clock times of the export are read in (default: this computer's). */
  readonly timeZone?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Where attachments are written (default storeAttachmentFile). */
  readonly writeAttachment?: AttachmentWriter;
  /** The time a new channel is created at (default now). */
  readonly now?: () => string;
}

/** The import was cancelled: what was appended before stays, and importing again finishes it. */
export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
  constructor(readonly importId: string) {
    super(
      `The import ${importId} was cancelled; what it added stays, and importing the file again finishes it`,
    );
  }
}

/** Posts in flight at once: their appends share fsyncs (the store's group commit). */
const CONCURRENT_POSTS = 16;

/**
 * Imports an export into a channel: reads and checks the whole file first (a malformed one is refused
 * with the key or line named, and nothing is appended), creates the channel when it is new, stores the
 * attachments found beside the export, then posts each entry at its original time with an id derived
 * from the source's (so entries already in the journal are skipped), replies linked to their originals,
 * tags added and starred entries pinned.
 */
export async function runImport(target: ImportTarget, options: ImportOptions): Promise<ImportOutcome> {
  const progress = options.onProgress ?? (() => undefined);
  const checkCancelled = (): void => {
    if (options.signal?.aborted === true) throw new ImportCancelled(options.import);
  };
  progress({ phase: 'reading', done: 0, total: 1 });
  const { source, parsed } = await readExport(options.path, options.from, options.timeZone);
  refuseProblems(source, options.from, parsed.problems);
  const entries = [...(await planEntries(parsed.entries, source.folder, APP_NAMES[options.from]))].sort(
    (a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0),
  );
  progress({ phase: 'reading', done: 1, total: 1 });
  checkCancelled();

  const meta = { import: options.import, importedFrom: options.from, file: path.basename(source.file) };
  const channel = await prepareChannel(target, options, meta);
  const facts = await mapLimited(entries, CONCURRENT_POSTS, (entry) =>
    Promise.all(entry.parts.map((part) => messageFacts(target, part.message))),
  );
  checkCancelled();

  const refs = await storeFiles(target.folder, entries, facts, options, checkCancelled);
  const outcome = { added: 0, skipped: 0 };
  const posted = new Map<string, Promise<void>>();
  const order = new Map(entries.map((entry, i) => [entry.parts[0]!.message, i]));
  let done = 0;
  progress({ phase: 'appending', done, total: entries.length });
  await mapLimited(entries, CONCURRENT_POSTS, async (entry, i) => {
    checkCancelled();
    const own = (async () => {
      // A reply waits for its original when this import posts that one (it always comes first).
      const original = entry.replyTo === undefined ? undefined : order.get(entry.replyTo);
      if (original !== undefined && original < i) await posted.get(entry.replyTo!);
      const added = await writeEntry(
        target,
        entry,
        facts[i]!,
        refs,
        channel,
        { ...meta, ...entry.meta },
        { ...options, checkCancelled },
      );
      outcome[added ? 'added' : 'skipped']++;
    })();
    posted.set(
      entry.parts[0]!.message,
      own.catch(() => undefined),
    );
    await own;
    progress({ phase: 'appending', done: ++done, total: entries.length });
  });
  return {
    import: options.import,
    channel,
    added: outcome.added,
    skipped: outcome.skipped,
    attachments: refs.size,
    firstTime: entries[0]?.at ?? null,
    lastTime: entries.at(-1)?.at ?? null,
  };
}

/** The channel to import into: an existing one that is not archived, or a new one created now. */
async function prepareChannel(
  target: ImportTarget,
  options: ImportOptions,
  meta: Readonly<Record<string, string>>,
): Promise<string> {
  const wanted = options.channel;
  if (wanted.kind === 'new') {
    const handler = new JournalCommandHandler(target, { meta });
    await handler.handle({
      type: 'CreateChannel',
      channel: wanted.channel,
      name: wanted.name,
      at: options.now?.() ?? new Date().toISOString(),
    });
    return wanted.channel;
  }
  const { state } = await loadDecisionState(target, { stream: CHANNELS_STREAM, reads: [CHANNELS_STREAM] });
  const channel = channelOf(state.directory, wanted.channel);
  if (channel === undefined) {
    throw new JournalError(
      'UnknownChannel',
      `There is no channel with the id ${wanted.channel} to import into`,
      {
        channel: wanted.channel,
      },
    );
  }
  if (channel.archived) {
    throw new JournalError(
      'ChannelIsArchived',
      `"${channel.name}" is archived and read-only; unarchive it first`,
      {
        channel: wanted.channel,
      },
    );
  }
  return wanted.channel;
}

/** Stores the files of the messages still to post (each file once), reporting progress as it goes. */
async function storeFiles(
  folder: string,
  entries: readonly PlannedEntry[],
  facts: readonly (readonly MessageFacts[])[],
  options: ImportOptions,
  checkCancelled: () => void,
): Promise<Map<string, AttachmentRef>> {
  const files = new Map<string, PlannedFile>();
  entries.forEach((entry, i) =>
    entry.parts.forEach((part, j) => {
      if (facts[i]![j]!.exists) return;
      for (const file of part.files) files.set(file.file, file);
    }),
  );
  const write = options.writeAttachment ?? storeAttachmentFile;
  const refs = new Map<string, AttachmentRef>();
  let done = 0;
  options.onProgress?.({ phase: 'attachments', done, total: files.size });
  for (const file of files.values()) {
    checkCancelled();
    const { width, height } = file;
    refs.set(
      file.file,
      await write(folder, {
        file: file.file,
        name: file.name,
        mediaType: file.mediaType,
        ...(width === undefined || height === undefined ? {} : { width, height }),
      }),
    );
    options.onProgress?.({ phase: 'attachments', done: ++done, total: files.size });
  }
  return refs;
}

/** Posts what of an entry the journal does not have yet; true when its first message was new. */
async function writeEntry(
  target: ImportTarget,
  entry: PlannedEntry,
  facts: readonly MessageFacts[],
  refs: ReadonlyMap<string, AttachmentRef>,
  channel: string,
  meta: Readonly<Record<string, string>>,
  options: ImportOptions & { readonly checkCancelled: () => void },
): Promise<boolean> {
  const handler = new JournalCommandHandler(target, { meta: meta as JsonValue });
  const origin = { app: options.from, id: entry.sourceId.slice(0, 256) };
  for (const [i, part] of entry.parts.entries()) {
    if (facts[i]!.exists) continue;
    options.checkCancelled();
    const post: JournalCommand = {
      type: 'PostMessage',
      message: part.message,
      channel,
      text: part.text,
      attachments: part.files.map((file) => refs.get(file.file)!),
      origin,
      at: entry.at,
      ...(i === 0 && entry.replyTo !== undefined ? { replyTo: entry.replyTo } : {}),
    };
    await handler.handle(post).catch(async (error: unknown) => {
      // The original was imported earlier into another channel, or deleted since: keep the reply, unlinked.
      if (!(error instanceof JournalError) || error.code !== 'InvalidReply' || !('replyTo' in post))
        throw error;
      const { replyTo: _unlinked, ...unlinked } = post;
      await handler.handle(unlinked);
    });
  }
  const first = entry.parts[0]!.message;
  const marks: JournalCommand[] = [
    ...entry.tags
      .filter((tag) => !facts[0]!.tagsAdded.has(tag))
      .map((tag) => ({ type: 'AddTag' as const, message: first, tag, at: entry.at })),
    ...(entry.pinned && !facts[0]!.everPinned
      ? [{ type: 'PinMessage' as const, message: first, at: entry.at }]
      : []),
  ];
  for (const mark of marks) {
    options.checkCancelled();
    // A message deleted (or a channel archived) since an earlier import keeps what the person chose.
    await handler.handle(mark).catch((error: unknown) => {
      if (!(error instanceof JournalError)) throw error;
    });
  }
  return !facts[0]!.exists;
}

/**
 * Runs `work` over the items with at most `limit` running at once; results in the items' order. The
 * first failure stops the taking of new items, and is thrown once those running have ended (so nothing
 * is still writing when the import answers).
 */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length && failure === undefined) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure.error;
  return results;
}
