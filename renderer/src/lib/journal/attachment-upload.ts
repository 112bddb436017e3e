import type { EventfoldApi } from '../../../../shared/contract.js';
import type { AttachmentRef } from '../../../../shared/journal/attachment.js';
import type { JournalId } from '../../../../shared/journal/journal-values.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_LENGTH } from '../../../../shared/journal/limits.js';

/** A picture's pixel size, when the page could measure it (the list reserves the space). */
export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

export interface UploadOptions {
  readonly upload: JournalId;
  readonly size?: PixelSize | null;
  readonly onProgress?: (sent: number, total: number) => void;
  /** Checked between chunks: true stops the upload (the server drops what it received). */
  readonly cancelled?: () => boolean;
}

/**
 * Sends a file to the folder through the contract's chunked upload (begin, chunks in order, finish) and
 * answers the reference a post carries. The bytes are stored and fsynced by the Node side before this
 * answers, so a post naming them can never point at a missing file. Works the same in the desktop app and
 * in browser mode, which has no file paths.
 */
export async function uploadAttachment(
  api: EventfoldApi,
  file: Blob & { readonly name: string },
  options: UploadOptions,
): Promise<AttachmentRef> {
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new Error(
      `${file.name} is ${megabytes(file.size)}: a journal attachment is at most ${megabytes(MAX_ATTACHMENT_BYTES)}.`,
    );
  }
  const { upload } = options;
  const { chunkBytes } = await api.call('journal.upload.begin', {
    upload,
    name: attachmentName(file.name),
    mediaType: mediaTypeOf(file),
    size: file.size,
  });
  try {
    let offset = 0;
    options.onProgress?.(0, file.size);
    while (offset < file.size) {
      if (options.cancelled?.() === true) throw new UploadCancelled(file.name);
      const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      const { received } = await api.call('journal.upload.chunk', { upload, offset, data: base64(bytes) });
      offset = received;
      options.onProgress?.(offset, file.size);
    }
    const size = options.size ?? null;
    return await api.call('journal.upload.finish', { upload, ...(size ?? {}) });
  } catch (error) {
    void api.call('journal.upload.cancel', { upload }).catch(() => undefined);
    throw error;
  }
}

export class UploadCancelled extends Error {
  override readonly name = 'UploadCancelled';
  constructor(name: string) {
    super(`The upload of ${name} was cancelled.`);
  }
}

/** The name as the journal keeps it: no path separators or control characters, at most 255 characters. */
export function attachmentName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[/\\\u0000-\u001f\u007f]/g, '_').trim();
  const bounded =
    clean.length > MAX_ATTACHMENT_NAME_LENGTH ? clean.slice(-MAX_ATTACHMENT_NAME_LENGTH) : clean;
  return bounded === '' ? 'file' : bounded;
}

/** A file's media type, lowercase, as the journal records it; unknown types are plain bytes. */
export function mediaTypeOf(file: Blob): string {
  const type = file.type.toLowerCase().split(';', 1)[0]?.trim() ?? '';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type)
    ? type
    : 'application/octet-stream';
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  // fromCharCode takes its arguments on the stack: a few thousand at a time.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
