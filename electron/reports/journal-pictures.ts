import type { AttachmentRef } from '../../shared/journal/index.js';
import type { AttachmentFiles } from '../journal/index.js';
import type { ReportPicture } from './report-document.js';

/** Pictures up to this size are embedded in a digest; larger ones are named, so the file stays small. */
export const EMBED_LIMIT = 512 * 1024;

/** What each embeddable picture type starts with: a file that says it is a JPEG must be one to be drawn. */
const SIGNATURES: Readonly<Record<string, (bytes: Buffer) => boolean>> = {
  'image/jpeg': (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  'image/png': (bytes) =>
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/gif': (bytes) => bytes.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (bytes) =>
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** Media types a PDF (pdfmake) can draw; the others are named in a PDF and shown in HTML. */
export const PDF_PICTURES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png']);

/**
 * An entry's attachments for a report: small pictures with their bytes (checked against their hash and
 * their type's signature), everything else by name with the reason it is not shown.
 */
export async function digestPictures(
  files: AttachmentFiles,
  refs: readonly AttachmentRef[],
): Promise<ReportPicture[]> {
  const pictures: ReportPicture[] = [];
  for (const ref of refs) {
    const named = {
      name: ref.name,
      mediaType: ref.mediaType,
      size: ref.size,
      ...(ref.width === undefined || ref.height === undefined
        ? {}
        : { width: ref.width, height: ref.height }),
    };
    const signature = SIGNATURES[ref.mediaType];
    if (signature === undefined) {
      pictures.push({ ...named, note: ref.mediaType.startsWith('image/') ? 'not embedded' : 'a file' });
      continue;
    }
    if (ref.size > EMBED_LIMIT) {
      pictures.push({ ...named, note: 'too large to embed' });
      continue;
    }
    try {
      const { bytes } = await files.read(ref.sha256, 0, EMBED_LIMIT);
      pictures.push(
        signature(bytes)
          ? { ...named, bytes }
          : { ...named, note: `not a readable ${ref.mediaType.slice(6)}` },
      );
    } catch (error) {
      // Missing or changed on disk: the digest says so rather than failing or showing other bytes.
      const code = (error as { code?: string }).code;
      pictures.push({
        ...named,
        note: code === 'AttachmentMismatch' ? 'changed on disk' : 'missing from the folder',
      });
    }
  }
  return pictures;
}
