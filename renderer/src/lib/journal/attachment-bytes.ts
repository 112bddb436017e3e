import type { EventfoldApi } from '../../../../shared/contract.js';
import type { AttachmentRef } from '../../../../shared/journal/attachment.js';
import { base64 } from './attachment-upload.js';

/** Pictures the list shows inline; other types (SVG included: it is a document) are files to download. */
const PICTURES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

export function isPicture(ref: AttachmentRef): boolean {
  return PICTURES.has(ref.mediaType);
}

/**
 * An attachment's bytes as a data: URL, read from the folder through the contract a chunk at a time (the
 * same in the desktop window, which has no server, and in browser mode). The page's CSP allows pictures
 * from data: and the app itself only, so nothing outside the folder's attachments is ever shown.
 */
export async function attachmentDataUrl(api: EventfoldApi, ref: AttachmentRef): Promise<string> {
  const bytes = new Uint8Array(ref.size);
  let offset = 0;
  while (offset < ref.size) {
    const chunk = await api.call('journal.attachment.read', { sha256: ref.sha256, offset });
    const part = Uint8Array.from(atob(chunk.data), (char) => char.charCodeAt(0));
    if (part.length === 0) break;
    bytes.set(part.subarray(0, ref.size - offset), offset);
    offset += part.length;
  }
  return `data:${ref.mediaType};base64,${base64(bytes)}`;
}

/**
 * Cached reads of attachments for one journal view: small thumbnails for the list (made once by the
 * page's own canvas, so a wall of 12-megapixel photos costs kilobytes), the full picture for the lightbox
 * only. Least recently used entries go first.
 */
export class AttachmentImages {
  readonly #api: EventfoldApi;
  readonly #thumbnails = new Map<string, Promise<string>>();
  readonly #shrink: (dataUrl: string) => Promise<string>;
  readonly #capacity: number;

  constructor(api: EventfoldApi, shrink: (dataUrl: string) => Promise<string>, capacity = 200) {
    this.#api = api;
    this.#shrink = shrink;
    this.#capacity = capacity;
  }

  thumbnail(ref: AttachmentRef): Promise<string> {
    const known = this.#thumbnails.get(ref.sha256);
    if (known !== undefined) {
      this.#thumbnails.delete(ref.sha256);
      this.#thumbnails.set(ref.sha256, known);
      return known;
    }
    const made = attachmentDataUrl(this.#api, ref).then((full) => this.#shrink(full));
    // A failed read is not remembered: the next look tries again (the file may come back).
    made.catch(() => this.#thumbnails.delete(ref.sha256));
    this.#thumbnails.set(ref.sha256, made);
    if (this.#thumbnails.size > this.#capacity)
      this.#thumbnails.delete(this.#thumbnails.keys().next().value!);
    return made;
  }

  full(ref: AttachmentRef): Promise<string> {
    return attachmentDataUrl(this.#api, ref);
  }
}
