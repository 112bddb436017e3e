/**
 * The renderer is a single page: it may change its own hash or query, never load another document.
 * Anything else (a dropped link, a script setting location) is a way for content to escape the CSP.
 */
export function isSameDocument(targetUrl: string, currentUrl: string): boolean {
  const target = parse(targetUrl);
  const current = parse(currentUrl);
  if (!target || !current) return false;
  return (
    target.protocol === current.protocol &&
    target.host === current.host &&
    target.pathname === current.pathname
  );
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * A link the page asked to open in a new window (the journal's Markdown links carry target=_blank) that
 * the system's browser or mail program should open: http, https and mailto only, as the journal renders
 * them. Anything else (file:, javascript:, the app's own pages) opens nowhere. Answers the URL to hand over.
 */
export function externalLink(url: string): string | undefined {
  const parsed = parse(url);
  if (parsed === undefined) return undefined;
  return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
}
