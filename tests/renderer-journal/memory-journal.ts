/**
 * The journal's contract answered in memory, for the renderer's controller tests: commands go through the
 * real decider (shared/journal: the same refusals, conflicts and events as the folder), and the reads fold
 * those events the way docs/JOURNAL.md describes. Only the storage is left out (no folder, no read-model
 * runtime), so a controller test is fast and its failures are the controller's. Pages use the contract's
 * cursors as opaque strings, ordered by `at` then position.
 */
import type {
  EventfoldApi,
  PushEvents,
  PushName,
  RequestArg,
  RequestName,
  RequestResult,
} from '../../shared/contract.js';
import {
  decide,
  evolve,
  initialState,
  JournalError,
  tagsOf,
  type AttachmentRef,
  type JournalCommand,
  type JournalEvent,
  type JournalState,
  type MessageState,
} from '../../shared/journal/index.js';
import type {
  ChannelSummary,
  JournalDraft,
  MessagePage,
  MessageVersion,
  MessageView,
} from '../../shared/journal/views.js';
import { ContractError } from '../../renderer/src/lib/api/contract-error.js';
import { dayOf } from '../../renderer/src/lib/journal/local-days.js';

interface Logged {
  readonly position: number;
  readonly event: JournalEvent;
}

type Handler = (arg: never) => unknown;

export class MemoryJournal implements EventfoldApi {
  readonly log: Logged[] = [];
  /** Every request made, by name, in order (tests count pages asked for). */
  readonly calls: { name: RequestName; arg: unknown }[] = [];
  readonly drafts = new Map<string, JournalDraft>();
  readonly files = new Map<string, { bytes: Uint8Array; ref: AttachmentRef }>();
  /** While set, answers wait for it: a test holds a request in flight to race it. */
  gate: Promise<void> | null = null;
  /** The state after the whole log, kept as commands run (folding 100s of posts each time is quadratic). */
  #current = initialState();
  #views: { key: string; views: MessageView[] } | null = null;
  #uploads = new Map<string, { name: string; mediaType: string; size: number; chunks: Uint8Array[] }>();
  #listeners = new Map<PushName, Set<(payload: never) => void>>();

