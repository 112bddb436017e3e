import fs from 'node:fs/promises';
import path from 'node:path';
import { attachmentPath, readJournalEvent, type AttachmentRef } from '../../../shared/journal/index.js';
import type { EventStore } from '../../store/index.js';
import { hashFile } from './attachment-files.js';

/** An attachment some message names whose file is not as named: missing, or with other bytes. */
export interface AttachmentProblem {
  readonly sha256: string;
  /** Where its file should be, relative to the folder. */
  readonly file: string;
  readonly name: string;
  /** The first event that names it. */
  readonly position: number;
  readonly problem: 'missing' | 'changed';
  /** For a changed file: the SHA-256 its bytes have now. */
  readonly actual?: string;
}

export interface AttachmentReport {
  /** Different files the journal's events name. */
  readonly referenced: number;
  readonly bytes: number;
  readonly problems: readonly AttachmentProblem[];
  /** Files under attachments/ that no event names (after an edit removed them, say): information only. */
  readonly unreferenced: readonly string[];
}

const NAMING = ['MessagePosted', 'MessageEdited', 'MessageEditConflicted'];
const PAGE = 5000;

/**
 * Checks that every attachment the journal's events name is in the folder with the bytes its hash says
 * (docs/JOURNAL.md), and lists the files nobody names. Reads the events through the store, so damaged
 * lines are skipped as every reader skips them; reads each file once.
 */
export async function verifyAttachments(
  store: Pick<EventStore, 'readAll' | 'folder'>,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<AttachmentReport> {
  const named = new Map<string, { ref: AttachmentRef; position: number }>();
  let from: number | null = 1;
  while (from !== null) {
    const page = await store.readAll({ from, limit: PAGE, types: NAMING });
    for (const event of page.events) {
      const reading = readJournalEvent(event.type, event.data);
      if (reading.kind !== 'journal' || !('attachments' in reading.event.data)) continue;
      for (const ref of reading.event.data.attachments) {
        if (!named.has(ref.sha256)) named.set(ref.sha256, { ref, position: event.position });
      }
    }
    from = page.next;
  }
  const total = [...named.values()].reduce((sum, { ref }) => sum + ref.size, 0);
  let done = 0;
  const problems: AttachmentProblem[] = [];
  for (const [sha256, { ref, position }] of named) {
    const file = attachmentPath(sha256);
    const where = { sha256, file, name: ref.name, position };
    let actual: string;
    try {
      actual = await hashFile(path.join(store.folder, file));
    } catch {
      problems.push({ ...where, problem: 'missing' });
      continue;
    } finally {
      done += ref.size;
      onProgress(done, total);
    }
    if (actual !== sha256) problems.push({ ...where, problem: 'changed', actual });
  }
  return {
    referenced: named.size,
    bytes: total,
    problems,
    unreferenced: (await storedFiles(store.folder)).filter((file) => !named.has(path.posix.basename(file))),
  };
}

/** Every file under attachments/, relative to the folder, with forward slashes. */
async function storedFiles(folder: string): Promise<string[]> {
  const root = path.join(folder, 'attachments');
  let entries;
  try {
    entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
