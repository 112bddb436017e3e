import type { MessagePage, MessageView, PageCursor } from '../../../../shared/journal/views.js';

/**
 * The part of one channel the page holds: a few consecutive pages, oldest first, each with the cursors the
 * server gave it. A channel of 100,000 messages is never held whole: scrolling up adds a page at the top
 * and drops pages at the bottom once the window holds more than its budget (and the other way round), and
 * the cursors of the pages at either end say where to continue. Pure functions over plain values, so the
 * paging rules are tested without a page.
 */
export interface LoadedPage {
  readonly messages: readonly MessageView[];
  readonly older: PageCursor | null;
  readonly newer: PageCursor | null;
}

export interface MessageWindow {
  readonly pages: readonly LoadedPage[];
}

export const emptyWindow: MessageWindow = { pages: [] };

export function windowOf(page: MessagePage): MessageWindow {
  return { pages: [loaded(page)] };
}

function loaded(page: MessagePage): LoadedPage {
  return { messages: page.messages, older: page.older, newer: page.newer };
}

export function messagesOf(window: MessageWindow): MessageView[] {
  return window.pages.flatMap((page) => page.messages);
}

export function rowCount(window: MessageWindow): number {
  return window.pages.reduce((sum, page) => sum + page.messages.length, 0);
}

/** The cursor to load older messages with; null at the channel's first message (or when empty). */
export function olderCursor(window: MessageWindow): PageCursor | null {
  return window.pages[0]?.older ?? null;
}

export function newerCursor(window: MessageWindow): PageCursor | null {
  return window.pages.at(-1)?.newer ?? null;
}

/** True when the window reaches the channel's newest message: new posts belong at its bottom. */
export function reachesEnd(window: MessageWindow): boolean {
  return window.pages.length === 0 || newerCursor(window) === null;
}

export function reachesStart(window: MessageWindow): boolean {
  return window.pages.length === 0 || olderCursor(window) === null;
}

/** Adds the page before the first one (scrolling up); messages already held are not doubled. */
export function prependPage(window: MessageWindow, page: MessagePage): MessageWindow {
  const held = idsOf(window);
  const fresh = page.messages.filter((message) => !held.has(message.message));
  return { pages: [{ ...loaded(page), messages: fresh }, ...window.pages] };
}

export function appendPage(window: MessageWindow, page: MessagePage): MessageWindow {
  const held = idsOf(window);
  const fresh = page.messages.filter((message) => !held.has(message.message));
  return { pages: [...window.pages, { ...loaded(page), messages: fresh }] };
}

/** Drops whole pages from the bottom until at most `maxRows` remain (the first page always stays). */
export function trimEnd(window: MessageWindow, maxRows: number): MessageWindow {
  const pages = [...window.pages];
  let rows = rowCount(window);
  while (pages.length > 1 && rows > maxRows) rows -= pages.pop()!.messages.length;
  return pages.length === window.pages.length ? window : { pages };
}

/** Drops whole pages from the top until at most `maxRows` remain (the last page always stays). */
export function trimStart(window: MessageWindow, maxRows: number): MessageWindow {
  const pages = [...window.pages];
  let rows = rowCount(window);
  while (pages.length > 1 && rows > maxRows) rows -= pages.shift()!.messages.length;
  return pages.length === window.pages.length ? window : { pages };
}

/** The order of the list: by the time a message was posted (imported entries keep theirs), then by log position. */
export function compareMessages(a: MessageView, b: MessageView): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.position - b.position;
}

export function hasMessage(window: MessageWindow, message: string): boolean {
  return window.pages.some((page) => page.messages.some((held) => held.message === message));
}

/** Replaces a held message by its new view (an edit, a reaction); a deleted one leaves the window. */
export function updateMessage(window: MessageWindow, view: MessageView): MessageWindow {
  if (!hasMessage(window, view.message)) return window;
  return {
    pages: window.pages.map((page) => ({
      ...page,
      messages: view.deleted
        ? page.messages.filter((held) => held.message !== view.message)
        : page.messages.map((held) => (held.message === view.message ? view : held)),
    })),
  };
}

export function removeMessage(window: MessageWindow, message: string): MessageWindow {
  if (!hasMessage(window, message)) return window;
  return {
    pages: window.pages.map((page) => ({
      ...page,
      messages: page.messages.filter((held) => held.message !== message),
    })),
  };
}

/**
 * Places a message the window does not hold yet (a new post, a restored one) where it belongs: inside the
 * range the window covers, or at the bottom when the window reaches the channel's end. A message outside
 * the range is not the window's business (it will be loaded with its page). Answers where it went.
 */
export function placeMessage(
  window: MessageWindow,
  view: MessageView,
): { window: MessageWindow; placed: 'inside' | 'end' | 'outside' } {
  if (view.deleted || hasMessage(window, view.message)) return { window, placed: 'outside' };
  const all = messagesOf(window);
  const first = all[0];
  const last = all.at(-1);
  if (first === undefined || last === undefined) {
    if (!reachesEnd(window) || !reachesStart(window)) return { window, placed: 'outside' };
    const pages = window.pages.length === 0 ? [{ messages: [view], older: null, newer: null }] : window.pages;
    return {
      window: { pages: pages.map((page, i) => (i === 0 ? { ...page, messages: [view] } : page)) },
      placed: 'end',
    };
  }
  const beforeFirst = compareMessages(view, first) < 0;
  const afterLast = compareMessages(view, last) > 0;
  if (beforeFirst && !reachesStart(window)) return { window, placed: 'outside' };
  if (afterLast && !reachesEnd(window)) return { window, placed: 'outside' };
  // The page that takes it: the first whose last message comes after it, else the last page.
  let target = window.pages.findIndex((page) => {
    const pageLast = page.messages.at(-1);
    return pageLast !== undefined && compareMessages(view, pageLast) < 0;
  });
  if (target === -1) target = window.pages.length - 1;
  const pages = window.pages.map((page, i) => {
    if (i !== target) return page;
    const messages = [...page.messages];
    let at = messages.findIndex((held) => compareMessages(view, held) < 0);
    if (at === -1) at = messages.length;
    messages.splice(at, 0, view);
    return { ...page, messages };
  });
  return { window: { pages }, placed: afterLast ? 'end' : 'inside' };
}

function idsOf(window: MessageWindow): Set<string> {
  return new Set(messagesOf(window).map((message) => message.message));
}
