import DOMPurify from 'dompurify';
import { TAG_LINK } from './tag-links.js';
import { escapeHtml } from './html-escape.js';

/**
 * The second lock on a message's HTML (markdown.ts is the first): DOMPurify in the page's own DOM. It
 * keeps what Markdown makes and nothing that runs or loads: no scripts, styles, forms, frames or
 * pictures, links only to http(s), mailto or the view's own `#tag/…`. Where DOMPurify cannot run (no
 * DOM), the text is shown escaped rather than trusted.
 */
const ALLOWED_URI = /^(?:https?:|mailto:|#tag\/)/i;

let hooked = false;

/** Links to the web open outside the app; tag links stay in it. Added once, where DOMPurify runs. */
function hook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', linkTargets);
}

function linkTargets(node: Element): void {
  if (node.tagName !== 'A') return;
  const href = node.getAttribute('href') ?? '';
  if (href.startsWith(TAG_LINK)) {
    node.removeAttribute('target');
    return;
  }
  if (/^(https?:|mailto:)/i.test(href)) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
}

const CONFIG = {
  ALLOWED_TAGS: [
    'a',
    'p',
    'br',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'span',
  ],
  ALLOWED_ATTR: ['href', 'target', 'rel', 'class', 'title', 'start', 'align'],
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ALLOW_DATA_ATTR: false,
};

export function safeHtml(html: string): string {
  if (!DOMPurify.isSupported) return escapeHtml(html);
  hook();
  return DOMPurify.sanitize(html, CONFIG);
}
