import fs from 'node:fs/promises';
import path from 'node:path';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_NAME_LENGTH,
  MAX_ATTACHMENTS,
  MAX_MESSAGE_TEXT_LENGTH,
  normalizeTag,
  tagsInText,
} from '../../../shared/journal/index.js';
import { partId } from './entry-ids.js';
import { mediaTypeOf } from './media-types.js';
import type { MentionedFile, ParsedEntry } from './parsed-export.js';

/** A file found in the export, ready to store. */
export interface PlannedFile {
  readonly file: string;
  readonly size: number;
  readonly name: string;
  readonly mediaType: string;
  readonly width?: number;
  readonly height?: number;
}

/** One message an entry becomes (an entry longer than a message holds becomes several). */
export interface PlannedMessage {
  readonly message: string;
  readonly text: string;
  readonly files: readonly PlannedFile[];
}

/** An entry as it will be written: its messages, the tags to add to the first, and whether to pin it. */
export interface PlannedEntry {
  readonly where: string;
  readonly sourceId: string;
  readonly at: string;
  readonly parts: readonly PlannedMessage[];
  /** Normalised tags not already written in the first message's text. */
  readonly tags: readonly string[];
  readonly pinned: boolean;
  readonly replyTo?: string;
  readonly meta?: Readonly<Record<string, string>>;
}

/**
 * Turns parsed entries into messages: finds their files beside the export (a file that is missing, too
 * large or outside the export's folder becomes a line of text saying so, so nothing is silently lost),
 * normalises tags (those that cannot be journal tags are kept as a line of text), and splits texts longer
 * than a message holds, and more files than a message holds, over continuation messages. Entries with
 * nothing in them at all are left out.
 */
export async function planEntries(
  entries: readonly ParsedEntry[],
  folder: string,
  appName: string,
): Promise<PlannedEntry[]> {
  const planned: PlannedEntry[] = [];
  for (const entry of entries) {
    const files: PlannedFile[] = [];
    const notes: string[] = [];
    for (const mentioned of entry.files) {
      const found = await findFile(folder, mentioned);
      if (typeof found === 'string') notes.push(found);
      else files.push(found);
    }
    const { tags, unusable } = normaliseTags(entry.tags);
    if (unusable.length > 0) notes.push(`Tags in ${appName}: ${unusable.join(', ')}`);
    const text = [entry.text, ...notes].filter((part) => part.length > 0).join('\n\n');
    if (text.trim().length === 0 && files.length === 0) continue;
    const texts = splitText(text);
    const groups = chunk(files, MAX_ATTACHMENTS);
    const count = Math.max(texts.length, groups.length, 1);
    const parts = Array.from({ length: count }, (_, i) => ({
      message: partId(entry.message, i + 1),
      text: texts[i] ?? '',
      files: groups[i] ?? [],
    }));
    const inText = new Set(tagsInText(parts[0]!.text));
    planned.push({
      where: entry.where,
      sourceId: entry.sourceId,
      at: entry.at,
      parts,
      tags: tags.filter((tag) => !inText.has(tag)),
      pinned: entry.pinned,
      ...(entry.replyTo === undefined ? {} : { replyTo: entry.replyTo }),
      ...(entry.meta === undefined ? {} : { meta: entry.meta }),
    });
  }
  return planned;
}

/** The file on disk, or the line of text that says why it is not attached. */
async function findFile(folder: string, mentioned: MentionedFile): Promise<PlannedFile | string> {
  const candidates = [mentioned.path, ...(mentioned.alternatives ?? [])];
  for (const candidate of candidates) {
    const file = path.resolve(folder, candidate);
    if (path.relative(folder, file).startsWith('..') || path.isAbsolute(path.relative(folder, file))) {
      return `(${mentioned.path} was not imported: it is outside the export's folder)`;
    }
    const found = (await statFile(file)) ?? (await withAnyExtension(file));
    if (found === undefined) continue;
    // A link inside the export (to ~/.ssh, say) passes the check of its name: where it really leads counts.
    if (!(await realPathInside(folder, found.file))) {
      return `(${mentioned.path} was not imported: it is a link to a file outside the export's folder)`;
    }
    if (found.size > MAX_ATTACHMENT_BYTES) {
      return `(${mentioned.path} was not imported: it has ${Math.round(found.size / 2 ** 20)} MiB and an attachment holds at most ${MAX_ATTACHMENT_BYTES / 2 ** 20} MiB)`;
    }
    const mediaType = mediaTypeOf(found.file, mentioned.mediaType);
    const picture =
      mediaType.startsWith('image/') && validPixels(mentioned.width) && validPixels(mentioned.height);
    return {
      file: found.file,
      size: found.size,
      name: fileName(mentioned.name ?? path.basename(found.file)),
      mediaType,
      ...(picture ? { width: mentioned.width!, height: mentioned.height! } : {}),
    };
  }
  return `(${mentioned.path} is not in the export)`;
}

async function realPathInside(folder: string, file: string): Promise<boolean> {
  const [root, real] = await Promise.all([fs.realpath(folder), fs.realpath(file)]).catch(() => []);
  if (root === undefined || real === undefined) return false;
  const relative = path.relative(root, real);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function statFile(file: string): Promise<{ file: string; size: number } | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat?.isFile() === true ? { file, size: stat.size } : undefined;
}

/** `photos/<md5>` when the export did not say the extension: the file of that name with any extension. */
async function withAnyExtension(file: string): Promise<{ file: string; size: number } | undefined> {
  const dir = path.dirname(file);
  const base = path.basename(file).toLowerCase();
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const name = names.find((candidate) => candidate.toLowerCase().startsWith(`${base}.`));
  return name === undefined ? undefined : statFile(path.join(dir, name));
}

function validPixels(value: number | undefined): boolean {
  return value !== undefined && Number.isSafeInteger(value) && value >= 1 && value <= 1_000_000;
}

/** A name the journal accepts: no path separators or control characters, not too long. */
function fileName(name: string): string {
  const clean = name.replace(/[/\\\p{Cc}]/gu, '_').trim();
  if (clean.length === 0) return 'file';
  if (clean.length <= MAX_ATTACHMENT_NAME_LENGTH) return clean;
  const extension = path.extname(clean).slice(0, 20);
  return `${clean.slice(0, MAX_ATTACHMENT_NAME_LENGTH - extension.length)}${extension}`;
}

/** `@work` and `Road Trip` as journal tags (`work`, `road-trip`); what cannot be one is returned apart. */
function normaliseTags(tags: readonly string[]): { tags: string[]; unusable: string[] } {
  const normalised = new Set<string>();
  const unusable: string[] = [];
  for (const tag of tags) {
    const bare = tag
      .trim()
      .replace(/^[^\p{L}\p{N}]+/u, '')
      .replace(/\s+/g, '-');
    const journalTag = normalizeTag(bare);
    if (journalTag === undefined) unusable.push(tag);
    else normalised.add(journalTag);
  }
  return { tags: [...normalised], unusable };
}

/** Splits a text at paragraph, line or word ends into pieces a message holds. */
export function splitText(text: string, limit = MAX_MESSAGE_TEXT_LENGTH): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    // The last paragraph end in the second half of the piece, else the last line end, else word end.
    const late = (separator: string): number | undefined => {
      const at = window.lastIndexOf(separator);
      return at >= limit / 2 ? at : undefined;
    };
    let cut = late('\n\n') ?? late('\n') ?? late(' ') ?? limit;
    // Never between the two halves of a surrogate pair.
    const code = rest.charCodeAt(cut - 1);
    if (cut === limit && code >= 0xd800 && code <= 0xdbff) cut--;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
