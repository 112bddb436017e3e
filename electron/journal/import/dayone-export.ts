import { isJournalTime } from '../../../shared/journal/index.js';
import { importedMessageId } from './entry-ids.js';
import {
  isRecord,
  keyPath,
  Problems,
  type MentionedFile,
  type ParsedEntry,
  type ParsedExport,
} from './parsed-export.js';

/**
 * Day One's JSON export (File > Export > JSON; a zip with `Journal.json` and the media folders):
 * `{"metadata": {"version": "1.0"}, "entries": [...]}`, each entry with `uuid` (32 hex digits),
 * `creationDate` (UTC, `2019-06-14T18:22:05Z`), `text` (Markdown; a picture shows where it sits as
 * `![](dayone-moment://<identifier>)`), `tags`, `starred`, `timeZone`, `location`, and `photos`
 * (`identifier`, `md5`, `type` such as `jpeg`, `width`, `height`) whose files are `photos/<md5>.<type>`;
 * likewise `videos/`, `audios/` and `pdfs/` for `videos`, `audios` and `pdfAttachments`.
 *
 * The pictures and files become the message's attachments (in their order in the entry) and their
 * `dayone-moment` marks leave the text; starred entries are pinned; the place is kept as a last line.
 */
export function parseDayOneExport(json: unknown): ParsedExport {
  const problems = new Problems();
  if (!isRecord(json) || !Array.isArray(json.entries)) {
    problems.add(
      isRecord(json) ? 'entries' : 'the file',
      "must be a list of entries, as Day One's Journal.json has",
    );
    return { from: 'dayone', title: null, entries: [], problems: problems.list };
  }
  const entries: ParsedEntry[] = [];
  const seen = new Map<string, string>();
  for (const [index, entry] of (json.entries as readonly unknown[]).entries()) {
    const where = keyPath('entries', index);
    if (!isRecord(entry)) {
      problems.add(where, 'must be an object with uuid, creationDate and text');
      continue;
    }
    const parsed = parseEntry(entry, where, problems);
    if (parsed === undefined) continue;
    const earlier = seen.get(parsed.sourceId);
    if (earlier !== undefined) {
      problems.add(keyPath(where, 'uuid'), `repeats the uuid of ${earlier}`);
      continue;
    }
    seen.set(parsed.sourceId, where);
    entries.push(parsed);
  }
  return { from: 'dayone', title: null, entries, problems: problems.list };
}

const UUID = /^[0-9A-Fa-f]{32}$/;
const MOMENT = /!\[[^\]]*\]\(dayone-moment:\/{1,2}[^)]*\)[ \t]*\n?/g;

/** Day One's media lists, the folder their files are in, and the key their extension is under. */
const MEDIA = [
  { key: 'photos', folder: 'photos', extension: 'type' },
  { key: 'videos', folder: 'videos', extension: 'type' },
  { key: 'audios', folder: 'audios', extension: 'format' },
  { key: 'pdfAttachments', folder: 'pdfs', extension: 'type' },
] as const;

function parseEntry(
  entry: Readonly<Record<string, unknown>>,
  where: string,
  problems: Problems,
): ParsedEntry | undefined {
  const uuid = entry.uuid;
  if (typeof uuid !== 'string' || !UUID.test(uuid)) {
    problems.add(keyPath(where, 'uuid'), "must be the entry's id, 32 hex digits");
  }
  const at = timeOf(entry.creationDate);
  if (at === undefined)
    problems.add(keyPath(where, 'creationDate'), 'must be a UTC time like 2019-06-14T18:22:05Z');
  if (entry.text !== undefined && typeof entry.text !== 'string')
    problems.add(keyPath(where, 'text'), 'must be a string');
  const tags = entry.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) {
    problems.add(keyPath(where, 'tags'), 'must be a list of strings');
  }
  if (entry.starred !== undefined && typeof entry.starred !== 'boolean') {
    problems.add(keyPath(where, 'starred'), 'must be true or false');
  }
  const files = mediaOf(entry, where, problems);
  if (typeof uuid !== 'string' || !UUID.test(uuid) || at === undefined || files === undefined)
    return undefined;
  const text = (typeof entry.text === 'string' ? entry.text : '')
    .replace(MOMENT, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const place = placeOf(entry.location);
  return {
    where,
    sourceId: uuid,
    message: importedMessageId('dayone', uuid.toUpperCase()),
    at,
    text: place === undefined ? text : `${text}${text.length > 0 ? '\n\n' : ''}📍 ${place}`,
    files,
    tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
    pinned: entry.starred === true,
  };
}

/** Day One writes `2019-06-14T18:22:05Z`; a journal time has milliseconds. */
function timeOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(value))
    return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return undefined;
  const iso = time.toISOString();
  return isJournalTime(iso) && iso.slice(0, 19) === value.slice(0, 19) ? iso : undefined;
}

function mediaOf(
  entry: Readonly<Record<string, unknown>>,
  where: string,
  problems: Problems,
): MentionedFile[] | undefined {
  const files: { order: number; file: MentionedFile }[] = [];
  let ok = true;
  for (const { key, folder, extension } of MEDIA) {
    const list = entry[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.add(keyPath(where, key), 'must be a list');
      ok = false;
      continue;
    }
    for (const [index, item] of (list as readonly unknown[]).entries()) {
      const at = keyPath(where, key, index);
      if (!isRecord(item) || typeof item.md5 !== 'string' || !/^[0-9a-fA-F]{32}$/.test(item.md5)) {
        problems.add(keyPath(at, 'md5'), "must be the file's MD5, 32 hex digits (its name in the export)");
        ok = false;
        continue;
      }
      const type = typeof item[extension] === 'string' ? item[extension].toLowerCase() : undefined;
      const base = `${folder}/${item.md5.toLowerCase()}`;
      const name = typeof item.filename === 'string' && item.filename.length > 0 ? item.filename : undefined;
      files.push({
        order: typeof item.orderInEntry === 'number' ? item.orderInEntry : files.length,
        file: {
          path: type === undefined ? base : `${base}.${type}`,
          alternatives: [`${folder}/${item.md5.toUpperCase()}`, base],
          ...(name === undefined ? {} : { name }),
          ...(typeof item.width === 'number' && typeof item.height === 'number' && key === 'photos'
            ? { width: item.width, height: item.height }
            : {}),
        },
      });
    }
  }
  return ok ? files.sort((a, b) => a.order - b.order).map(({ file }) => file) : undefined;
}

function placeOf(location: unknown): string | undefined {
  if (!isRecord(location)) return undefined;
  const parts = [
    location.placeName,
    location.localityName,
    location.administrativeArea,
    location.country,
  ].filter((part): part is string => typeof part === 'string' && part.trim().length > 0);
  return parts.length === 0 ? undefined : [...new Set(parts)].join(', ');
}
