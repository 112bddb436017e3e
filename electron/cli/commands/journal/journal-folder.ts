import {
  CHANNELS_STREAM,
  messageIdOfStream,
  type ChannelDirectory,
  type ChannelState,
} from '../../../../shared/journal/index.js';
import { loadDecisionState, OpenJournal, type JournalIndex } from '../../../journal/index.js';
import type { EventStore } from '../../../store/index.js';
import { UsageError } from '../../args.js';
import { CliFailure } from '../../failure.js';
import { withStore } from '../../open-store.js';
import { Progress } from '../../progress.js';

/** Opens the folder and its journal for one command, and closes both after it (saving the views' checkpoint). */
export async function withJournal<T>(
  dir: string,
  use: (journal: OpenJournal, store: EventStore) => Promise<T>,
): Promise<T> {
  return withStore(dir, {}, async (store) => {
    const journal = new OpenJournal(store);
    try {
      return await use(journal, store);
    } finally {
      await journal.close();
    }
  });
}

/** The journal's views caught up with the log, showing progress when that takes a while (a first run). */
export async function journalViews(journal: OpenJournal): Promise<JournalIndex> {
  const progress = new Progress('reading the journal');
  const stop = journal.onStatus((status) => {
    if (status.progress !== null) progress.count(status.progress.done, status.progress.total, 'events');
  });
  try {
    return await journal.index();
  } finally {
    stop();
    progress.clear();
  }
}

/** The channel directory, read from its one stream (without building the views). */
export async function channelDirectory(store: EventStore): Promise<ChannelDirectory> {
  const { state } = await loadDecisionState(store, { stream: CHANNELS_STREAM, reads: [CHANNELS_STREAM] });
  return state.directory;
}

/**
 * The channel `--channel` names, by name (ignoring case) or id; without it, the first channel that is
 * not archived. Undefined when the journal has no channel yet.
 */
export function chooseChannel(
  directory: ChannelDirectory,
  named: string | undefined,
): ChannelState | undefined {
  const channels = directory.order.flatMap((id) => directory.channels[id] ?? []);
  if (named === undefined) return channels.find((channel) => !channel.archived) ?? channels[0];
  const wanted = named.trim().toLowerCase();
  const found =
    channels.find((channel) => channel.channel === named) ??
    channels.find((channel) => channel.name.toLowerCase() === wanted);
  if (found === undefined) {
    const names = channels.map((channel) => `"${channel.name}"`).join(', ');
    throw new UsageError(
      `there is no channel "${named}"${channels.length === 0 ? ' (the journal has no channels yet)' : `; the channels are ${names}`}`,
    );
  }
  return found;
}

/** A message by its id or the start of it (as `list` prints it), if exactly one message has it. */
export function chooseMessage(store: EventStore, typed: string): string {
  const ids = store
    .streams()
    .flatMap((stream) => messageIdOfStream(stream.stream) ?? [])
    .filter((id) => id.startsWith(typed));
  if (ids.includes(typed)) return typed;
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) throw new CliFailure(`there is no message with an id starting ${typed}`);
  throw new CliFailure(
    `${ids.length} messages have an id starting ${typed} (${ids.slice(0, 3).join(', ')}…): give more of it`,
  );
}

/** The text of a message: the words given, or stdin when there are none (or `-`). */
export async function messageText(words: readonly string[]): Promise<string> {
  if (words.length > 0 && !(words.length === 1 && words[0] === '-')) return words.join(' ');
  if (process.stdin.isTTY) {
    throw new UsageError('give the TEXT, or pipe it in (echo "…" | eventfold journal DIR post)');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
