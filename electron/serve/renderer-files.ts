import { lstat, readFile, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf } from './content-types.js';

/** A built renderer file held in memory, ready to be written in one go. */
export interface RendererFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Its name carries a hash of its content (`assets/name-HASH.ext`), so a browser may keep it for good. */
  readonly immutable: boolean;
}

/** At most this much of the built renderer is held in memory (it is about 2 MB minified). */
const MAX_BYTES = 64 * 1024 * 1024;

// Vite's names for built assets: `assets/JournalPage-DDJGuxUP.js`.
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/**
 * The built renderer read into memory once, when the server starts: a page load asks for about fifteen
 * files at once, and reading each from disk (realpath, stat, open, reads, close: each a trip through
 * libuv's four-thread pool) made them queue behind one another and behind the folder's own reads while
 * the page waited. Only regular files inside the folder are taken (a link out of it is not followed);
 * anything missing here is looked up on disk as before.
 */
export async function loadRendererFiles(root: string): Promise<ReadonlyMap<string, RendererFile>> {
  const files = new Map<string, RendererFile>();
  let bytes = 0;
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await visit(full);
        continue;
      }
      if (!entry.isFile()) continue;
      const info = await lstat(full);
      if (bytes + info.size > MAX_BYTES) continue;
      const real = await realpath(full);
      if (!real.startsWith(root + path.sep)) continue;
      const body = await readFile(real);
      bytes += body.length;
      const name = path.relative(root, full).split(path.sep).join('/');
      files.set(name, { body, contentType: contentTypeOf(name), immutable: HASHED_ASSET.test(name) });
    }
  };
  await visit(root);
  return files;
}
