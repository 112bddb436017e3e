import type { PageSource } from './app-page.js';
import { isAppPageUrl } from './app-page.js';

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
}

/**
 * Why a request must be refused, or undefined when its sender is the top frame of one of our windows
 * showing our page. Electron delivers IPC from every frame of a window, subframes included.
 */
export function senderRefusal(
  frame: SenderFrame | null,
  ownWindow: boolean,
  source: PageSource,
): string | undefined {
  if (!ownWindow) return 'the request came from a window Eventfold did not open';
  if (frame === null) return 'the sending frame is gone (it navigated or closed)';
  if (frame.parent !== null) return 'the request came from a subframe, not from the page itself';
  if (!isAppPageUrl(frame.url, source))
    return `the request came from ${frame.url || 'an empty page'}, not Eventfold's page`;
  return undefined;
}
