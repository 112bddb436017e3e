import fs from 'node:fs/promises';
import path from 'node:path';
import type { JournalDraft, JournalId } from '../../shared/journal/index.js';
import { journalArgs } from '../../shared/journal/index.js';
import { writeFileAtomic } from '../store/atomic-file.js';

/** The file name in the app's user data folder (next to the recent folders list and the trust file). */
export const JOURNAL_DRAFTS_FILE = 'journal-drafts.json';

/** Channels with a draft kept per folder: a draft older than all of these is forgotten first. */
const MAX_DRAFTS_PER_FOLDER = 200;

interface DraftsFile {
  /** By folder manifest id, then by channel. */
  folders: Record<string, Record<JournalId, JournalDraft>>;
}

/** One change at a time per file, whichever window makes it. */
const queues = new Map<string, Promise<unknown>>();

/**
 * What the composer held when it was left, per folder and channel, kept across restarts in the app's own
 * settings: never in the folder (a draft is not part of the journal, and the folder may be shared or
 * synced). Read again on every call, since another window may have changed it; a file that cannot be read
 * counts as no drafts, and a draft that no longer has the shape of one is left out.
 */
export class JournalDrafts {
  constructor(readonly file: string) {}

  list(folderId: string): Promise<{ channel: JournalId; draft: JournalDraft }[]> {
    return this.serialised(async () => {
      const drafts = (await this.read()).folders[folderId] ?? {};
      return Object.entries(drafts)
        .flatMap(([channel, draft]) => (isDraft(draft) ? [{ channel, draft }] : []))
        .sort((a, b) => (a.draft.updated < b.draft.updated ? 1 : -1));
    });
  }

  /** Keeps a channel's draft, or forgets it (null). */
  save(folderId: string, channel: JournalId, draft: JournalDraft | null): Promise<void> {
    return this.serialised(async () => {
      const file = await this.read();
      const drafts = { ...(file.folders[folderId] ?? {}) };
      if (draft === null) delete drafts[channel];
      else drafts[channel] = draft;
      const kept = Object.entries(drafts)
        .sort(([, a], [, b]) => (a.updated < b.updated ? 1 : -1))
        .slice(0, MAX_DRAFTS_PER_FOLDER);
      if (kept.length === 0) delete file.folders[folderId];
      else file.folders[folderId] = Object.fromEntries(kept);
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify(file, null, 1)}\n`);
    });
  }

  private async read(): Promise<DraftsFile> {
    try {
      const value = JSON.parse(await fs.readFile(this.file, 'utf8')) as Partial<DraftsFile> | null;
      if (typeof value?.folders === 'object' && value.folders !== null) return { folders: value.folders };
    } catch {
      // Missing or damaged: no drafts (they are a convenience, not data).
    }
    return { folders: Object.create(null) as DraftsFile['folders'] };
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const previous = queues.get(this.file) ?? Promise.resolve();
    const result = previous.then(work, work);
    queues.set(
      this.file,
      result.catch(() => undefined),
    );
    return result;
  }
}

function isDraft(value: unknown): value is JournalDraft {
  try {
    journalArgs.draftSave.parse({ channel: 'x', draft: value });
    return value !== null;
  } catch {
    return false;
  }
}
