import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/** A file the page may download: an export or report the api prepared. */
export interface Downloadable {
  readonly path: string;
  readonly name: string;
  readonly mediaType: string;
}

export const DOWNLOAD_PREFIX = '/download/';

/**
 * Sends a prepared export or report as an attachment (only after the server has checked the token, like
 * every request). Unknown handles are 404: a handle is a random UUID the page got from export.prepare.
 */
export async function sendDownload(
  response: ServerResponse,
  method: string,
  found: Downloadable | undefined,
): Promise<void> {
  if (found === undefined) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('That export is gone: make it again\n');
    return;
  }
  const { size } = await stat(found.path);
  const name = path.basename(found.name);
  response.writeHead(200, {
    'Content-Type': found.mediaType,
    'Content-Length': size,
    // An ASCII fallback, and the real name for browsers that read RFC 5987.
    'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'Cache-Control': 'no-store',
  });
  if (method === 'HEAD') return void response.end();
  createReadStream(found.path)
    .on('error', () => response.destroy())
    .pipe(response);
}
