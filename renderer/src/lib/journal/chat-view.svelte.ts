import type { AttachmentRef } from '../../../../shared/journal/attachment.js';
import type { JournalId, JournalTime } from '../../../../shared/journal/journal-values.js';
import type { ChannelSummary, MessageView } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import { AttachmentImages } from './attachment-bytes.js';
import { ChannelList } from './channel-list.svelte.js';
import { ChatList, type ChatPlace } from './chat-list.svelte.js';
import { Composer, type PictureReader } from './composer.svelte.js';
import { journalHome, type JournalPage, type JournalRoute } from './journal-route.js';
import type { JournalSession } from './journal-session.svelte.js';
import { startOfDay } from './local-days.js';
import { MessageActions } from './message-actions.js';
import { SearchPanel } from './search-panel.svelte.js';
import { UndoDelete } from './undo-delete.svelte.js';

/** The side panel beside the messages. */
export type SidePanel =
  | { readonly kind: 'search' }
  | { readonly kind: 'pins' }
  | { readonly kind: 'history'; readonly message: JournalId };

export interface MessagePopup {
  readonly kind: 'menu' | 'reactions';
  readonly message: MessageView;
  readonly x: number;
  readonly y: number;
}

export interface ChatViewOptions {
  readonly pictures?: PictureReader;
  /** Scales a picture's data: URL down for the list (the page's canvas); tests keep it as it is. */
  readonly shrink?: (dataUrl: string) => Promise<string>;
  /** Tells the person something went wrong or went well (the app's notices). */
  readonly notify?: (message: string, tone?: 'error' | 'success') => void;
}

/**
 * The chat view as a whole: which page and channel are shown, the side panel, the lightbox, and the
 * controllers of its parts (channels, the message list, the composer, search, undo). Components reach it
 * by context and stay thin; what a click does is a method here, so it is tested without a page.
 */
export class ChatView {
  page = $state<JournalPage>('channel');
  panel = $state.raw<SidePanel | null>(null);
  calendarOpen = $state(false);
  /** The "as of a date" picker is open. */
  asOfOpen = $state(false);
  lightbox = $state.raw<AttachmentRef | null>(null);
  /**
   * A message's menu or reaction picker, open at a point of the window. Drawn once by the view, outside the
   * virtual list (whose rows are clipped to it), for the message it names.
   */
  popup = $state.raw<MessagePopup | null>(null);
  /** The day last jumped to, kept for the route. */
  date = $state<string | null>(null);
  /** No channel yet: the view offers to create the first one. */
  empty = $state(false);

  readonly session: JournalSession;
  readonly channels: ChannelList;
  readonly chat: ChatList;
  readonly composer: Composer;
  readonly search: SearchPanel;
  readonly undo = new UndoDelete();
  readonly actions: MessageActions;
  readonly images: AttachmentImages;
  readonly channel: ChannelSummary | undefined;
  /** False when nothing may be written: the journal as of a past date, or an archived channel. */
  readonly writable: boolean;

  readonly #notify: (message: string, tone?: 'error' | 'success') => void;

  constructor(session: JournalSession, options: ChatViewOptions = {}) {
    this.session = session;
    this.channels = new ChannelList(session);
    this.chat = new ChatList(session);
    this.composer = new Composer(session, options.pictures);
    this.search = new SearchPanel(session);
    this.actions = new MessageActions(session);
    this.images = new AttachmentImages(session.api, options.shrink ?? ((url) => Promise.resolve(url)));
    this.#notify = options.notify ?? (() => undefined);
    this.channel = $derived(this.channels.find(this.chat.channel));
    this.writable = $derived(!session.readOnly && this.channel?.archived !== true);
  }

  /** Starts following changes (session, channels, the list); returns the stop. */
  follow(): () => void {
    const stops = [this.session.follow(), this.channels.follow(), this.chat.follow()];
    return () => {
      for (const stop of stops) stop();
      this.composer.dispose();
      this.search.dispose();
      this.undo.dismiss();
    };
  }

  /** Loads the channels and drafts, then shows the place a route names (or the first channel). */
  async start(route: JournalRoute = journalHome): Promise<void> {
    const newest =
      route.channel !== null &&
      route.message === null &&
      route.date === null &&
      route.asOf === this.session.asOf;
    if (newest) this.chat.prefetch(route.channel);
    await Promise.all([this.channels.load(), this.composer.loadDrafts()]);
    await this.show(route);
  }

  /** Goes where a route says: back/forward, a pasted link. */
  async show(route: JournalRoute): Promise<void> {
    if (route.asOf !== this.session.asOf) {
      this.session.asOf = route.asOf;
      await this.channels.load();
    }
    this.page = route.page;
    if (route.search !== null || route.tag !== null) {
      this.panel = { kind: 'search' };
      if (route.tag !== null) this.search.showTag(route.tag);
      if (route.search !== null && route.search !== this.search.query) this.search.type(route.search);
    } else if (this.panel?.kind === 'search') {
      this.panel = null;
    }
    const channel = this.channels.find(route.channel)?.channel ?? this.channels.first()?.channel ?? null;
    this.empty = channel === null;
    if (channel === null) return;
    const place: ChatPlace =
      route.message !== null
        ? { kind: 'around', message: route.message }
        : route.date !== null
          ? { kind: 'at', time: startOfDay(route.date, this.session.timeZone) }
          : { kind: 'latest' };
    const awayFromNow = this.date !== null || this.chat.focus?.highlight === true || !this.chat.atEnd;
    this.date = route.date;
    this.composer.switchTo(channel);
    if (
      channel !== this.chat.channel ||
      place.kind !== 'latest' ||
      this.chat.status !== 'ready' ||
      awayFromNow
    ) {
      await this.chat.open(channel, place);
    }
  }

