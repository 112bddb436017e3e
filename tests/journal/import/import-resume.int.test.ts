import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ImportCancelled,
  runImport,
  type AttachmentWriter,
  type ImportOptions,
} from '../../../electron/journal/import/index.js';
import { storeAttachmentFile } from '../../../electron/journal/import/index.js';
import { splitText } from '../../../electron/journal/import/import-plan.js';
import { MAX_MESSAGE_TEXT_LENGTH } from '../../../shared/journal/index.js';
import { emptyJournal, FIXTURES, fixtureCopy, marks, posts } from './import-fixture.js';

type Store = Awaited<ReturnType<typeof emptyJournal>>;

function importInto(store: Store, options: Partial<ImportOptions> & Pick<ImportOptions, 'path' | 'from'>) {
  return runImport(store, {
    import: 'i1',
    channel: { kind: 'new', channel: 'imported', name: 'Imported' },
    timeZone: 'UTC',
    ...options,
  });
}

describe('an import', () => {
  it('cancelled half way keeps what it added, and the next run finishes it without doubling anything', async () => {
    const store = await emptyJournal();
    const file = path.join(fixtureCopy('jrnl'), 'journal.json');
    const entries = Array.from({ length: 200 }, (_, i) => ({
      title: `Entry ${i}.`,
      body: 'Some words.',
      date: '2021-03-01',
      time: `${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
      tags: [],
      starred: false,
    }));
    fs.writeFileSync(file, JSON.stringify({ tags: {}, entries }));
    const controller = new AbortController();
    const cancelled = await importInto(store, {
      path: file,
      from: 'jrnl',
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === 'appending' && progress.done === 20) controller.abort();
      },
    }).catch((error: unknown) => error);
    expect(cancelled).toBeInstanceOf(ImportCancelled);
    const partial = (await posts(store)).length;
    expect(partial).toBeGreaterThanOrEqual(20);
    expect(partial).toBeLessThan(200);
    const outcome = await importInto(store, { path: file, from: 'jrnl' });
    expect(outcome).toMatchObject({ added: 200 - partial, skipped: partial });
    const found = await posts(store);
    expect(found).toHaveLength(200);
    expect(new Set(found.map((post) => post.message)).size).toBe(200);
  });

  it('that stopped between a post and its tags adds the tags on the next run', async () => {
    const store = await emptyJournal();
    const file = path.join(FIXTURES, 'jrnl', 'journal.json');
    // Stand-in for a crash after the posts: the same import with tags and stars taken out first.
    const copy = fixtureCopy('jrnl');
    const plain = JSON.parse(fs.readFileSync(path.join(copy, 'journal.json'), 'utf8')) as {
      entries: { tags: string[]; starred: boolean }[];
    };
    for (const entry of plain.entries) {
      entry.tags = [];
      entry.starred = false;
    }
    fs.writeFileSync(path.join(copy, 'journal.json'), JSON.stringify(plain));
    await importInto(store, { path: path.join(copy, 'journal.json'), from: 'jrnl' });
    expect(await marks(store, 'TagAdded')).toEqual([]);
    expect(await importInto(store, { path: file, from: 'jrnl' })).toMatchObject({ added: 0, skipped: 4 });
    expect(await marks(store, 'TagAdded')).toHaveLength(3);
    expect(await marks(store, 'MessagePinned')).toHaveLength(1);
  });

  it('splits a text longer than a message holds over continuation messages, and attachments after 32', async () => {
    const folder = fixtureCopy('dayone');
    const journal = JSON.parse(fs.readFileSync(path.join(folder, 'Journal.json'), 'utf8')) as {
      entries: Record<string, unknown>[];
    };
    const paragraph = `${'word '.repeat(2000).trim()}\n\n`;
    journal.entries = [
      {
        uuid: 'AAAABBBBCCCCDDDDEEEEFFFF00001111',
        creationDate: '2020-01-01T10:00:00Z',
        text: paragraph.repeat(14),
        photos: Array.from({ length: 33 }, (_, i) => ({
          identifier: `${i}`,
          md5: 'fafd5b7231f114c5a0c1c7cc5ba286ac',
          type: 'jpeg',
        })),
      },
    ];
    fs.writeFileSync(path.join(folder, 'Journal.json'), JSON.stringify(journal));
    const store = await emptyJournal();
    const written: string[] = [];
    const writer: AttachmentWriter = (target, source) => {
      written.push(source.file);
      return storeAttachmentFile(target, source);
    };
    const outcome = await importInto(store, { path: folder, from: 'dayone', writeAttachment: writer });
    expect(outcome).toMatchObject({ added: 1, attachments: 1 });
    expect(written).toHaveLength(1);
    const found = await posts(store);
    // 140,000 characters are three messages; the 33 pictures go 32 on the first, 1 on the second.
    expect(found.map((post) => post.message)).toEqual([
      'dayone-AAAABBBBCCCCDDDDEEEEFFFF00001111',
      'dayone-AAAABBBBCCCCDDDDEEEEFFFF00001111-2',
      'dayone-AAAABBBBCCCCDDDDEEEEFFFF00001111-3',
    ]);
    expect(found.map((post) => post.attachments.length)).toEqual([32, 1, 0]);
    expect(found.every((post) => post.text.length <= MAX_MESSAGE_TEXT_LENGTH)).toBe(true);
    expect(found.map((post) => post.text).join('\n\n')).toBe(paragraph.repeat(14).trim());
  });

  it('into an archived or unknown channel is refused before anything is appended', async () => {
    const store = await emptyJournal();
    const file = path.join(FIXTURES, 'jrnl', 'journal.json');
    const unknown = await importInto(store, {
      path: file,
      from: 'jrnl',
      channel: { kind: 'existing', channel: 'nope' },
    }).catch((error: unknown) => error);
    expect(unknown).toMatchObject({ code: 'UnknownChannel' });
    expect(store.lastPosition).toBe(0);
  });
});

describe('splitting a long text', () => {
  it('cuts at paragraph ends first, never loses a character, and keeps surrogate pairs whole', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(30)} ${'c'.repeat(30)}`;
    expect(splitText(text, 100)).toEqual(['a'.repeat(60), `${'b'.repeat(30)} ${'c'.repeat(30)}`]);
    const emoji = '🎉'.repeat(60);
    const parts = splitText(emoji, 51);
    expect(parts.join('')).toBe(emoji);
    expect(parts.every((part) => part.length <= 51 && !/^[\uDC00-\uDFFF]/.test(part))).toBe(true);
  });
});
