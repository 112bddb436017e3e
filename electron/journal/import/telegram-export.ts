import { importedMessageId } from './entry-ids.js';
import {
  isRecord,
  keyPath,
  Problems,
  type MentionedFile,
  type ParsedEntry,
  type ParsedExport,
} from './parsed-export.js';
import { telegramMarkdown } from './telegram-text.js';
import { instantOf } from './wall-time.js';

/**
 * Telegram Desktop's chat export (Settings > Advanced > Export Telegram data, or a chat's menu > Export
 * chat history, "Machine-readable JSON"): `result.json` beside folders of photos and files.
 *
 * A one-chat export is `{name, type, id, messages: [...]}` (Saved Messages have type `saved_messages`
 * and no name); a whole-account export holds chats in `chats.list`, of which Saved Messages are imported.
 * Each message has `id`, `type` ("message", or "service" for joins, pins and calls, which are not
 * entries), `date` (the exporting computer's local time, no zone) and, in exports since 2022,
 * `date_unixtime` (seconds, as a string), `edited`/`edited_unixtime` when edited, `text` (a string or an
 * array of strings and entities), `photo` or `file` (paths relative to the export, or a note in
 * parentheses when the file was not exported), `width`/`height`, `media_type`, `mime_type`,
 * `reply_to_message_id`, `forwarded_from`, `saved_from`, and for other media `location_information`,
 * `contact_information`, `poll`, `sticker_emoji`.
 */
export function parseTelegramExport(json: unknown, timeZone: string): ParsedExport {
  const problems = new Problems();
  const chat = chatOf(json, problems);
  if (chat === undefined) return { from: 'telegram', title: null, entries: [], problems: problems.list };
  const { value, where } = chat;
  const chatId = typeof value.id === 'number' || typeof value.id === 'string' ? String(value.id) : 'chat';
  const title =
    typeof value.name === 'string' ? value.name : value.type === 'saved_messages' ? 'Saved Messages' : null;
  const messages = value.messages as readonly unknown[];
  const entries: ParsedEntry[] = [];
  for (const [index, message] of messages.entries()) {
    const at = keyPath(where, 'messages', index);
    if (!isRecord(message)) {
      problems.add(at, 'must be an object, as Telegram writes each message');
      continue;
    }
    if (message.type !== 'message') continue;
    const entry = parseMessage(message, at, chatId, timeZone, problems);
    if (entry !== undefined) entries.push(entry);
  }
  // A reply keeps its link only when the message it answers is imported too (not a service message).
  const known = new Map(entries.map((entry) => [entry.sourceId, entry.message]));
  const linked = entries.map((entry) => {
    if (entry.replyTo === undefined) return entry;
    const { replyTo, ...rest } = entry;
    const original = known.get(replyTo);
    return original === undefined ? rest : { ...rest, replyTo: original };
  });
  return { from: 'telegram', title, entries: linked, problems: problems.list };
}

function chatOf(
  json: unknown,
  problems: Problems,
): { value: Readonly<Record<string, unknown>>; where: string } | undefined {
  if (!isRecord(json)) {
    problems.add('the file', "must be a JSON object, as Telegram's result.json is");
    return undefined;
  }
  if (Array.isArray(json.messages)) return { value: json, where: '' };
  const chats = isRecord(json.chats) ? json.chats.list : undefined;
  if (Array.isArray(chats)) {
    const saved = chats.findIndex((chat) => isRecord(chat) && chat.type === 'saved_messages');
    const chat: unknown = chats[saved];
    if (isRecord(chat) && Array.isArray(chat.messages)) {
      return { value: chat, where: keyPath('chats', 'list', saved) };
    }
    problems.add(
      'chats.list',
      'this whole-account export has no Saved Messages: export the chat you want on its own (its menu > Export chat history) and import that',
    );
    return undefined;
  }
  problems.add(
    'messages',
    'is missing: this is not a Telegram chat export (result.json has a "messages" list)',
  );
  return undefined;
}

function parseMessage(
  message: Readonly<Record<string, unknown>>,
  where: string,
  chatId: string,
  timeZone: string,
  problems: Problems,
): ParsedEntry | undefined {
  const id = message.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    problems.add(keyPath(where, 'id'), 'must be the message number Telegram gave it');
    return undefined;
  }
  const at = timeOf(message, 'date', where, timeZone, problems);
  const text = telegramMarkdown(Array.isArray(message.text_entities) ? message.text_entities : message.text);
  if (text === undefined) {
    problems.add(keyPath(where, 'text'), 'must be a string, or a list of strings and {"type", "text"} parts');
  }
  if (at === undefined || text === undefined) return undefined;
  const { files, notes } = mediaOf(message);
  const forwarded =
    typeof message.forwarded_from === 'string' ? `Forwarded from ${message.forwarded_from}` : undefined;
  const saved =
    forwarded === undefined && typeof message.saved_from === 'string'
      ? `Saved from ${message.saved_from}`
      : undefined;
  const body = [forwarded ?? saved, text, ...notes].filter((part) => part !== undefined && part.length > 0);
  const edited = timeOf(message, 'edited', where, timeZone, problems, false);
  const reply = message.reply_to_message_id;
  return {
    where,
    sourceId: String(id),
    message: importedMessageId('tg', `${chatId}-${id}`),
    at,
    text: body.join('\n\n'),
    files,
    tags: [],
    pinned: false,
    ...(typeof reply === 'number' ? { replyTo: String(reply) } : {}),
    ...(edited === undefined ? {} : { meta: { editedAt: edited } }),
  };
}