  /** The place shown, as a route (the URL follows it). */
  route(): JournalRoute {
    const focus = this.chat.focus;
    return {
      page: this.page,
      channel: this.chat.channel,
      // A message jumped to stays in the link until the reader goes elsewhere (or posts: then the newest is the focus).
      message: this.date === null && focus?.highlight === true ? focus.message : null,
      date: this.date,
      asOf: this.session.asOf,
      search: this.panel?.kind === 'search' && this.search.query !== '' ? this.search.query : null,
      tag: this.panel?.kind === 'search' ? (this.search.filters.tags[0] ?? null) : null,
    };
  }

  async openChannel(channel: JournalId): Promise<void> {
    this.page = 'channel';
    this.date = null;
    this.composer.switchTo(channel);
    await this.chat.open(channel, { kind: 'latest' });
  }

  /** Shows a message in its channel, marked (a search result, a reply's original, a pin). */
  async openMessage(channel: JournalId, message: JournalId): Promise<void> {
    this.page = 'channel';
    this.date = null;
    if (channel !== this.chat.channel) {
      this.composer.switchTo(channel);
      await this.chat.open(channel, { kind: 'around', message });
    } else {
      await this.chat.jumpTo(message);
    }
  }

  /** Opens the channel at the first message of a local day (the calendar). */
  async jumpToDate(day: string): Promise<void> {
    const channel = this.chat.channel ?? this.channels.first()?.channel;
    if (channel === undefined) return;
    this.page = 'channel';
    this.calendarOpen = false;
    this.date = day;
    await this.chat.open(channel, { kind: 'at', time: startOfDay(day, this.session.timeZone) });
  }

  /** Shows the journal as it was at a moment (read-only), or as it is now with null. */
  async setAsOf(moment: JournalTime | null): Promise<void> {
    this.session.asOf = moment;
    this.composer.flush();
    await this.channels.load();
    if (this.channels.find(this.chat.channel) === undefined) {
      const first = this.channels.first();
      if (first !== undefined) {
        this.composer.switchTo(first.channel);
        await this.chat.open(first.channel);
        return;
      }
    }
    await this.chat.reload();
  }

  openPanel(panel: SidePanel): void {
    this.panel = panel;
  }

  closePanel(): void {
    this.panel = null;
  }

  /** A `#tag` was clicked: search the journal for it. */
  showTag(tag: string): void {
    this.panel = { kind: 'search' };
    this.search.showTag(tag);
  }

  showPage(page: JournalPage): void {
    this.page = page;
    if (page !== 'channel') this.calendarOpen = false;
  }

  /** Up in an empty composer: edits the newest message of the channel shown. */
  editLast(): void {
    const last = this.chat.messages.findLast((message) => !message.deleted);
    if (last !== undefined) this.composer.startEdit(last);
  }

  async deleteMessage(message: MessageView): Promise<void> {
    await this.#act(async () => {
      const after = await this.actions.delete(message.message);
      this.chat.apply(after);
      if (this.composer.editing?.message === message.message) this.composer.cancel();
      this.undo.offer(message);
    });
  }

  /** The notice's Undo: restores the message just deleted. */
  async undoDelete(): Promise<void> {
    const message = this.undo.take();
    if (message === null) return;
    await this.#act(async () => this.chat.apply(await this.actions.restore(message.message)));
  }

  async restore(message: JournalId): Promise<void> {
    if (this.undo.deleted?.message === message) this.undo.dismiss();
    await this.#act(async () => this.chat.apply(await this.actions.restore(message)));
  }

  async toggleReaction(message: MessageView, emoji: string): Promise<void> {
    await this.#act(async () => this.chat.apply(await this.actions.toggleReaction(message, emoji)));
  }

  async togglePin(message: MessageView): Promise<void> {
    await this.#act(async () => this.chat.apply(await this.actions.togglePin(message)));
  }

  async takeConflict(message: MessageView, edit: JournalId): Promise<void> {
    const conflict = message.conflicts.find((known) => known.edit === edit);
    if (conflict === undefined) return;
    await this.#act(async () => this.chat.apply(await this.actions.takeConflict(message, conflict)));
  }

  async dismissConflict(message: MessageView, edit: JournalId): Promise<void> {
    const conflict = message.conflicts.find((known) => known.edit === edit);
    if (conflict === undefined) return;
    await this.#act(async () => this.chat.apply(await this.actions.dismissConflict(message, conflict)));
  }

  async #act(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.#notify(errorText(error));
    }
  }
}
