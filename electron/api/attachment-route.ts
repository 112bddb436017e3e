import { JournalError } from '../../shared/journal/index.js';
import type { FolderRegistry } from './folder-registry.js';

/** The desktop app's protocol for attachments (registered by electron/main; allowed by the page's CSP). */
export const ATTACHMENT_SCHEME = 'eventfold-attachment';
/** Browser mode's route for attachments, behind the same token as the page. */
export const ATTACHMENT_ROUTE = '/attachments/';

/**
 * Media types a page may show inline. Everything else (HTML, SVG, scripts, unknown types) is sent as a
 * download: an attachment is someone's file, and the app must never render it as a page of its own origin.
 */
const INLINE = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
  'audio/wav',
  'audio/webm',
  'audio/flac',
  'video/mp4',
  'video/webm',
  'video/ogg',
  'application/pdf',
  'text/plain',
]);

/** The address a page shows an attachment from, for the transport it runs on. */
export function attachmentUrl(
  mode: 'desktop' | 'browser',
  folderId: string,
  attachment: { readonly sha256: string; readonly mediaType: string; readonly name: string },
): string {
  const query = new URLSearchParams({ type: attachment.mediaType, name: attachment.name }).toString();
  const where = `${encodeURIComponent(folderId)}/${attachment.sha256}?${query}`;
  return mode === 'browser' ? `${ATTACHMENT_ROUTE}${where}` : `${ATTACHMENT_SCHEME}://${where}`;
}

/** What to answer a request for an attachment: a file to send with its headers, or a refusal. */
export type AttachmentReply =
  | {
      readonly status: 200;
      readonly file: string;
      readonly size: number;
      readonly headers: Readonly<Record<string, string>>;
    }
  | {
      readonly status: 400 | 404 | 409;
      readonly message: string;
      readonly headers: Readonly<Record<string, string>>;
    };

const SECURITY_HEADERS = {
  // The bytes are never a document of the app's origin: no scripts, no same-origin access, no sniffing.
  'Content-Security-Policy': 'sandbox',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Answers `<folder id>/<sha256>?type=…&name=…` (the path after the route or the scheme): the file of an
 * open journal folder, checked against its hash, with the type it was stored with when a page may show it
 * inline, as a download otherwise.
 */
export async function attachmentReply(
  registry: FolderRegistry,
  path: string,
  query: URLSearchParams,
): Promise<AttachmentReply> {
  const refuse = (status: 400 | 404 | 409, message: string): AttachmentReply => ({
    status,
    message,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  });
  const match = /^([^/]+)\/([0-9a-f]{64})$/.exec(path);
  if (match === null) return refuse(400, 'An attachment address is /attachments/FOLDER-ID/SHA256');
  let folderId: string;
  try {
    folderId = decodeURIComponent(match[1]!);
  } catch {
    return refuse(400, 'The folder id in the address is not valid');
  }
  const sha256 = match[2]!;
  const journal = registry.journalById(folderId);
  if (journal === undefined) return refuse(404, 'That folder is not open in Eventfold');
  let size: number;
  try {
    size = await journal.attachments.verify(sha256);
  } catch (error) {
    if (error instanceof JournalError) {
      return refuse(error.code === 'AttachmentMismatch' ? 409 : 404, error.message);
    }
    throw error;
  }
  const type = (query.get('type') ?? '').toLowerCase();
  const name = query.get('name') ?? sha256;
  const inline = INLINE.has(type);
  return {
    status: 200,
    file: journal.attachments.pathOf(sha256),
    size,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': inline ? type : 'application/octet-stream',
      'Content-Length': String(size),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeRFC5987(name)}`,
      // The address names the content by its hash: it never changes.
      'Cache-Control': 'private, max-age=31536000, immutable',
    },
  };
}

function encodeRFC5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
