import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PushEvents } from '../../../shared/contract.js';
import { useApiFixture } from '../../api/api-session-fixture.js';

const fixture = useApiFixture();
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const TELEGRAM = path.join(FIXTURES, 'telegram-saved', 'result.json');

async function openedJournal() {
  const dir = await fixture.folder();
  const window = fixture.session();
  await window.call('folder.open', { path: dir });
  return window;
}

describe('File > Import through the contract', () => {
  it('previews, imports with progress pushed by phase, and adds nothing the second time', async () => {
    const window = await openedJournal();
    const preview = await window.call('journal.import.preview', { path: TELEGRAM, from: 'telegram' });
    expect(preview).toMatchObject({
      entries: 7,
      alreadyImported: 0,
      attachments: 2,
      title: 'Saved Messages',
    });

    const outcome = await window.call('journal.import', {
      import: 'i1',
      path: TELEGRAM,
      from: 'telegram',
      channel: { kind: 'new', channel: 'saved', name: 'Saved Messages' },
    });
    expect(outcome).toMatchObject({ import: 'i1', channel: 'saved', added: 7, skipped: 0, attachments: 2 });
    const progress = window.pushed('journal.import.progress');
    expect(progress[0]).toEqual({ import: 'i1', phase: 'reading', done: 0, total: 1 });
    expect(progress.at(-1)).toEqual({ import: 'i1', phase: 'appending', done: 7, total: 7 });
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['reading', 'attachments', 'appending']));

    const again = await window.call('journal.import', {
      import: 'i2',
      path: TELEGRAM,
      from: 'telegram',
      channel: { kind: 'existing', channel: 'saved' },
    });
    expect(again).toMatchObject({ added: 0, skipped: 7, attachments: 0 });
    expect(await window.call('journal.import.preview', { path: TELEGRAM, from: 'telegram' })).toMatchObject({
      alreadyImported: 7,
    });
  });

  it('refuses a malformed export with ImportFailed and the problems, and a file that is not JSON as a problem with its line', async () => {
    const window = await openedJournal();
    const refusal = await window.refusal('journal.import', {
      import: 'i1',
      path: path.join(FIXTURES, 'malformed', 'dayone-no-uuid.json'),
      from: 'dayone',
      channel: { kind: 'new', channel: 'd1', name: 'Day One' },
    });
    expect(refusal.code).toBe('ImportFailed');
    expect(refusal.details?.problems).toEqual([
      { where: 'entries[1].uuid', message: "must be the entry's id, 32 hex digits" },
    ]);
    const preview = await window.call('journal.import.preview', {
      path: path.join(FIXTURES, 'malformed', 'jrnl-trailing-comma.json'),
      from: 'jrnl',
    });
    expect(preview.problems).toEqual([
      {
        where: 'line 11',
        message:
          'jrnl-trailing-comma.json is not valid JSON at line 11, column 5: expected a property name in double quotes, found "}"',
      },
    ]);
    expect((await window.call('folder.current', undefined))?.events).toBe(0);
  });

  it('stops an import when the window cancels it, answering Cancelled', async () => {
    const window = await openedJournal();
    const file = path.join(fixture.tempFolder(), 'journal.json');
    const entries = Array.from({ length: 300 }, (_, i) => ({
      title: `Entry ${i}.`,
      body: '',
      date: '2021-03-01',
      time: `${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
      tags: [],
      starred: false,
    }));
    fs.writeFileSync(file, JSON.stringify({ tags: {}, entries }));
    const answer = window.answer('journal.import', {
      import: 'big',
      path: file,
      from: 'jrnl',
      channel: { kind: 'new', channel: 'j', name: 'jrnl' },
    });
    await window.waitForPush(
      'journal.import.progress',
      (payload: PushEvents['journal.import.progress']) => payload.phase === 'appending',
      'the import started appending',
    );
    expect(await window.call('journal.import.cancel', { import: 'big' })).toBeNull();
    const cancelled = await answer;
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'Cancelled', details: { import: 'big' } } });
    expect((await window.call('folder.current', undefined))?.events).toBeLessThan(301);
  });

  it('imports an export the page uploaded in browser mode, and removes the staged files after', async () => {
    const window = await openedJournal();
    const folder = path.join(FIXTURES, 'telegram-saved');
    const files = ['result.json', 'photos/photo_1@14-06-2019_18-22-05.jpg', 'files/packing list.txt'];
    let staged = '';
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(folder, ...file.split('/')));
      // Small chunks, so that a file takes several.
      for (let offset = 0; offset < bytes.length || offset === 0; offset += 1000) {
        const data = bytes.subarray(offset, offset + 1000).toString('base64');
        const answer = await window.call('journal.import.upload', { import: 'up', file, offset, data });
        expect(answer.received).toBe(Math.min(bytes.length, offset + 1000));
        if (file === 'result.json') staged = answer.path;
        if (offset + 1000 >= bytes.length) break;
      }
    }
    expect(fs.readFileSync(staged)).toEqual(fs.readFileSync(path.join(folder, 'result.json')));
    expect(await window.call('journal.import.preview', { path: staged, from: 'telegram' })).toMatchObject({
      entries: 7,
      attachments: 2,
    });
    const outcome = await window.call('journal.import', {
      import: 'up',
      path: staged,
      from: 'telegram',
      channel: { kind: 'new', channel: 'saved', name: 'Saved Messages' },
    });
    expect(outcome).toMatchObject({ added: 7, attachments: 2 });
    expect(fs.existsSync(path.dirname(staged))).toBe(false);
  });

  it('refuses an upload that leaves the export folder or skips bytes', async () => {
    const window = fixture.session();
    const data = Buffer.from('{}').toString('base64');
    const climbing = await window.refusal('journal.import.upload', {
      import: 'u1',
      file: '../../etc/passwd',
      offset: 0,
      data,
    });
    expect(climbing).toMatchObject({
      code: 'BadRequest',
      message: 'journal.import.upload: "../../etc/passwd" is not a file\'s path inside the export\'s folder',
    });
    const gap = await window.refusal('journal.import.upload', {
      import: 'u1',
      file: 'a.json',
      offset: 5,
      data,
    });
    expect(gap.message).toBe(
      'journal.import.upload: a.json: this chunk starts at byte 5, but 0 bytes were received',
    );
    expect(await window.call('journal.import.cancel', { import: 'u1' })).toBeNull();
  });

  it('asks for the file with the desktop dialog, which browser mode does not have', async () => {
    const browser = fixture.session();
    expect(await browser.refusalCode('journal.import.choose', { from: 'jrnl' })).toBe('Unsupported');
    const asked: string[] = [];
    const desktop = fixture.session({
      host: {
        mode: 'desktop',
        chooseImportFile: (from) => {
          asked.push(from);
          return Promise.resolve('/home/ana/Downloads/journal.json');
        },
      },
    });
    expect(await desktop.call('journal.import.choose', { from: 'jrnl' })).toEqual({
      path: '/home/ana/Downloads/journal.json',
    });
    expect(asked).toEqual(['jrnl']);
  });
});