  async call<N extends RequestName>(name: N, arg: RequestArg<N>): Promise<RequestResult<N>> {
    this.calls.push({ name, arg });
    const handler = (this.#handlers as Partial<Record<RequestName, Handler>>)[name];
    if (handler === undefined)
      throw new ContractError({ code: 'Unsupported', message: `${name} is not in MemoryJournal` });
    if (this.gate !== null) await this.gate;
    try {
      return (await handler(arg as never)) as RequestResult<N>;
    } catch (error) {
      if (error instanceof JournalError) throw new ContractError(error.toJSON());
      throw error;
    }
  }

  on<P extends PushName>(name: P, listener: (payload: PushEvents[P]) => void): () => void {
    let set = this.#listeners.get(name);
    if (set === undefined) this.#listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Runs a command as another window or the CLI would: the change is pushed to this page too. */
  command(command: JournalCommand): JournalEvent[] {
    const events = decide(command, this.#current);
    if (events.length === 0) return events;
    const first = this.log.length + 1;
    for (const event of events) {
      this.log.push({ position: this.log.length + 1, event });
      this.#current = evolve(this.#current, event);
    }
    const channels = new Set<string>();
    const messages = new Set<string>();
    for (const event of events) {
      if ('channel' in event.data) channels.add(event.data.channel);
      if ('message' in event.data) messages.add(event.data.message);
    }
    this.push('journal.changed', {
      firstPosition: first,
      lastPosition: this.log.length,
      channels: [...channels],
      messages: [...messages],
      more: false,
    });
    return events;
  }

  push<P extends PushName>(name: P, payload: PushEvents[P]): void {
    for (const listener of this.#listeners.get(name) ?? [])
      (listener as (payload: PushEvents[P]) => void)(payload);
  }

  state(asOf?: string): JournalState {
    if (asOf === undefined) return this.#current;
    let state = initialState();
    for (const { event } of this.log)
      if (asOf === undefined || event.data.at <= asOf) state = evolve(state, event);
    return state;
  }

  /** Every message as the chat view shows it, deleted ones included, in the list's order. */
  views(asOf?: string): MessageView[] {
    const key = `${this.log.length}|${asOf ?? ''}`;
    if (this.#views?.key === key) return this.#views.views;
    const state = this.state(asOf);
    const byMessage = new Map<string, Logged[]>();
    for (const logged of this.log) {
      if (asOf !== undefined && logged.event.data.at > asOf) continue;
      if (!('message' in logged.event.data)) continue;
      const id = logged.event.data.message;
      let own = byMessage.get(id);
      if (own === undefined) byMessage.set(id, (own = []));
      own.push(logged);
    }
    const views = Object.values(state.messages)
      .map((message) => this.#view(message, byMessage.get(message.message) ?? [], state))
      .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.position - b.position));
    this.#views = { key, views };
    return views;
  }

  #view(message: MessageState, own: readonly Logged[], state: JournalState): MessageView {
    const posted = own.find(({ event }) => event.type === 'MessagePosted')!;
    const edits = own.filter(({ event }) => event.type === 'MessageEdited');
    const deletes = own.filter(({ event }) => event.type === 'MessageDeleted');
    const original = message.replyTo === null ? undefined : state.messages[message.replyTo];
    return {
      message: message.message,
      channel: message.channel,
      position: posted.position,
      text: message.text,
      tags: tagsOf(message),
      addedTags: message.addedTags,
      attachments: message.attachments,
      replyTo:
        message.replyTo === null
          ? null
          : {
              message: message.replyTo,
              exists: original !== undefined,
              deleted: original?.deleted ?? false,
              ...(original === undefined
                ? {}
                : {
                    excerpt: original.text.slice(0, 200),
                    attachments: original.attachments.length,
                    at: original.postedAt,
                  }),
            },
      origin: message.origin,
      at: message.postedAt,
      editedAt: edits.at(-1)?.event.data.at ?? null,
      version: message.version,
      pinned: message.pinned,
      reactions: message.reactions,
      conflicts: message.conflicts,
      deleted: message.deleted,
      deletedAt: message.deleted ? (deletes.at(-1)?.event.data.at ?? null) : null,
    };
  }

  #page(
    channel: string,
    page: RequestArg<'journal.messages'>['page'],
    limit: number,
    asOf?: string,
  ): MessagePage {
    if (this.state(asOf).directory.channels[channel] === undefined) {
      throw new JournalError('UnknownChannel', `No channel ${channel}`);
    }
    const all = this.views(asOf).filter((view) => view.channel === channel && !view.deleted);
    const indexOf = (id: string) => all.findIndex((view) => view.message === id);
    let start: number;
    let anchor: string | null = null;
    switch (page.kind) {
      case 'latest':
        start = Math.max(0, all.length - limit);
        break;
      case 'older': {
        const end = indexOf(page.cursor.slice('before:'.length));
        start = Math.max(0, end - limit);
        return this.#slice(all, start, end, null);
      }
      case 'newer':
        start = indexOf(page.cursor.slice('after:'.length)) + 1;
        break;
      case 'around': {
        const at = indexOf(page.message);
        if (at === -1) throw new JournalError('UnknownMessage', `No message ${page.message} in ${channel}`);
        start = Math.max(0, at - Math.floor(limit / 2));
        anchor = page.message;
        break;
      }
      case 'at': {
        const at = all.findIndex((view) => view.at >= page.time);
        start = at === -1 ? Math.max(0, all.length - limit) : at;
        anchor = all[at]?.message ?? null;
        break;
      }
    }
    return this.#slice(all, start, Math.min(all.length, start + limit), anchor);
  }

  #slice(all: MessageView[], start: number, end: number, anchor: string | null): MessagePage {
    const messages = all.slice(start, end);
    return {
      messages,
      older: start > 0 && messages[0] !== undefined ? `before:${messages[0].message}` : null,
      newer: end < all.length && messages.at(-1) !== undefined ? `after:${messages.at(-1)!.message}` : null,
      total: all.length,
      anchor,
    };
  }

  #channels(asOf?: string): ChannelSummary[] {
    const state = this.state(asOf);
    const views = this.views(asOf).filter((view) => !view.deleted);
    return state.directory.order.map((id) => {
      const channel = state.directory.channels[id]!;
      const own = views.filter((view) => view.channel === id);
      const last = own.at(-1);
      const created = this.log.find(
        ({ event }) => event.type === 'ChannelCreated' && event.data.channel === id,
      );
      return {
        channel: id,
        name: channel.name,
        archived: channel.archived,
        messages: own.length,
        pinned: own.filter((view) => view.pinned).length,
        lastActivity: last?.editedAt ?? last?.at ?? null,
        lastMessage:
          last === undefined
            ? null
            : {
                message: last.message,
                excerpt: last.text.slice(0, 200),
                attachments: last.attachments.length,
                at: last.at,
              },
        createdAt: created?.event.data.at ?? '1970-01-01T00:00:00.000Z',
      };
    });
  }

