/**
 * The one Content-Security-Policy of the renderer, for the desktop window (a meta tag, injected at build time)
 * and for browser mode (a header). Inline styles are allowed because Svelte sets style attributes; scripts come
 * only from the app itself, and the only socket allowed is the local browser-mode transport. Pictures, audio and video also come from
 * the desktop app's eventfold-attachment: protocol (a journal's attachments; browser mode serves them itself).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' ws://127.0.0.1:*",
  "img-src 'self' data: eventfold-attachment:",
  // A journal's audio and video attachments (browser mode serves them from its own origin).
  "media-src 'self' eventfold-attachment:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Browsers ignore frame-ancestors in a meta tag (and warn about it), so only the header carries it. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
