import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { ScanStrings, parseLines, transferables } from './line-parser.js';

/**
 * Worker-thread side of a parallel open: parses byte ranges of segments and sends back the index
 * fields of their lines, chunk by chunk, while the main thread scans the other part of the log.
 */
export interface ScanRange {
  readonly segment: string;
  readonly from: number;
  readonly to: number;
}

export interface ScanRequest {
  readonly id: number;
  readonly log: string;
  readonly ranges: readonly ScanRange[];
  readonly strict: boolean;
}

/** Room for the longest line (1 MiB) wherever a chunk starts. */
const CHUNK_BYTES = 2 * 1024 * 1024;
const FIRST_CHUNK_BYTES = 256 * 1024;

function scan(request: ScanRequest): void {
  const port = parentPort;
  if (port === null) return;
  const names = new ScanStrings();
  try {
    for (const range of request.ranges) {
      const fd = fs.openSync(path.join(request.log, range.segment), 'r');
      try {
        let at = range.from;
        // Small chunks first, so that a progressive open can show the first events within milliseconds.
        let chunkBytes = FIRST_CHUNK_BYTES;
        while (at < range.to) {
          const size = Math.min(chunkBytes, range.to - at);
          const buffer = Buffer.allocUnsafeSlow(size);
          const read = fs.readSync(fd, buffer, 0, buffer.length, at);
          const parsed = parseLines(range.segment, buffer.subarray(0, read), at, request.strict, names);
          if (parsed.count === 0) {
            // A first chunk shorter than its first line: try again with room for any line.
            if (chunkBytes < CHUNK_BYTES && size === chunkBytes) {
              chunkBytes = CHUNK_BYTES;
              continue;
            }
            // No complete line at all (a torn end, a file that shrank): the main thread reads the rest.
            return port.postMessage({ id: request.id, done: true });
          }
          chunkBytes = CHUNK_BYTES;
          port.postMessage({ id: request.id, parsed }, transferables(parsed));
          at = parsed.end;
        }
      } finally {
        fs.closeSync(fd);
      }
    }
    port.postMessage({ id: request.id, done: true });
  } catch (error) {
    port.postMessage({ id: request.id, done: true, error: String(error) });
  }
}

parentPort?.on('message', (request: ScanRequest) => scan(request));
