import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/journal/index.js';
import { MAX_EXPORT_BYTES } from './export-file.js';

/** Why a staged upload was refused: the api answers it as a bad request. */
export class StagingRefused extends Error {
  override readonly name = 'StagingRefused';
}

/** Files an export may bring along, in all (Telegram exports of a busy chat have thousands). */
const MAX_FILES = 100_000;

/**
 * Exports uploaded by the page in browser mode, staged in the system's temp folder, one folder an import,
 * each file under its path relative to the export (so the importer finds the photos beside the JSON as it
 * would on disk). Paths that would leave the import's folder are refused, chunks come in order, and a file
 * is at most as large as an export (the JSON) or an attachment (anything else) may be.
 */
export class ImportStaging {
  private readonly files = new Map<string, Map<string, number>>();

  constructor(readonly root = path.join(os.tmpdir(), `eventfold-imports-${process.pid}`)) {}

  /** Appends a chunk to a staged file; answers the bytes received and where the file is. */
  async write(
    importId: string,
    file: string,
    offset: number,
    bytes: Buffer,
  ): Promise<{ received: number; path: string }> {
    const relative = checkedPath(file);
    const folder = this.folderOf(importId);
    const target = path.join(folder, ...relative.split('/'));
    const sizes = this.files.get(importId) ?? new Map<string, number>();
    const received = sizes.get(relative) ?? 0;
    if (offset !== received) {
      throw new StagingRefused(
        `${file}: this chunk starts at byte ${offset}, but ${received} bytes were received`,
      );
    }
    const limit = relative.toLowerCase().endsWith('.json') ? MAX_EXPORT_BYTES : MAX_ATTACHMENT_BYTES;
    if (received + bytes.length > limit) {
      throw new StagingRefused(`${file} is larger than ${limit / 2 ** 20} MiB, more than an import takes`);
    }
    if (!sizes.has(relative) && sizes.size >= MAX_FILES) {
      throw new StagingRefused(`an export of more than ${MAX_FILES} files cannot be uploaded`);
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, bytes, { flag: offset === 0 ? 'w' : 'a' });
    sizes.set(relative, received + bytes.length);
    this.files.set(importId, sizes);
    return { received: received + bytes.length, path: target };
  }

  /** True when `file` is a staged file of this import (then the import removes them when it ends). */
  holds(importId: string, file: string): boolean {
    const relative = path.relative(this.folderOf(importId), path.resolve(file));
    return this.files.has(importId) && !relative.startsWith('..') && !path.isAbsolute(relative);
  }

  /** Removes an import's staged files. */
  async remove(importId: string): Promise<void> {
    this.files.delete(importId);
    await fs.rm(this.folderOf(importId), { recursive: true, force: true });
  }

  private folderOf(importId: string): string {
    return path.join(this.root, importId);
  }
}

/** `photos/a.jpg` as given by the page, refused when it is absolute or climbs out (`..`). */
function checkedPath(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/');
  const bad = parts.some(
    (part) => part === '' || part === '.' || part === '..' || /[\p{Cc}:*?"<>|]/u.test(part),
  );
  if (bad || file.startsWith('/') || parts.length > 16) {
    throw new StagingRefused(`${JSON.stringify(file)} is not a file's path inside the export's folder`);
  }
  return parts.join('/');
}
