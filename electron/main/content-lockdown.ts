import type { Session, WebContents } from 'electron';
import { externalLink, isSameDocument } from './navigation-policy.js';

/**
 * No page may navigate away, open windows or embed webviews: the app shows its own renderer and nothing else.
 * A web or mail link the page opens in a new window (a journal message's link) goes to the system's own
 * browser or mail program through `openExternal` instead; no window of the app ever shows it.
 */
export function lockDownContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isSameDocument(url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isSameDocument(url, contents.getURL())) event.preventDefault();
  });
  // The page has no frames of its own: a subframe that loads a document is content trying to get in.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !event.url.startsWith('about:')) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const link = externalLink(url);
    if (link !== undefined) openExternal(link);
    return { action: 'deny' };
  });
}

/** The page needs no camera, notifications, clipboard reads or anything else a permission guards. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
