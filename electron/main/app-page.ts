import { pathToFileURL } from 'node:url';

/** Where a window's page comes from: the built index.html, or electron-vite's dev server. */
export type PageSource =
  { readonly kind: 'file'; readonly file: string } | { readonly kind: 'dev-server'; readonly url: string };

export function pageSource(indexHtml: string, devServerUrl: string | undefined): PageSource {
  return devServerUrl ? { kind: 'dev-server', url: devServerUrl } : { kind: 'file', file: indexHtml };
}

/**
 * Whether a frame's URL is Eventfold's own page. The IPC handler serves nothing else: a frame that
 * somehow shows other content (an injected iframe, a page that escaped navigation blocking) gets no api.
 */
export function isAppPageUrl(url: string, source: PageSource): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (source.kind === 'dev-server') {
    const server = parse(source.url);
    return parsed.origin === server?.origin;
  }
  const page = pathToFileURL(source.file);
  // file: URLs have no meaningful host, except UNC paths on Windows, which pathToFileURL puts in the host.
  return parsed.protocol === 'file:' && parsed.host === page.host && parsed.pathname === page.pathname;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
