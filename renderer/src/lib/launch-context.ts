/** Where the renderer runs: in the desktop window (a preload bridge exists) or in a browser tab. */
export type RuntimeMode = 'desktop' | 'browser';

/** What the page knows when it starts, before any contract call. */
export interface LaunchContext {
  /** The event folder this page shows, or null when none was named. */
  readonly folder: string | null;
  readonly mode: RuntimeMode;
}

/** Both the desktop shell and browser mode name the folder in the page's query, as `?folder=`. */
export function readLaunchContext(page: Pick<Window, 'location'>): LaunchContext {
  const folder = new URLSearchParams(page.location.search).get('folder')?.trim() ?? '';
  return {
    folder: folder === '' ? null : folder,
    mode: 'eventfold' in page ? 'desktop' : 'browser',
  };
}
