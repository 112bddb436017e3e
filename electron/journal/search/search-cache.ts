import fs from 'node:fs/promises';
import path from 'node:path';
import { CACHE_DIR } from '../../store/folder-layout.js';
import { writeFileAtomicWith } from '../../store/atomic-file.js';
import { SEARCH_INDEX_VERSION, type MessageIndexData } from './message-index.js';
import type { SearchCacheHeader } from './search-worker-protocol.js';

/** Where a folder's search index is saved: derived data, in its cache/ (deleting it loses nothing). */
export function searchCacheFile(folder: string): string {
  return path.join(folder, CACHE_DIR, 'journal-search', 'index.json');
}

/**
 * The cache file is a header line (SearchCacheHeader) and then the index's data as one line of JSON, so
 * that the header is read and checked without parsing the rest; it is written to a temp file, fsynced and
 * renamed, so a crash leaves the old file or the new one. The data comes in pieces (`dataJson`, joined:
 * `JSON.stringify(data)`) and is written as it comes, so that a save never holds the whole text.
 */
export async function writeSearchCache(
  file: string,
  header: SearchCacheHeader,
  dataJson: Iterable<string>,
): Promise<number> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  return writeFileAtomicWith(file, async (handle) => {
    let bytes = 0;
    // One buffer for every write: a fresh one per megabyte would leave freed memory the allocator keeps.
    const buffer = Buffer.allocUnsafeSlow(WRITE_CHUNK * 3 + 1024);
    let pending = `${JSON.stringify(header)}\n`;
    const write = async (): Promise<void> => {
      const size = Buffer.byteLength(pending);
      const chunk = size <= buffer.length ? buffer.subarray(0, buffer.write(pending)) : Buffer.from(pending);
      pending = '';
      bytes += chunk.length;
      await handle.write(chunk);
    };
    for (const piece of dataJson) {
      pending += piece;
      if (pending.length >= WRITE_CHUNK) await write();
    }
    pending += '\n';
    await write();
    return bytes;
  });
}

/** Characters of JSON gathered before a write: large enough for few system calls, small beside the index. */
const WRITE_CHUNK = 1 << 20;

/**
 * The saved index, or undefined when there is none this code can use (missing, cut short, damaged, or
 * written by another version): the index is then rebuilt from the log.
 */
export async function readSearchCache(
  file: string,
): Promise<{ readonly header: SearchCacheHeader; readonly data: MessageIndexData } | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const newline = text.indexOf('\n');
  if (newline === -1) return undefined;
  try {
    const header = JSON.parse(text.slice(0, newline)) as SearchCacheHeader;
    if (header.format !== 'eventfold-journal-search' || header.version !== SEARCH_INDEX_VERSION)
      return undefined;
    const data = JSON.parse(text.slice(newline + 1)) as MessageIndexData;
    if (!Array.isArray(data.entries) || typeof data.index !== 'object') return undefined;
    return { header, data };
  } catch {
    return undefined;
  }
}
