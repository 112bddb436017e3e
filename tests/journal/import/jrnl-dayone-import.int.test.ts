import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewImport, runImport, type ImportOptions } from '../../../electron/journal/import/index.js';
import { JournalCommandHandler } from '../../../electron/journal/index.js';
import { attachmentPath, type JournalError } from '../../../shared/journal/index.js';
import { emptyJournal, FIXTURES, fixtureCopy, marks, posts } from './import-fixture.js';

type Store = Awaited<ReturnType<typeof emptyJournal>>;

function importInto(store: Store, options: Partial<ImportOptions> & Pick<ImportOptions, 'path' | 'from'>) {
  return runImport(store, {
    import: 'i1',
    channel: { kind: 'new', channel: 'imported', name: 'Imported' },
    timeZone: 'Europe/Oslo',
    now: () => '2026-03-01T08:00:00.000Z',
    ...options,
  });
}

const JRNL = { path: path.join(FIXTURES, 'jrnl', 'journal.json'), from: 'jrnl' } as const;
const DAYONE = { path: path.join(FIXTURES, 'dayone'), from: 'dayone' } as const;

describe("importing jrnl's JSON export", () => {
  it('posts title and body at the local time, adds the tags, pins starred entries, and keeps same-minute twins apart', async () => {
    const store = await emptyJournal();
    const outcome = await importInto(store, JRNL);
    expect(outcome).toMatchObject({ added: 4, skipped: 0, attachments: 0 });
    const found = await posts(store);
    expect(found.map((post) => post.text)).toEqual([
      'Started the new job today.\nMet the team. Lunch at the café downstairs with @work people.',
      'Quiet Sunday',
      'Quiet Sunday\nSecond entry with the same minute and title.',
      'Retro went well.\nNotes:\n- ship smaller\n- write it down\n\n@work',
    ]);
    // 18:45 in Oslo in March is 17:45 UTC; 02:30 on the night the clocks go back is one of its two instants.
    expect(found[0]!.at).toBe('2021-03-01T17:45:00.000Z');
    expect(['2021-10-31T00:30:00.000Z', '2021-10-31T01:30:00.000Z']).toContain(found[3]!.at);
    expect(new Set(found.map((post) => post.message)).size).toBe(4);
    expect(found[0]!.origin).toEqual({ app: 'jrnl', id: '2021-03-01 18:45 Started the new job today.' });
    expect(found[2]!.origin).toEqual({ app: 'jrnl', id: '2021-03-07 10:00 Quiet Sunday #2' });
    const first = found[0]!.message;
    expect(await marks(store, 'TagAdded')).toEqual(
      expect.arrayContaining([
        [first, 'work'],
        [found[2]!.message, 'family'],
        [found[3]!.message, 'work'],
      ]),
    );
    expect(await marks(store, 'MessagePinned')).toEqual([[first]]);
  });

  it('adds nothing the second time, not even a tag removed since', async () => {
    const store = await emptyJournal();
    await importInto(store, JRNL);
    const first = (await posts(store))[0]!.message;
    await new JournalCommandHandler(store).handle({
      type: 'RemoveTag',
      message: first,
      tag: 'work',
      at: '2026-03-02T08:00:00.000Z',
    });
    const before = store.lastPosition;
    expect(await importInto(store, JRNL)).toMatchObject({ added: 0, skipped: 4 });
    expect(store.lastPosition).toBe(before);
  });

  it('refuses an entry without a time, naming it, and appends nothing', async () => {
    const store = await emptyJournal();
    const refusal = (await importInto(store, {
      ...JRNL,
      path: path.join(FIXTURES, 'malformed', 'jrnl-missing-time.json'),
    }).catch((error: unknown) => error)) as JournalError;
    expect(refusal.code).toBe('ImportFailed');
    expect(refusal.message).toBe(
      'jrnl-missing-time.json is not a jrnl export this can import, nothing was imported: entries[1].time must be a time like 18:22',
    );
    expect(refusal.details.problems).toEqual([
      { where: 'entries[1].time', message: 'must be a time like 18:22' },
    ]);
    expect(store.lastPosition).toBe(0);
  });
});

