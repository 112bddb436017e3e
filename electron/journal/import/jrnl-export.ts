import { importedMessageId } from './entry-ids.js';
import { isRecord, keyPath, Problems, type ParsedEntry, type ParsedExport } from './parsed-export.js';
import { instantOf } from './wall-time.js';

/**
 * jrnl's JSON export (`jrnl --format json`, or `--export json`): `{"tags": {"@tag": count},
 * "entries": [...]}`, each entry with `title` (its first sentence or line), `body` (the rest), `date`
 * (`YYYY-MM-DD`) and `time` (`HH:MM`) as the journal's clock showed them, `tags` (with their tag symbol,
 * `@` by default) and `starred`; entries of a Day One backed journal also have a `uuid`.
 *
 * The text is written back as jrnl writes an entry, the title then the body on the next line. Tags are
 * added to the message (they are `@tags` in the text, which the journal does not read as tags); starred
 * entries are pinned. jrnl has no ids, so an entry is known again by its date, time and title.
 */
export function parseJrnlExport(json: unknown, timeZone: string): ParsedExport {
  const problems = new Problems();
  if (!isRecord(json) || !Array.isArray(json.entries)) {
    problems.add(
      isRecord(json) ? 'entries' : 'the file',
      'must be a list of entries, as `jrnl --format json` writes',
    );
    return { from: 'jrnl', title: null, entries: [], problems: problems.list };
  }
  const entries: ParsedEntry[] = [];
  const seen = new Map<string, number>();
  for (const [index, entry] of (json.entries as readonly unknown[]).entries()) {
    const where = keyPath('entries', index);
    if (!isRecord(entry)) {
      problems.add(where, 'must be an object with date, time, title and body');
      continue;
    }
    const parsed = parseEntry(entry, where, timeZone, problems);
    if (parsed === undefined) continue;
    // Two entries with the same minute and title (jrnl allows it) stay two messages.
    const count = (seen.get(parsed.sourceId) ?? 0) + 1;
    seen.set(parsed.sourceId, count);
    const sourceId = count === 1 ? parsed.sourceId : `${parsed.sourceId} #${count}`;
    entries.push({ ...parsed, sourceId, message: messageId(sourceId, entry.uuid) });
  }
  return { from: 'jrnl', title: null, entries, problems: problems.list };
}

function messageId(sourceId: string, uuid: unknown): string {
  return importedMessageId('jrnl', typeof uuid === 'string' && uuid.length > 0 ? uuid : sourceId);
}

function parseEntry(
  entry: Readonly<Record<string, unknown>>,
  where: string,
  timeZone: string,
  problems: Problems,
): Omit<ParsedEntry, 'message'> | undefined {
  const date = typeof entry.date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(entry.date) : null;
  if (date === null) problems.add(keyPath(where, 'date'), 'must be a day like 2019-06-14');
  const time = typeof entry.time === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(entry.time) : null;
  if (time === null) problems.add(keyPath(where, 'time'), 'must be a time like 18:22');
  if (typeof entry.title !== 'string') problems.add(keyPath(where, 'title'), 'must be a string');
  if (entry.body !== undefined && typeof entry.body !== 'string') {
    problems.add(keyPath(where, 'body'), 'must be a string');
  }
  const tags = entry.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) {
    problems.add(keyPath(where, 'tags'), 'must be a list of strings like "@work"');
  }
  if (entry.starred !== undefined && typeof entry.starred !== 'boolean') {
    problems.add(keyPath(where, 'starred'), 'must be true or false');
  }
  if (date === null || time === null || typeof entry.title !== 'string') return undefined;
  const [year, month, day] = date.slice(1).map(Number) as [number, number, number];
  const [hour, minute] = time.slice(1).map(Number) as [number, number];
  const checked = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (checked.getUTCDate() !== day || checked.getUTCHours() !== hour || checked.getUTCMinutes() !== minute) {
    problems.add(
      keyPath(where, 'date'),
      `${String(entry.date)} ${String(entry.time)} is not a time on the calendar`,
    );
    return undefined;
  }
  const body = typeof entry.body === 'string' ? entry.body.trim() : '';
  const title = entry.title.trim();
  return {
    where,
    sourceId: `${String(entry.date)} ${String(entry.time)} ${title}`,
    at: new Date(instantOf({ year, month, day, hour, minute }, timeZone)).toISOString(),
    text: body.length === 0 ? title : `${title}\n${body}`,
    files: [],
    tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
    pinned: entry.starred === true,
  };
}