  readonly #handlers: {
    [N in RequestName]?: (arg: RequestArg<N>) => RequestResult<N> | Promise<RequestResult<N>>;
  } = {
    'journal.command': (command) => {
      const events = this.command(command);
      const first = this.log.length - events.length + 1;
      return {
        stream: 'memory',
        events,
        positions: events.length === 0 ? null : { first, last: this.log.length },
        conflict: events.some((event) => event.type === 'MessageEditConflicted'),
        attempts: 1,
      };
    },
    'journal.channels': ({ asOf, archived }) =>
      this.#channels(asOf).filter((channel) => archived !== false || !channel.archived),
    'journal.messages': ({ channel, page, limit, asOf }) => this.#page(channel, page, limit ?? 50, asOf),
    'journal.message': ({ message, asOf }) => {
      const view = this.views(asOf).find((known) => known.message === message);
      if (view === undefined) throw new JournalError('UnknownMessage', `No message ${message}`);
      return view;
    },
    'journal.history': ({ message }) => {
      const view = this.views().find((known) => known.message === message);
      if (view === undefined) throw new JournalError('UnknownMessage', `No message ${message}`);
      const own = this.log.filter(({ event }) => 'message' in event.data && event.data.message === message);
      const versions = own.flatMap(({ event, position }): MessageVersion[] =>
        event.type === 'MessagePosted'
          ? [
              {
                version: 1,
                text: event.data.text,
                tags: event.data.tags,
                attachments: event.data.attachments,
                at: event.data.at,
                position,
                edit: null,
              },
            ]
          : event.type === 'MessageEdited'
            ? [
                {
                  version: event.data.version,
                  text: event.data.text,
                  tags: event.data.tags,
                  attachments: event.data.attachments,
                  at: event.data.at,
                  position,
                  edit: event.data.edit,
                },
              ]
            : [],
      );
      return {
        message: view,
        versions,
        conflicts: [],
        timeline: own.map(({ event, position }) => ({
          type: event.type as never,
          at: event.data.at,
          position,
          detail: null,
        })),
      };
    },
    'journal.deleted': ({ channel }) => ({
      messages: this.views()
        .filter((view) => view.deleted && (channel === undefined || view.channel === channel))
        .sort((a, b) => ((a.deletedAt ?? '') < (b.deletedAt ?? '') ? 1 : -1)),
      next: null,
    }),
    'journal.pins': ({ channel, asOf }) =>
      this.views(asOf).filter((view) => view.channel === channel && view.pinned && !view.deleted),
    'journal.calendar': ({ from, to, timeZone, channel, asOf }) => {
      const days = new Map<string, { day: string; messages: number; words: number }>();
      for (const view of this.views(asOf)) {
        if (view.deleted || (channel !== undefined && view.channel !== channel)) continue;
        const day = dayOf(view.at, timeZone);
        if (day < from || day > to) continue;
        const known = days.get(day) ?? { day, messages: 0, words: 0 };
        days.set(day, {
          day,
          messages: known.messages + 1,
          words: known.words + view.text.split(/\s+/).filter(Boolean).length,
        });
      }
      return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
    },
    'journal.search': ({ query, channels, tags, offset, limit }) => {
      const needle = query.toLowerCase();
      const hits = this.views()
        .filter(
          (view) =>
            !view.deleted &&
            (view.text.toLowerCase().includes(needle) || (tags ?? []).some((tag) => view.tags.includes(tag))),
        )
        .filter((view) => channels === undefined || channels.includes(view.channel))
        .filter((view) => tags === undefined || tags.every((tag) => view.tags.includes(tag)))
        .reverse();
      const from = offset ?? 0;
      return {
        hits: hits.slice(from, from + (limit ?? 20)).map((view) => ({
          message: view.message,
          channel: view.channel,
          at: view.at,
          score: 1,
          excerpt: [{ text: view.text, match: false }],
          tags: view.tags,
          attachments: view.attachments.length,
        })),
        total: hits.length,
        capped: false,
        offset: from,
        index: {
          name: 'search',
          state: 'live',
          position: this.log.length,
          lastPosition: this.log.length,
          error: null,
        },
      };
    },
    'journal.drafts': () => [...this.drafts].map(([channel, draft]) => ({ channel, draft })),
    'journal.draft.save': ({ channel, draft }) => {
      if (draft === null) this.drafts.delete(channel);
      else this.drafts.set(channel, draft);
      return null;
    },
    'journal.upload.begin': ({ upload, name, mediaType, size }) => {
      this.#uploads.set(upload, { name, mediaType, size, chunks: [] });
      return { chunkBytes: 4 };
    },
    'journal.upload.chunk': ({ upload, offset, data }) => {
      const known = this.#uploads.get(upload);
      if (known === undefined) throw new JournalError('UnknownUpload', `No upload ${upload}`);
      const received = known.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      if (offset !== received)
        throw new JournalError('UnknownUpload', `Chunk at ${offset}, expected ${received}`);
      known.chunks.push(Uint8Array.from(Buffer.from(data, 'base64')));
      return { received: received + known.chunks.at(-1)!.length };
    },
    'journal.upload.finish': async ({ upload, width, height }) => {
      const known = this.#uploads.get(upload);
      if (known === undefined) throw new JournalError('UnknownUpload', `No upload ${upload}`);
      this.#uploads.delete(upload);
      const bytes = Buffer.concat(known.chunks);
      const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
      const ref: AttachmentRef = {
        sha256,
        size: bytes.length,
        mediaType: known.mediaType,
        name: known.name,
        ...(width === undefined || height === undefined ? {} : { width, height }),
      };
      this.files.set(sha256, { bytes, ref });
      return ref;
    },
    'journal.upload.cancel': ({ upload }) => {
      this.#uploads.delete(upload);
      return null;
    },
    'journal.attachment.read': ({ sha256, offset, length }) => {
      const file = this.files.get(sha256);
      if (file === undefined) throw new JournalError('AttachmentMissing', `No attachment ${sha256}`);
      const from = offset ?? 0;
      const part = file.bytes.subarray(from, from + (length ?? 3));
      return { data: Buffer.from(part).toString('base64'), offset: from, size: file.bytes.length };
    },
  };
}

/** Commands with the fields tests do not care about filled in. */
export const at = (minute: number, day = '2026-03-01'): string =>
  new Date(Date.parse(`${day}T08:00:00.000Z`) + minute * 60_000).toISOString();
