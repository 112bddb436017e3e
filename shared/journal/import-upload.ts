import { integer, object, string, type Infer } from '../schema.js';
import { UPLOAD_CHUNK_BYTES } from './limits.js';
import { journalId } from './value-schemas.js';

/**
 * Browser mode's File > Import: the page has no path on the server's disk for a file the user picked, so
 * it uploads the export (the JSON file, and for Telegram and Day One the photos and files beside it,
 * each under its path relative to the export) into a staging folder on the Node side, then previews and
 * imports the staged JSON file's `path`. Chunks of at most UPLOAD_CHUNK_BYTES, in order.
 */
export const importUploadArg = object({
  /** The import's id (the same one `journal.import` is then given). */
  import: journalId,
  /** The file's path relative to the export's folder, with `/`: `result.json`, `photos/photo_1.jpg`. */
  file: string({ minLength: 1, maxLength: 1024 }),
  /** Bytes of this file received so far (0 for its first chunk). */
  offset: integer({ min: 0 }),
  /** Base64 of the chunk. */
  data: string({ maxLength: Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 }),
});
export type ImportUploadArg = Infer<typeof importUploadArg>;

export interface ImportUploadResult {
  /** Bytes of the file received so far. */
  readonly received: number;
  /** Where the file is staged on the Node side: the `path` to preview and import (for the JSON file). */
  readonly path: string;
}
