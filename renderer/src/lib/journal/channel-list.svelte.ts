import type { JournalId } from '../../../../shared/journal/journal-values.js';
import type { ChannelSummary } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import type { JournalSession } from './journal-session.svelte.js';
import { markdownReadyFor } from './message-text.svelte.js';

/**
 * The channel sidebar's state: every channel in its order with counts and last activity, split into the
 * active ones and the archive, and the channel commands (create, rename, archive, unarchive, reorder).
 * Follows journal changes: counts and last messages stay true while other windows or the CLI write.
 */
export class ChannelList {
  channels = $state.raw<readonly ChannelSummary[]>([]);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  readonly active = $derived(this.channels.filter((channel) => !channel.archived));
  readonly archived = $derived(this.channels.filter((channel) => channel.archived));

  readonly #session: JournalSession;
  #generation = 0;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(session: JournalSession) {
    this.#session = session;
  }

  follow(): () => void {
    const stop = this.#session.onChange(() => this.#refreshSoon());
    return () => {
      stop();
      clearTimeout(this.#refreshTimer);
    };
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const channels = await this.#session.api.call('journal.channels', this.#session.asOfArg());
      // Their previews are shown once markdown-it has come, where one needs it.
      await markdownReadyFor(channels.flatMap((channel) => channel.lastMessage?.excerpt ?? []));
      if (generation !== this.#generation) return;
      this.channels = channels;
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.status = 'error';
      this.error = errorText(error);
    }
  }

  find(channel: JournalId | null): ChannelSummary | undefined {
    return channel === null ? undefined : this.channels.find((known) => known.channel === channel);
  }

  /** The channel a journal opens on: the first active one (the top of the sidebar). */
  first(): ChannelSummary | undefined {
    return this.active[0] ?? this.channels[0];
  }

  /** Creates a channel at the end of the order; answers its id. */
  async create(name: string): Promise<JournalId> {
    const channel = this.#session.newId();
    await this.#session.run({ type: 'CreateChannel', channel, name });
    await this.load();
    return channel;
  }

  async rename(channel: JournalId, name: string): Promise<void> {
    await this.#session.run({ type: 'RenameChannel', channel, name });
    await this.load();
  }

  async archive(channel: JournalId): Promise<void> {
    await this.#session.run({ type: 'ArchiveChannel', channel });
    await this.load();
  }

  async unarchive(channel: JournalId): Promise<void> {
    await this.#session.run({ type: 'UnarchiveChannel', channel });
    await this.load();
  }

  /** Moves a channel up (-1) or down (+1) among the active channels; archived ones keep their places after. */
  async move(channel: JournalId, by: -1 | 1): Promise<void> {
    const order = movedOrder(this.channels, channel, by);
    if (order === null) return;
    await this.#session.run({ type: 'ReorderChannels', order });
    await this.load();
  }

  // Several changes in a burst (an import, a quick typist) refresh the counts once.
  #refreshSoon(): void {
    this.#refreshTimer ??= setTimeout(() => {
      this.#refreshTimer = undefined;
      void this.load();
    }, 150);
  }
}

/** The whole order after moving one channel by one place among channels of its kind (active or archived). */
export function movedOrder(
  channels: readonly ChannelSummary[],
  channel: JournalId,
  by: -1 | 1,
): JournalId[] | null {
  const moving = channels.find((known) => known.channel === channel);
  if (moving === undefined) return null;
  const sameKind = channels.filter((known) => known.archived === moving.archived);
  const from = sameKind.indexOf(moving);
  const to = from + by;
  if (to < 0 || to >= sameKind.length) return null;
  const reordered = [...sameKind];
  [reordered[from], reordered[to]] = [reordered[to]!, reordered[from]!];
  const active = moving.archived ? channels.filter((known) => !known.archived) : reordered;
  const archived = moving.archived ? reordered : channels.filter((known) => known.archived);
  return [...active, ...archived].map((known) => known.channel);
}
