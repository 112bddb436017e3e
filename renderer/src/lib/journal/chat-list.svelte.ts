import { tick } from 'svelte';
import type { MessagePageRequest } from '../../../../shared/journal/request-args.js';
import type { JournalId } from '../../../../shared/journal/journal-values.js';
import type { MessagePage, MessageView } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import { chatRows, type ChatRow } from './chat-rows.js';
import { MESSAGE_PAGE_SIZE } from './first-screen.js';
import type { JournalChange, JournalSession } from './journal-session.svelte.js';
import { markdownReadyFor } from './message-text.svelte.js';
import {
  appendPage,
  emptyWindow,
  hasMessage,
  messagesOf,
  newerCursor,
  olderCursor,
  placeMessage,
  prependPage,
  reachesEnd,
  reachesStart,
  removeMessage,
  trimEnd,
  trimStart,
  updateMessage,
  windowOf,
  type MessageWindow,
} from './message-window.js';

/** Where a channel is opened: its newest messages, around one message (a jump), or from a time (a date). */
export type ChatPlace =
  | { readonly kind: 'latest' }
  | { readonly kind: 'around'; readonly message: JournalId }
  | { readonly kind: 'at'; readonly time: string };

export interface ChatFocus {
  readonly message: JournalId;
  readonly serial: number;
  readonly highlight: boolean;
}

export interface ChatListOptions {
  /** Messages a request asks for. */
  readonly pageSize?: number;
  /** The most messages held at once; past it, pages far from the screen are dropped. */
  readonly maxRows?: number;
}

/** Past this many changed messages at once, reloading the page shown is cheaper than fetching each. */
const MOST_FETCHED_ONE_BY_ONE = 40;

/**
 * The message list of one channel: which messages the page holds (a window of pages, see
 * message-window.ts), loading older and newer pages as the reader scrolls, jumps to a message or a date,
 * and changes made anywhere (this window, another one, the CLI) applied where they belong. It knows
 * nothing of pixels: the list component says when the reader nears an end, and reads `focus` to scroll.
 */
export class ChatList {
  channel = $state<JournalId | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  error = $state<string | null>(null);
  /** Messages in the channel (not deleted), as the server counts them. */
  total = $state(0);
  loadingOlder = $state(false);
  loadingNewer = $state(false);
  /**
   * A message to bring into view: marked for a moment after a jump (`highlight`), or just kept in view at
   * the bottom (the newest message). `serial` changes so the same message can be asked for twice.
   */
  focus = $state<ChatFocus | null>(null);
  /**
   * True while the last change added or removed rows at the top: the virtual list then keeps its place by
   * the bottom (virtua's `shift`), so the rows on screen do not move.
   */
  shift = $state(false);
  /** New messages that arrived below while the reader was scrolled up (a "new messages" button). */
  unseen = $state(0);
  /** The reader is at the bottom: new messages scroll into view. The list component keeps this true. */
  following = $state(true);
  /** Requests for pages so far (the bench and tests count that paging never loads the whole channel). */
  pageRequests = 0;

