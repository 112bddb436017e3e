import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_LENGTH } from './limits.js';

/**
 * A file or picture a message refers to. The bytes live once per content in the folder, at
 * `attachments/sha256/<first two hex digits>/<sha256>`, written and fsynced before the event that names
 * them; the event carries everything a reader needs to show or check the file without opening it.
 */
export interface AttachmentRef {
  /** SHA-256 of the bytes, 64 lowercase hex digits: the file's name in the folder. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly size: number;
  /** Media type as the file was given (`image/jpeg`, `application/pdf`), lowercase. */
  readonly mediaType: string;
  /** The file's name as the user had it (for download and display), not a path. */
  readonly name: string;
  /** Pixel size, for pictures whose size was known when attached (the list reserves the space). */
  readonly width?: number;
  readonly height?: number;
}

const SHA256 = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
// A name is shown and offered for download: no path separators, no control characters.
const BAD_NAME = /[/\\\p{Cc}]/u;

/** Where an attachment's bytes live, relative to the folder. */
export function attachmentPath(sha256: string): string {
  return `attachments/sha256/${sha256.slice(0, 2)}/${sha256}`;
}

/** Why an attachment reference is not acceptable, or undefined when it is. */
export function attachmentProblem(value: AttachmentRef): string | undefined {
  if (!SHA256.test(value.sha256)) return 'sha256 must be 64 lowercase hex digits';
  if (!Number.isSafeInteger(value.size) || value.size < 0 || value.size > MAX_ATTACHMENT_BYTES) {
    return `size must be a whole number of bytes from 0 to ${MAX_ATTACHMENT_BYTES} (64 MiB)`;
  }
  if (!MEDIA_TYPE.test(value.mediaType)) return `mediaType must be a lowercase type/subtype like image/png`;
  if (
    value.name.length === 0 ||
    value.name.length > MAX_ATTACHMENT_NAME_LENGTH ||
    BAD_NAME.test(value.name)
  ) {
    return `name must be 1 to ${MAX_ATTACHMENT_NAME_LENGTH} characters with no "/", "\\" or control characters`;
  }
  for (const side of ['width', 'height'] as const) {
    const pixels = value[side];
    if (pixels === undefined) continue;
    if (!value.mediaType.startsWith('image/')) return `${side} is only for pictures (image/*)`;
    if (!Number.isSafeInteger(pixels) || pixels < 1 || pixels > 1_000_000) {
      return `${side} must be a whole number of pixels from 1 to 1000000`;
    }
  }
  if ((value.width === undefined) !== (value.height === undefined)) return 'width and height come together';
  return undefined;
}

export function sameAttachments(a: readonly AttachmentRef[], b: readonly AttachmentRef[]): boolean {
  return (
    a.length === b.length &&
    a.every((item, i) => {
      const other = b[i]!;
      return (
        item.sha256 === other.sha256 &&
        item.size === other.size &&
        item.mediaType === other.mediaType &&
        item.name === other.name &&
        item.width === other.width &&
        item.height === other.height
      );
    })
  );
}
