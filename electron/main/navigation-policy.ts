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
