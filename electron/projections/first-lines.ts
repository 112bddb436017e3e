import type { CheckedChunk } from '../store/index.js';

/**
 * A feed's first chunk (about 2 MiB) goes in two frames, its first lines up to about this many bytes and
 * then the rest: the sandbox, idle until it has lines, starts folding once the small frame is in, while the
 * rest comes through the pipe (which carries a few hundred KB each time the sandbox reads it).
 */
const FIRST_LINES_BYTES = 128 * 1024;

/**
 * A chunk as its first lines (about FIRST_LINES_BYTES) and the rest, when it is large and has no holes:
 * then it holds one line a position, first..last, and the head's last position is its count of lines on.
 */
export function firstLinesApart(chunk: CheckedChunk): [CheckedChunk, CheckedChunk | undefined] {
  if (chunk.holes.length > 0 || chunk.bytes.length <= 2 * FIRST_LINES_BYTES) return [chunk, undefined];
  const end = chunk.bytes.indexOf(0x0a, FIRST_LINES_BYTES - 1);
  if (end === -1 || end === chunk.bytes.length - 1) return [chunk, undefined];
  const head = chunk.bytes.subarray(0, end + 1);
  let lines = 0;
  for (let at = head.indexOf(0x0a); at !== -1; at = head.indexOf(0x0a, at + 1)) lines++;
  const last = chunk.first + lines - 1;
  if (last >= chunk.last) return [chunk, undefined];
  return [
    { first: chunk.first, last, bytes: head, holes: [] },
    { first: last + 1, last: chunk.last, bytes: chunk.bytes.subarray(end + 1), holes: [] },
  ];
}
