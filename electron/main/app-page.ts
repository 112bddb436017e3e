import path from 'node:path';

/**
 * Where a window's page comes from: the built renderer, served by the app's own `app://eventfold/` scheme
 * (app-protocol.ts), or electron-vite's dev server while developing. Electron's security checklist asks
 * apps to serve their pages from a custom protocol rather than file://, which would give the page more than
 * a browser gives it (reading other file: URLs, among others).
 */
export type PageSource =
  | { readonly kind: 'app'; readonly root: string; readonly url: string }
  | { readonly kind: 'dev-server'; readonly url: string };

export const APP_SCHEME = 'app';
export const APP_HOST = 'eventfold';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface PageSourceInput {
  /** The built renderer: the directory holding index.html. */
  readonly rendererDir: string;
  /** electron-vite's dev server (`ELECTRON_RENDERER_URL`), if one is running. */
  readonly devServerUrl: string | undefined;
  /** `app.isPackaged`: an installed app never takes its page from the environment. */
  readonly isPackaged: boolean;
}

/**
 * The page to show. A packaged app always shows its own build: an address in the environment would let
 * whoever starts it put any page, with the whole contract behind it, in its windows.
 */
export function pageSource(input: PageSourceInput): PageSource {
  if (!input.isPackaged && input.devServerUrl) return { kind: 'dev-server', url: input.devServerUrl };
  return { kind: 'app', root: path.resolve(input.rendererDir), url: APP_PAGE_URL };
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
  const page = new URL(source.url);
  return parsed.protocol === page.protocol && parsed.host === page.host && parsed.pathname === page.pathname;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