describe("importing Day One's JSON export", () => {
  it('attaches the photos in their order in the entry, takes their marks out of the text, and keeps the place', async () => {
    const store = await emptyJournal();
    const outcome = await importInto(store, DAYONE);
    expect(outcome).toMatchObject({
      added: 3,
      skipped: 0,
      attachments: 2,
      firstTime: '2019-06-14T18:22:05.000Z',
    });
    const [flat, run, missing] = await posts(store);
    expect(flat!.message).toBe('dayone-4F2A9C81D3E54B7A9C0D1E2F3A4B5C6D');
    expect(flat!.origin).toEqual({ app: 'dayone', id: '4F2A9C81D3E54B7A9C0D1E2F3A4B5C6D' });
    // A tag the journal cannot take as a tag (it starts with a digit) is kept as a line of text.
    expect(flat!.text).toBe(
      '# First day in the new flat\n\nBoxes everywhere\\. The light in the kitchen is lovely\\.\n\n📍 Grünerløkka, Oslo, Norway\n\nTags in Day One: 2019',
    );
    const photos = ['fafd5b7231f114c5a0c1c7cc5ba286ac.jpeg', 'de34adc953953bc3b1e4125ccc1c74b6.png'].map(
      (name) => fs.readFileSync(path.join(FIXTURES, 'dayone', 'photos', name)),
    );
    const hashes = photos.map((bytes) => createHash('sha256').update(bytes).digest('hex'));
    expect(flat!.attachments).toEqual([
      {
        sha256: hashes[0],
        size: 73,
        mediaType: 'image/jpeg',
        name: 'fafd5b7231f114c5a0c1c7cc5ba286ac.jpeg',
        width: 3,
        height: 2,
      },
      {
        sha256: hashes[1],
        size: 73,
        mediaType: 'image/png',
        name: 'de34adc953953bc3b1e4125ccc1c74b6.png',
        width: 2,
        height: 2,
      },
    ]);
    for (const [i, hash] of hashes.entries()) {
      expect(fs.readFileSync(path.join(store.folder, attachmentPath(hash)))).toEqual(photos[i]);
    }
    expect(run!.text).toBe('Morning run along the river. #running');
    expect(run!.tags).toEqual(['running']);
    expect(missing!.text).toBe(
      'A photo that did not make it into the export\n\n(photos/0123456789abcdef0123456789abcdef.jpeg is not in the export)',
    );
    expect(await marks(store, 'TagAdded')).toEqual(
      expect.arrayContaining([
        [flat!.message, 'home'],
        [flat!.message, 'road-trip'],
      ]),
    );
    expect((await marks(store, 'TagAdded')).some(([message]) => message === run!.message)).toBe(false);
    expect(await marks(store, 'MessagePinned')).toEqual([[flat!.message]]);
  });

  it('attaches no file that a link in the export leads out of its folder to', async () => {
    const store = await emptyJournal();
    const copy = fixtureCopy('dayone');
    const secret = path.join(path.dirname(copy), 'id_rsa');
    fs.writeFileSync(secret, 'PRIVATE KEY');
    const photo = path.join(copy, 'photos', 'de34adc953953bc3b1e4125ccc1c74b6.png');
    fs.rmSync(photo);
    fs.symlinkSync(secret, photo);
    const outcome = await importInto(store, { path: copy, from: 'dayone' });
    expect(outcome).toMatchObject({ added: 3, attachments: 1 });
    const texts = (await posts(store)).map((post) => post.text).join('\n');
    expect(texts).toContain('is a link to a file outside the export');
    const stored = fs.readdirSync(path.join(store.folder, 'attachments', 'sha256'), { recursive: true });
    const secretHash = createHash('sha256').update('PRIVATE KEY').digest('hex');
    expect(stored.map(String).some((name) => name.includes(secretHash))).toBe(false);
  });

  it('adds nothing the second time, into the same channel or another', async () => {
    const store = await emptyJournal();
    await importInto(store, DAYONE);
    const before = store.lastPosition;
    expect(await importInto(store, DAYONE)).toMatchObject({ added: 0, skipped: 3, attachments: 0 });
    await new JournalCommandHandler(store).handle({
      type: 'CreateChannel',
      channel: 'other',
      name: 'Other',
      at: '2026-03-02T08:00:00.000Z',
    });
    const created = store.lastPosition;
    expect(
      await importInto(store, { ...DAYONE, channel: { kind: 'existing', channel: 'other' } }),
    ).toMatchObject({ added: 0, skipped: 3 });
    expect(created).toBe(before + 1);
    expect(store.lastPosition).toBe(created);
  });

  it('refuses an entry without its uuid, naming it, and appends nothing', async () => {
    const store = await emptyJournal();
    const refusal = (await importInto(store, {
      ...DAYONE,
      path: path.join(FIXTURES, 'malformed', 'dayone-no-uuid.json'),
    }).catch((error: unknown) => error)) as JournalError;
    expect(refusal.message).toBe(
      "dayone-no-uuid.json is not a Day One export this can import, nothing was imported: entries[1].uuid must be the entry's id, 32 hex digits",
    );
    expect(store.lastPosition).toBe(0);
  });

  it('previews what it would import', async () => {
    const store = await emptyJournal();
    expect(await previewImport(store, DAYONE.path, 'dayone')).toEqual({
      from: 'dayone',
      entries: 3,
      alreadyImported: 0,
      attachments: 2,
      firstTime: '2019-06-14T18:22:05.000Z',
      lastTime: '2019-07-01T12:00:00.000Z',
      title: null,
      problems: [],
    });
  });
});
