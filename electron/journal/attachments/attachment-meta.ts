import {
  attachmentProblem,
  JournalError,
  MAX_ATTACHMENT_BYTES,
  type AttachmentRef,
} from '../../../shared/journal/index.js';

/** What is known of an attachment before its bytes are hashed. */
export interface AttachmentMeta {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly width?: number;
  readonly height?: number;
}

const MIB = 1024 * 1024;

/** Refuses, before any byte is written, an attachment the journal would not accept. */
export function checkAttachmentMeta(meta: AttachmentMeta): AttachmentMeta {
  if (meta.size > MAX_ATTACHMENT_BYTES) {
    throw new JournalError(
      'AttachmentTooLarge',
      `"${meta.name}" is ${(meta.size / MIB).toFixed(1)} MiB; an attachment may be at most ${MAX_ATTACHMENT_BYTES / MIB} MiB`,
      { name: meta.name, size: meta.size, limit: MAX_ATTACHMENT_BYTES },
    );
  }
  const normalized = { ...meta, mediaType: meta.mediaType.trim().toLowerCase() };
  // The hash is not known yet: check everything else with a stand-in.
  const problem = attachmentProblem(refOf('0'.repeat(64), normalized));
  if (problem !== undefined) {
    throw new JournalError('InvalidAttachment', `"${meta.name}": ${problem}`, { name: meta.name });
  }
  return normalized;
}

export function refOf(sha256: string, meta: AttachmentMeta): AttachmentRef {
  return {
    sha256,
    size: meta.size,
    mediaType: meta.mediaType,
    name: meta.name,
    ...(meta.width === undefined ? {} : { width: meta.width }),
    ...(meta.height === undefined ? {} : { height: meta.height }),
  };
}

/** A media type from a file name, for files added from disk (the CLI, imports) without one. */
export function mediaTypeOfName(name: string): string {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  return MEDIA_TYPES[extension] ?? 'application/octet-stream';
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
};
