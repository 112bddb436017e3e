import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewImport, runImport, type ImportProgress } from '../../../electron/journal/import/index.js';
import { attachmentPath, JournalError } from '../../../shared/journal/index.js';
import { emptyJournal, FIXTURES, fixtureCopy, posts } from './import-fixture.js';

const EXPORT = path.join(FIXTURES, 'telegram-saved', 'result.json');
const importInto = (
  store: Awaited<ReturnType<typeof emptyJournal>>,
  file = EXPORT,
  onProgress?: (p: ImportProgress) => void,
) =>
  runImport(store, {
    import: 'i1',
    path: file,
    from: 'telegram',
    channel: { kind: 'new', channel: 'saved', name: 'Saved Messages' },
    timeZone: 'Europe/Oslo',
    now: () => '2026-03-01T08:00:00.000Z',
    ...(onProgress === undefined ? {} : { onProgress }),
  });

describe("importing Telegram Desktop's chat export", () => {
  it('posts every message at its time with Markdown for its formatting, its photos and files attached', async () => {
    const store = await emptyJournal();
    const progress: ImportProgress[] = [];
    const outcome = await importInto(store, EXPORT, (p) => progress.push(p));
    expect(outcome).toEqual({
      import: 'i1',
      channel: 'saved',
      added: 7,
      skipped: 0,
      attachments: 2,
      firstTime: '2019-06-14T18:22:05.000Z',
      lastTime: '2019-06-15T09:30:00.000Z',
    });
    const found = await posts(store);
    expect(found.map((post) => [post.message, post.at, post.text])).toEqual([
      ['tg-5012345678-101', '2019-06-14T18:22:05.000Z', 'Harbour at dusk #oslo'],
      [
        'tg-5012345678-102',
        '2019-06-14T18:30:41.000Z',
        'Remember: **book the ferry** before Friday, see [the timetable](<https://example.com/ferry>). 5\\*3 = 15',
      ],
      ['tg-5012345678-104', '2019-06-15T07:05:12.000Z', 'Booked! Café on deck 🎉'],
      ['tg-5012345678-105', '2019-06-15T07:10:00.000Z', ''],
      [
        'tg-5012345678-106',
        '2019-06-15T07:12:30.000Z',
        'The view from the cabin\n\n(a photo was not in the export: File not included. Change data exporting settings to download.)',
      ],
      ['tg-5012345678-107', '2019-06-15T09:00:00.000Z', '⛴ (sticker)'],
      [
        'tg-5012345678-108',
        '2019-06-15T09:30:00.000Z',
        'Forwarded from Oslo Ferries\n\n📍 Aker Brygge, Stranden 1 · 59.9075, 10.7331',
      ],
    ]);
    expect(found[0]!.tags).toEqual(['oslo']);
    expect(found[2]!.replyTo).toBe('tg-5012345678-102');
    expect(found.every((post) => post.channel === 'saved')).toBe(true);
    expect(found[0]!.origin).toEqual({ app: 'telegram', id: '101' });
    expect(found[1]!.meta).toEqual({
      import: 'i1',
      importedFrom: 'telegram',
      file: 'result.json',
      editedAt: '2019-06-14T19:02:10.000Z',
    });

    const photo = fs.readFileSync(
      path.join(FIXTURES, 'telegram-saved', 'photos', 'photo_1@14-06-2019_18-22-05.jpg'),
    );
    const sha256 = createHash('sha256').update(photo).digest('hex');
    expect(found[0]!.attachments).toEqual([
      {
        sha256,
        size: photo.length,
        mediaType: 'image/jpeg',
        name: 'photo_1@14-06-2019_18-22-05.jpg',
        width: 4,
        height: 3,
      },
    ]);
    expect(fs.readFileSync(path.join(store.folder, attachmentPath(sha256)))).toEqual(photo);
    expect(found[3]!.attachments).toMatchObject([
      { mediaType: 'text/plain', name: 'packing list.txt', size: 26 },
    ]);

    expect(progress[0]).toEqual({ phase: 'reading', done: 0, total: 1 });
    expect(progress.at(-1)).toEqual({ phase: 'appending', done: 7, total: 7 });
    expect(progress.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1])).toEqual([
      'reading',
      'attachments',
      'appending',
    ]);
  });

  it('adds nothing the second time', async () => {
    const store = await emptyJournal();
    await importInto(store);
    const before = store.lastPosition;
    const again = await importInto(store);
    expect(again).toMatchObject({ added: 0, skipped: 7, attachments: 0 });
    expect(store.lastPosition).toBe(before);
    const preview = await previewImport(store, EXPORT, 'telegram', 'Europe/Oslo');
    expect(preview).toEqual({
      from: 'telegram',
      entries: 7,
      alreadyImported: 7,
      attachments: 2,
      firstTime: '2019-06-14T18:22:05.000Z',
      lastTime: '2019-06-15T09:30:00.000Z',
      title: 'Saved Messages',
      problems: [],
    });
  });

  it('finds result.json in the export folder named, and reads old exports by their local time', async () => {
    const folder = fixtureCopy('telegram-saved');
    const file = path.join(folder, 'result.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { messages: Record<string, unknown>[] };
    for (const message of json.messages) delete message.date_unixtime;
    fs.writeFileSync(file, JSON.stringify(json));
    const store = await emptyJournal();
    await importInto(store, folder);
    expect((await posts(store))[0]!.at).toBe('2019-06-14T18:22:05.000Z');
  });

  it('refuses a message without a readable time, naming it, and appends nothing', async () => {
    const store = await emptyJournal();
    const file = path.join(FIXTURES, 'malformed', 'telegram-bad-date.json');
    const refusal = await importInto(store, file).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(JournalError);
    expect((refusal as JournalError).code).toBe('ImportFailed');
    expect((refusal as JournalError).message).toBe(
      'telegram-bad-date.json is not a Telegram export this can import, nothing was imported: messages[1].date_unixtime must be the time in seconds since 1970, as a string of digits',
    );
    expect(store.lastPosition).toBe(0);
    const preview = await previewImport(store, file, 'telegram');
    expect(preview.problems).toEqual([
      {
        where: 'messages[1].date_unixtime',
        message: 'must be the time in seconds since 1970, as a string of digits',
      },
    ]);
  });

  it('refuses a file that is not a chat export, or not JSON, naming the line', async () => {
    const store = await emptyJournal();
    const notChat = await importInto(store, path.join(FIXTURES, 'jrnl', 'journal.json')).catch(
      (error: unknown) => error,
    );
    expect((notChat as Error).message).toContain('messages is missing: this is not a Telegram chat export');
    const broken = await importInto(
      store,
      path.join(FIXTURES, 'malformed', 'jrnl-trailing-comma.json'),
    ).catch((error: unknown) => error);
    expect((broken as Error).message).toBe(
      'jrnl-trailing-comma.json is not valid JSON at line 11, column 5: expected a property name in double quotes, found "}"',
    );
    expect(store.lastPosition).toBe(0);
  });
});
