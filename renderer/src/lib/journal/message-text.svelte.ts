import type * as MarkdownRendering from './markdown-rendering.js';
import { escapeHtml } from './html-escape.js';
import { plainMessageHtml } from './plain-message.js';

type Rendering = typeof MarkdownRendering;

/**
 * A message's text as the page shows it: its safe HTML, its one-line preview. Text without Markdown (most
 * prose: see plain-message.ts) is written here directly; the rest goes through markdown-it and DOMPurify
 * (markdown.ts, safe-html.ts), which are loaded the first time a text needs them rather than before the
 * journal's first rows. The lists wait for them (markdownReadyFor) before they show a page that needs
 * them, so a message is drawn once, as it stays; anything shown before they have come is drawn as plain
 * escaped text and again once they have (the state below is read by the callers' $derived).
 */
let rendering = $state.raw<Rendering | undefined>(undefined);
let loading: Promise<Rendering> | undefined;

/** Loads markdown-it and DOMPurify (once). */
export function loadMarkdown(): Promise<Rendering> {
  loading ??= import('./markdown-rendering.js').then((module) => (rendering = module));
  return loading;
}

/**
 * Undefined when every text can be drawn now as it will stay; else a promise that settles once they can
 * (markdown-it and DOMPurify loaded). A failed load settles it too: the texts are then drawn plain.
 */
export function markdownReadyFor(texts: Iterable<string>): Promise<void> | undefined {
  if (rendering !== undefined) return undefined;
  for (const text of texts) {
    if (!isPlain(text))
      return loadMarkdown().then(
        () => undefined,
        () => undefined,
      );
  }
  return undefined;
}

const isPlain = (text: string): boolean => text === '' || plainMessageHtml(text) !== undefined;

// A plain cache, read and written inside deriveds: nothing is drawn from it changing.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const cache = new Map<string, string>();
const CACHED = 500;

/** A message's Markdown as HTML that is safe to put in the page. Cached by text: lists re-render often. */
export function messageHtml(text: string): string {
  const known = cache.get(text);
  if (known !== undefined) {
    cache.delete(text);
    cache.set(text, known);
    return known;
  }
  // Text without Markdown skips both locks: its HTML is escaped text and the view's own tag links.
  let html = text === '' ? '' : plainMessageHtml(text);
  if (html === undefined) {
    const module = rendering;
    if (module === undefined) {
      void loadMarkdown();
      return escapedText(text);
    }
    html = module.safeHtml(module.markdownHtml(text));
  }
  cache.set(text, html);
  if (cache.size > CACHED) cache.delete(cache.keys().next().value!);
  return html;
}

/** Text with Markdown marks removed, for one-line previews and titles. */
export function plainText(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  // A line markdown-it would leave as it is (its tags are links, whose text stays).
  if (line === '' || plainMessageHtml(line) !== undefined) return line;
  const module = rendering;
  if (module === undefined) {
    void loadMarkdown();
    return line;
  }
  return module.plainText(text);
}

function escapedText(text: string): string {
  return `<p>${escapeHtml(text).split('\n').join('<br>\n')}</p>\n`;
}

/** Every line of the text as plain text in one run, for previews of a few lines (a pin, a card). */
export function plainLines(text: string): string {
  const lines = text.split('\n');
  if (lines.every((line) => line.trim() === '' || plainMessageHtml(line.trim()) !== undefined)) {
    return lines
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join(' ');
  }
  const module = rendering;
  if (module === undefined) {
    void loadMarkdown();
    return lines.join(' ');
  }
  return module.plainLines(text);
}