  #window = $state.raw<MessageWindow>(emptyWindow);
  readonly messages = $derived(messagesOf(this.#window));
  readonly rows: ChatRow[];
  readonly atStart = $derived(reachesStart(this.#window));
  readonly atEnd = $derived(reachesEnd(this.#window));

  readonly session: JournalSession;
  readonly #pageSize: number;
  readonly #maxRows: number;
  #generation = 0;
  #serial = 0;
  /** A newest page asked for ahead of `open` (see `prefetch`), until the next `open` takes or drops it. */
  #early: { channel: JournalId; asOf: string | null; page: Promise<MessagePage> } | undefined;

  constructor(session: JournalSession, options: ChatListOptions = {}) {
    this.session = session;
    this.rows = $derived(chatRows(this.messages, session.timeZone));
    this.#pageSize = options.pageSize ?? MESSAGE_PAGE_SIZE;
    this.#maxRows = options.maxRows ?? 600;
  }

  /** Applies journal changes to the window from now on; returns the stop. */
  follow(): () => void {
    return this.session.onChange((change) => void this.#changed(change));
  }

  /**
   * Asks for a channel's newest page now, for the `open` of that channel that follows: on start, the page
   * a link names is asked for with the channel list rather than after it (one round trip less before the
   * first screen).
   */
  prefetch(channel: JournalId): void {
    const page = this.#page(channel, { kind: 'latest' }, this.#pageSize);
    // An `open` that uses it reports its failure; one that does not leaves it unused.
    page.catch(() => undefined);
    this.#early = { channel, asOf: this.session.asOf, page };
  }

  /** Shows a channel from a place: replaces whatever was shown. */
  async open(channel: JournalId, place: ChatPlace = { kind: 'latest' }): Promise<void> {
    const early = this.#early;
    this.#early = undefined;
    const prefetched =
      early?.channel === channel && early.asOf === this.session.asOf && place.kind === 'latest'
        ? early.page
        : undefined;
    const generation = ++this.#generation;
    const switching = channel !== this.channel;
    this.channel = channel;
    this.status = 'loading';
    this.error = null;
    this.unseen = 0;
    if (switching) {
      this.shift = false;
      this.#window = emptyWindow;
    }
    try {
      const page = await (prefetched ?? this.#page(channel, requestOf(place), this.#pageSize));
      if (generation !== this.#generation) return;
      this.shift = false;
      this.#window = windowOf(page);
      this.total = page.total;
      this.following = place.kind === 'latest' || page.newer === null;
      this.status = 'ready';
      const anchor = page.anchor ?? (place.kind === 'around' ? place.message : null);
      const last = page.messages.at(-1)?.message ?? null;
      this.focus =
        anchor !== null
          ? this.#focusOn(anchor, true)
          : place.kind === 'latest' && last !== null
            ? this.#focusOn(last, false)
            : null;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.status = 'error';
      this.error = errorText(error);
    }
  }

  /** Reloads what is shown (after the as-of moment changed, or too many changes at once). */
  reload(): Promise<void> {
    if (this.channel === null) return Promise.resolve();
    const middle = this.messages[Math.floor(this.messages.length / 2)];
    const place: ChatPlace =
      this.atEnd || middle === undefined ? { kind: 'latest' } : { kind: 'around', message: middle.message };
    const focus = this.focus;
    return this.open(this.channel, place).then(() => {
      // A reload keeps the reader where they were; it is not a jump.
      if (place.kind === 'around') this.focus = focus === null ? null : { ...focus, highlight: false };
    });
  }

  /** Loads the page before the first message held (the reader scrolled near the top). */
  async loadOlder(): Promise<void> {
    const cursor = olderCursor(this.#window);
    if (cursor === null || this.loadingOlder || this.channel === null || this.status !== 'ready') return;
    const generation = this.#generation;
    this.loadingOlder = true;
    try {
      const page = await this.#page(this.channel, { kind: 'older', cursor }, this.#pageSize * 2);
      if (generation !== this.#generation) return;
      this.shift = true;
      this.#window = prependPage(this.#window, page);
      this.total = page.total;
      await tick();
      if (generation !== this.#generation) return;
      // The far end goes in a step of its own: rows dropped at the bottom must not count as rows added on top.
      this.shift = false;
      this.#window = trimEnd(this.#window, this.#maxRows);
    } catch (error) {
      if (generation === this.#generation) this.error = errorText(error);
    } finally {
      if (generation === this.#generation) this.loadingOlder = false;
    }
  }

  /** Loads the page after the last message held (after a jump, the reader scrolled down towards now). */
  async loadNewer(): Promise<void> {
    const cursor = newerCursor(this.#window);
    if (cursor === null || this.loadingNewer || this.channel === null || this.status !== 'ready') return;
    const generation = this.#generation;
    this.loadingNewer = true;
    try {
      const page = await this.#page(this.channel, { kind: 'newer', cursor }, this.#pageSize * 2);
      if (generation !== this.#generation) return;
      this.shift = false;
      this.#window = appendPage(this.#window, page);
      this.total = page.total;
      await tick();
      if (generation !== this.#generation) return;
      this.shift = true;
      this.#window = trimStart(this.#window, this.#maxRows);
    } catch (error) {
      if (generation === this.#generation) this.error = errorText(error);
    } finally {
      if (generation === this.#generation) this.loadingNewer = false;
    }
  }

  /** Back to the newest messages (the "new messages" button, End). */
  async jumpToLatest(): Promise<void> {
    if (this.channel === null) return;
    if (this.atEnd && this.status === 'ready') {
      const last = this.messages.at(-1);
      this.following = true;
      this.unseen = 0;
      this.focus = last === undefined ? null : this.#focusOn(last.message, false);
      return;
    }
    await this.open(this.channel, { kind: 'latest' });
  }

  /** Shows a message of this channel, loading its page unless it is held already. */
  async jumpTo(message: JournalId): Promise<void> {
    if (this.channel === null) return;
    if (hasMessage(this.#window, message)) {
      this.focus = this.#focusOn(message, true);
      this.following = false;
      return;
    }
    await this.open(this.channel, { kind: 'around', message });
  }

  /** Takes a message's new view at once (after this window's own command), before the push confirms it. */
  apply(view: MessageView): void {
    if (view.channel !== this.channel) return;
    if (view.deleted) {
      this.#remove(view.message);
      return;
    }
    if (hasMessage(this.#window, view.message)) {
      this.#window = updateMessage(this.#window, view);
      return;
    }
    const { window, placed } = placeMessage(this.#window, view);
    if (placed === 'outside') return;
    this.shift = false;
    this.#window = window;
    this.total += 1;
    if (placed === 'end') {
      if (this.following) this.focus = this.#focusOn(view.message, false);
      else this.unseen += 1;
    }
  }

  #focusOn(message: JournalId, highlight: boolean): ChatFocus {
    return { message, serial: ++this.#serial, highlight };
  }

  #remove(message: JournalId): void {
    if (!hasMessage(this.#window, message)) return;
    this.shift = false;
    this.#window = removeMessage(this.#window, message);
    this.total = Math.max(0, this.total - 1);
  }

  async #changed(change: JournalChange): Promise<void> {
    const channel = this.channel;
    if (channel === null || this.status !== 'ready') return;
    // The journal as of a past moment does not change with today's edits.
    if (this.session.asOf !== null) return;
    if (!change.more && !change.channels.includes(channel)) return;
    if (change.more || change.messages.length > MOST_FETCHED_ONE_BY_ONE) {
      await this.reload();
      return;
    }
    const generation = this.#generation;
    const views = await Promise.all(
      change.messages.map((message) =>
        this.session.api
          .call('journal.message', { message })
          .then(async (view): Promise<MessageView | { gone: JournalId }> => {
            await markdownReadyFor(textsOf([view]));
            return view;
          })
          .catch((): { gone: JournalId } => ({ gone: message })),
      ),
    );
    if (generation !== this.#generation) return;
    for (const view of views.sort(byTime)) {
      if ('gone' in view) this.#remove(view.gone);
      else this.apply(view);
    }
  }

  async #page(channel: JournalId, page: MessagePageRequest, limit: number): Promise<MessagePage> {
    this.pageRequests += 1;
    const answer = await this.session.api.call('journal.messages', {
      channel,
      page,
      limit,
      ...this.session.asOfArg(),
    });
    // A page with Markdown in it is shown once markdown-it has come (most pages have none to wait for).
    await markdownReadyFor(textsOf(answer.messages));
    return answer;
  }
}

function requestOf(place: ChatPlace): MessagePageRequest {
  switch (place.kind) {
    case 'latest':
      return { kind: 'latest' };
    case 'around':
      return { kind: 'around', message: place.message };
    case 'at':
      return { kind: 'at', time: place.time };
  }
}

function byTime(a: MessageView | { gone: JournalId }, b: MessageView | { gone: JournalId }): number {
  const at = (view: MessageView | { gone: JournalId }) => ('gone' in view ? '' : view.at);
  return at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0;
}

/** The texts a list draws for its messages: their own and the start of those they reply to. */
function* textsOf(messages: readonly MessageView[]): Iterable<string> {
  for (const message of messages) {
    yield message.text;
    if (message.replyTo?.excerpt !== undefined) yield message.replyTo.excerpt;
  }
}
