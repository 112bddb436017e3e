/**
 * Everything that needs markdown-it or DOMPurify, in one module that message-text.svelte.ts loads when a
 * text first needs it (both libraries cost 30-70 ms to evaluate, and most messages need neither).
 */
export { markdownHtml, plainLines, plainText } from './markdown.js';
export { safeHtml } from './safe-html.js';
