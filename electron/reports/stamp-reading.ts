import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { ReportStamp } from '../../shared/report-stamp.js';
import { ZERO_SHA256 } from '../../shared/report-stamp.js';
import { ReportError } from './report-error.js';
import { parseStamp } from './stamp-text.js';

const PROBE = 64 * 1024;
const READ_CHUNK = 1 << 20;
const SEALED = /"contentSha256":"([0-9a-f]{64})"/g;

/** A stamped file as read back: its stamp, and the content hash its bytes have now. */
export interface StampedFile {
  readonly stamp: ReportStamp;
  readonly contentSha256: string;
}

/**
 * Finds the stamp of an export or report, whatever its format (docs/REPORTS.md), and hashes the content
 * the way that format defines it. Exports of any size are read a chunk at a time.
 */
export async function readStampedFile(file: string): Promise<StampedFile> {
  const handle = await fs.open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ReportError('NotStamped', `Cannot read ${file}: ${error.code ?? error.message}`);
  });
  try {
    const { size } = await handle.stat();
    const head = await readAt(handle, 0, Math.min(size, PROBE));
    if (head.subarray(0, 5).toString('latin1') === '%PDF-')
      return sealed(file, await handle.readFile(), pdfStamp);
    if (head.includes('<meta name="eventfold-stamp"'))
      return sealed(file, await handle.readFile(), htmlStamp);
    if (head.subarray(0, 30).toString('latin1') === '{"eventfold":"eventfold-stamp"') {
      const end = head.indexOf(0x0a);
      if (end === -1) throw notStamped(file, 'its first line (the stamp) does not end');
      const stamp = parseStamp(head.toString('utf8', 0, end).trimEnd(), file);
      return { stamp, contentSha256: await hashRange(handle, end + 1, size) };
    }
    const tailStart = Math.max(0, size - PROBE);
    const tail = await readAt(handle, tailStart, size - tailStart);
    const lastLine = lastLineOf(tail);
    if (lastLine === undefined) throw notStamped(file, 'it has no Eventfold stamp');
    const text = tail.toString(
      'utf8',
      lastLine,
      tail[tail.length - 1] === 0x0a ? tail.length - 1 : tail.length,
    );
    const json = stampInLine(text);
    if (json === undefined) throw notStamped(file, 'it has no Eventfold stamp');
    return { stamp: parseStamp(json, file), contentSha256: await hashRange(handle, 0, tailStart + lastLine) };
  } finally {
    await handle.close();
  }
}

/** The stamp's JSON in a last line: CSV's comment, Markdown's comment, or the JSON document's last key. */
function stampInLine(line: string): string | undefined {
  if (line.startsWith('# eventfold {')) return line.slice('# eventfold '.length);
  if (line.startsWith('<!-- eventfold {') && line.endsWith(' -->'))
    return line.slice('<!-- eventfold '.length, -' -->'.length);
  if (line.startsWith('"eventfold":{') && line.endsWith('}}')) return line.slice('"eventfold":'.length, -1);
  return undefined;
}

function lastLineOf(tail: Buffer): number | undefined {
  const end = tail[tail.length - 1] === 0x0a ? tail.length - 1 : tail.length;
  if (end <= 0) return undefined;
  const newline = tail.lastIndexOf(0x0a, end - 1);
  return newline + 1;
}

/** HTML and PDF: the content hash is of the whole file with the hash written as zeros. */
function sealed(file: string, bytes: Buffer, stampOf: (text: string) => string | undefined): StampedFile {
  const text = bytes.toString('latin1');
  const json = stampOf(text);
  if (json === undefined) throw notStamped(file, 'its Eventfold stamp cannot be found');
  const stamp = parseStamp(json, file);
  return { stamp, contentSha256: sha256(zeroed(bytes)) };
}

/** The bytes with every stamped content hash written as zeros, as they were when it was taken. */
export function zeroed(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const text = bytes.toString('latin1');
  for (const match of text.matchAll(SEALED)) {
    const at = match.index + match[0].length - 65;
    copy.write(ZERO_SHA256, at, 'latin1');
  }
  return copy;
}

/** Writes the content hash into a document made with zeros in its place. */
export function seal(bytes: Buffer): Buffer {
  const hash = sha256(bytes);
  const text = bytes.toString('latin1');
  const copy = Buffer.from(bytes);
  for (const match of text.matchAll(SEALED)) copy.write(hash, match.index + match[0].length - 65, 'latin1');
  return copy;
}

function htmlStamp(text: string): string | undefined {
  return /<meta name="eventfold-stamp" content='([^']*)'>/.exec(text)?.[1];
}

/** The custom /EventfoldStamp entry of the document information: an ASCII literal string. */
function pdfStamp(text: string): string | undefined {
  const reference = /\/EventfoldStamp (\d+) 0 R/.exec(text);
  let at: number;
  if (reference === null) {
    const inline = text.indexOf('/EventfoldStamp (');
    if (inline === -1) return undefined;
    at = inline + '/EventfoldStamp '.length;
  } else {
    const object = text.indexOf(`\n${reference[1]} 0 obj\n`);
    if (object === -1) return undefined;
    at = text.indexOf('(', object);
  }
  return pdfLiteral(text, at);
}

function pdfLiteral(text: string, open: number): string | undefined {
  let depth = 0;
  let out = '';
  for (let i = open; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') {
      const next = text[++i];
      out += next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : (next ?? '');
      continue;
    }
    if (char === '(') {
      if (depth++ === 0) continue;
    } else if (char === ')') {
      if (--depth === 0) return out;
    }
    out += char;
  }
  return undefined;
}

async function hashRange(handle: fs.FileHandle, start: number, end: number): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(READ_CHUNK);
  for (let at = start; at < end;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(READ_CHUNK, end - at), at);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    at += bytesRead;
  }
  return hash.digest('hex');
}

async function readAt(handle: fs.FileHandle, start: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, start);
  return buffer.subarray(0, bytesRead);
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function notStamped(file: string, why: string): ReportError {
  return new ReportError('NotStamped', `${file} cannot be verified: ${why}`);
}
