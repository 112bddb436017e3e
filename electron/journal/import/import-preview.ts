import type { ImportPreview, ImportSource } from '../../../shared/journal/index.js';
import { JournalError } from '../../../shared/journal/index.js';
import { planEntries } from './import-plan.js';
import { messageFacts } from './journal-facts.js';
import type { ImportTarget } from './journal-import.js';
import { APP_NAMES, readExport } from './read-export.js';

/**
 * What importing a file would do, without doing it: how many entries it has and how many of them the
 * journal already has (from an earlier import), how many files it would attach, the time it spans, and
 * every problem that would stop it. A file that is not JSON answers its syntax error as a problem (with
 * its line); one that cannot be found or read is refused.
 */
export async function previewImport(
  target: ImportTarget,
  named: string,
  from: ImportSource,
  timeZone?: string,
): Promise<ImportPreview> {
  let read;
  try {
    read = await readExport(named, from, timeZone);
  } catch (error) {
    const where = error instanceof JournalError ? error.details.where : undefined;
    if (typeof where !== 'string') throw error;
    return { ...empty(from), problems: [{ where, message: (error as JournalError).message }] };
  }
  const { source, parsed } = read;
  if (parsed.problems.length > 0) return { ...empty(from), title: parsed.title, problems: parsed.problems };
  const entries = await planEntries(parsed.entries, source.folder, APP_NAMES[from]);
  let alreadyImported = 0;
  for (const entry of entries) {
    if ((await messageFacts(target, entry.parts[0]!.message)).exists) alreadyImported++;
  }
  const times = entries.map((entry) => entry.at).sort();
  return {
    from,
    entries: entries.length,
    alreadyImported,
    attachments: new Set(
      entries.flatMap((entry) => entry.parts.flatMap((part) => part.files.map((file) => file.file))),
    ).size,
    firstTime: times[0] ?? null,
    lastTime: times.at(-1) ?? null,
    title: parsed.title,
    problems: [],
  };
}

function empty(from: ImportSource): ImportPreview {
  return {
    from,
    entries: 0,
    alreadyImported: 0,
    attachments: 0,
    firstTime: null,
    lastTime: null,
    title: null,
    problems: [],
  };
}