/** `date_unixtime` when the export has it (an instant); else `date`, a wall time of the exporting computer. */
function timeOf(
  message: Readonly<Record<string, unknown>>,
  key: 'date' | 'edited',
  where: string,
  timeZone: string,
  problems: Problems,
  required = true,
): string | undefined {
  const unix = message[`${key}_unixtime`];
  if (typeof unix === 'string' && /^\d{1,12}$/.test(unix)) return new Date(Number(unix) * 1000).toISOString();
  const wall = message[key];
  const found =
    typeof wall === 'string' ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(wall) : null;
  if (found !== null) {
    const [year, month, day, hour, minute, second] = found.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const instant = instantOf({ year, month, day, hour, minute, second }, timeZone);
    if (!Number.isNaN(instant)) return new Date(instant).toISOString();
  }
  if (required || wall !== undefined || unix !== undefined) {
    problems.add(
      keyPath(where, unix !== undefined ? `${key}_unixtime` : key),
      unix !== undefined
        ? 'must be the time in seconds since 1970, as a string of digits'
        : 'must be a time like 2019-06-14T18:22:05',
    );
  }
  return undefined;
}

/** A path to a file, or Telegram's note in parentheses for one it did not export. */
function exported(value: unknown): { path: string } | { note: string } | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  return value.startsWith('(') ? { note: value } : { path: value };
}

function mediaOf(message: Readonly<Record<string, unknown>>): { files: MentionedFile[]; notes: string[] } {
  const files: MentionedFile[] = [];
  const notes: string[] = [];
  const size =
    typeof message.width === 'number' && typeof message.height === 'number'
      ? { width: message.width, height: message.height }
      : {};
  const photo = exported(message.photo);
  if (photo !== undefined) {
    if ('path' in photo) files.push({ path: photo.path, mediaType: 'image/jpeg', ...size });
    else notes.push(`(a photo was not in the export: ${photo.note.slice(1, -1)})`);
  }
  if (message.media_type === 'sticker') {
    notes.push(
      typeof message.sticker_emoji === 'string' ? `${message.sticker_emoji} (sticker)` : '(sticker)',
    );
  } else {
    const file = exported(message.file);
    if (file !== undefined) {
      if ('path' in file) {
        const isPicture = typeof message.mime_type === 'string' && message.mime_type.startsWith('image/');
        files.push({
          path: file.path,
          ...(typeof message.file_name === 'string' ? { name: message.file_name } : {}),
          ...(typeof message.mime_type === 'string' ? { mediaType: message.mime_type } : {}),
          ...(isPicture ? size : {}),
        });
      } else notes.push(`(a file was not in the export: ${file.note.slice(1, -1)})`);
    }
  }
  notes.push(...otherMedia(message));
  return { files, notes };
}

/** Places, contacts and polls have no file: they are written into the text, so nothing is lost. */
function otherMedia(message: Readonly<Record<string, unknown>>): string[] {
  const lines: string[] = [];
  const place = [message.place_name, message.address].filter((part) => typeof part === 'string').join(', ');
  const location = isRecord(message.location_information) ? message.location_information : undefined;
  if (location !== undefined || place.length > 0) {
    const where =
      location !== undefined &&
      typeof location.latitude === 'number' &&
      typeof location.longitude === 'number'
        ? `${location.latitude}, ${location.longitude}`
        : '';
    lines.push(`📍 ${[place, where].filter((part) => part.length > 0).join(' · ')}`);
  }
  const contact = isRecord(message.contact_information) ? message.contact_information : undefined;
  if (contact !== undefined) {
    const name = [contact.first_name, contact.last_name]
      .filter((part) => typeof part === 'string' && part)
      .join(' ');
    const phone = typeof contact.phone_number === 'string' ? contact.phone_number : '';
    lines.push(`👤 ${[name, phone].filter((part) => part.length > 0).join(', ')}`);
  }
  const poll = isRecord(message.poll) ? message.poll : undefined;
  if (poll !== undefined && typeof poll.question === 'string') {
    const answers = Array.isArray(poll.answers) ? poll.answers.filter(isRecord) : [];
    lines.push(
      [
        `📊 ${poll.question}`,
        ...answers.map(
          (answer) =>
            `- ${String(answer.text)}${typeof answer.voters === 'number' ? ` (${answer.voters})` : ''}`,
        ),
      ].join('\n'),
    );
  }
  return lines;
}
