import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FolderSummary } from '../../shared/contract.js';
import { RecentFolders } from '../../electron/api/index.js';
import { useApiFixture } from './api-session-fixture.js';

const fixture = useApiFixture();

const segmentsOf = (dir: string): string[] =>
  fs
    .readdirSync(path.join(dir, 'log'))
    .filter((name) => name.endsWith('.jsonl'))
    .sort();

const TORN = '{"position":4,"stream":"order-9","revision":0,"id":"x';

describe('folder.open', () => {
  it('opens a folder and describes it: counts, bytes on disk, first and last time, health', async () => {
    const dir = await fixture.folder([
      { stream: 'order-1', type: 'Placed', data: { total: 5 } },
      { stream: 'order-2', type: 'Placed' },
      { stream: 'invoice-1', type: 'Issued' },
    ]);
    const session = fixture.session();
    const summary = await session.call('folder.open', { path: dir });
    const bytes = segmentsOf(dir).reduce(
      (sum, name) => sum + fs.statSync(path.join(dir, 'log', name)).size,
      0,
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'eventfold.json'), 'utf8')) as { id: string };
    const first = await session.call('event.get', { position: 1 });
    const last = await session.call('event.get', { position: 3 });
    expect(summary).toEqual({
      path: dir,
      id: manifest.id,
      name: 'events',
      events: 3,
      streams: 3,
      categories: 2,
      bytes,
      firstTime: first.event.time,
      lastTime: last.event.time,
      indexing: false,
      readOnly: false,
      health: { condition: 'ok', problems: [], tail: null },
      journal: false,
    } satisfies FolderSummary);
    expect(session.pushed('folder.changed').at(-1)).toEqual(summary);
    expect(await session.call('folder.current', undefined)).toEqual(summary);
  });

  it('answers NotAnEventFolder naming the path, for an empty folder, a file and a missing path', async () => {
    const session = fixture.session();
    const empty = fixture.tempFolder();
    const file = path.join(empty, 'notes.txt');
    fs.writeFileSync(file, 'hello');
    for (const target of [empty, file, path.join(empty, 'missing')]) {
      const error = await session.refusal('folder.open', { path: target });
      expect(error.code).toBe('NotAnEventFolder');
      expect(error.message).toContain(target);
    }
    expect(await session.call('folder.current', undefined)).toBeNull();
  });

  it('switching folders closes the first one when no other session holds it', async () => {
    const first = await fixture.folder([{ stream: 'a-1', type: 'A' }]);
    const second = await fixture.folder([{ stream: 'b-1', type: 'B' }]);
    const session = fixture.session();
    const other = fixture.session();
    await session.call('folder.open', { path: first });
    await other.call('folder.open', { path: first });
    await session.call('folder.open', { path: second });
    expect(fixture.registry.openFolders.sort()).toEqual([first, second].sort());
    await other.session.dispose();
    expect(fixture.registry.openFolders).toEqual([second]);
    expect((await session.call('folder.current', undefined))?.path).toBe(second);
  });
});

describe('folder.create', () => {
  it('makes a new event folder in a missing or empty directory and opens it', async () => {
    const session = fixture.session();
    const target = path.join(fixture.tempFolder(), 'new', 'journal');
    const summary = await session.call('folder.create', { path: target });
    expect(summary).toMatchObject({ path: target, events: 0, firstTime: null, lastTime: null });
    expect(fs.existsSync(path.join(target, 'eventfold.json'))).toBe(true);
    const appended = await session.call('event.append', {
      stream: 'note-1',
      type: 'Written',
      data: { text: 'hi' },
    });
    expect(appended.firstPosition).toBe(1);
  });

  it('refuses a directory that holds anything, naming it', async () => {
    const session = fixture.session();
    const busy = fixture.tempFolder();
    fs.writeFileSync(path.join(busy, 'thesis.tex'), '');
    const error = await session.refusal('folder.create', { path: busy });
    expect(error.code).toBe('FolderNotEmpty');
    expect(error.message).toContain(busy);
    const existing = await fixture.folder();
    expect((await session.refusal('folder.create', { path: existing })).code).toBe('FolderNotEmpty');
  });
});

describe('recent folders', () => {
  it('are kept in the file across instances, most recent first, and can be forgotten', async () => {
    const file = fixture.recentFile();
    const first = await fixture.folder();
    const second = await fixture.folder();
    const session = fixture.session({ recent: new RecentFolders(file) });
    await session.call('folder.open', { path: first });
    await session.call('folder.open', { path: second });
    await session.call('folder.open', { path: first });

    const later = fixture.session({ recent: new RecentFolders(file) });
    const recent = await later.call('folder.recent', undefined);
    expect(recent.map((entry) => entry.path)).toEqual([first, second]);
    expect(recent[0]).toMatchObject({ name: 'events', available: true });
    expect(Date.parse(recent[0]!.lastOpened)).toBeGreaterThanOrEqual(Date.parse(recent[1]!.lastOpened));

    fs.rmSync(second, { recursive: true });
    expect((await later.call('folder.recent', undefined))[1]).toMatchObject({
      path: second,
      available: false,
    });
    expect((await later.call('folder.forget', { path: second })).map((entry) => entry.path)).toEqual([first]);
    expect((await new RecentFolders(file).list()).map((entry) => entry.path)).toEqual([first]);
  });

  it('start empty when the file is missing or damaged', async () => {
    const file = fixture.recentFile();
    expect(await new RecentFolders(file).list()).toEqual([]);
    fs.writeFileSync(file, '{"folders": [oops');
    expect(await new RecentFolders(file).list()).toEqual([]);
  });
});

describe('health and repair', () => {
  it('reports a torn tail, repairs it keeping the cut bytes, and appends again', async () => {
    const dir = await fixture.folder([
      { stream: 'order-1', type: 'Placed' },
      { stream: 'order-1', type: 'Paid' },
    ]);
    const segment = segmentsOf(dir).at(-1)!;
    const file = path.join(dir, 'log', segment);
    const goodSize = fs.statSync(file).size;
    fs.appendFileSync(file, TORN);
    const session = fixture.session();
    const opened = await session.call('folder.open', { path: dir });
    expect(opened.health).toEqual({
      condition: 'torn-tail',
      problems: [],
      tail: { segment, offset: goodSize, bytes: Buffer.byteLength(TORN) },
    });
    expect(opened.events).toBe(2);

    const outcome = await session.call('folder.repair', undefined);
    expect(outcome.bytesCut).toBe(Buffer.byteLength(TORN));
    expect(outcome.keptAs).toMatch(/^repairs[/\\]/);
    expect(fs.readFileSync(path.join(dir, outcome.keptAs!), 'utf8')).toBe(TORN);
    expect(fs.statSync(file).size).toBe(goodSize);
    expect(outcome.folder.health.condition).toBe('ok');
    expect(session.pushed('folder.changed').at(-1)?.health.condition).toBe('ok');
    const appended = await session.call('event.append', {
      stream: 'order-1',
      type: 'Shipped',
      expectedRevision: 1,
    });
    expect(appended.firstPosition).toBe(3);
  });

  it('reports damage before the tail as corrupt and read-only, with where it is, and refuses a repair', async () => {
    const dir = await fixture.folder([
      { stream: 'order-1', type: 'Placed', data: { total: 10 } },
      { stream: 'order-2', type: 'Placed', data: { total: 20 } },
    ]);
    const segment = segmentsOf(dir)[0]!;
    const file = path.join(dir, 'log', segment);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"total":10', '"total":19'));
    // Without the index cache the open reads (and checks) every line.
    fs.rmSync(path.join(dir, 'cache'), { recursive: true, force: true });
    const session = fixture.session();
    const summary = await session.call('folder.open', { path: dir });
    expect(summary.readOnly).toBe(true);
    expect(summary.health.condition).toBe('corrupt');
    expect(summary.health.problems[0]).toMatchObject({ segment, line: 1, offset: 0 });
    expect(summary.health.problems[0]?.reason).toContain('checksum');
    expect((await session.refusal('folder.repair', undefined)).code).toBe('Corrupt');
    const refused = await session.refusal('event.append', { stream: 'order-3', type: 'Placed' });
    expect(['Corrupt', 'ReadOnly']).toContain(refused.code);
  });

  it('pushes folder.changed when another writer appends, and when the folder disappears', async () => {
    const dir = await fixture.folder([{ stream: 'order-1', type: 'Placed' }]);
    const session = await fixture.opened(dir);
    const writer = await fixture.writer(dir);
    await writer.appendToStream('order-2', [{ type: 'Placed' }]);
    await session.waitForPush(
      'folder.changed',
      (summary) => summary?.events === 2,
      'the summary counts 2 events',
    );
    await writer.close();
    fs.rmSync(dir, { recursive: true });
    await session.waitForPush(
      'folder.changed',
      (summary) => summary?.health.condition === 'missing',
      'the folder is reported missing',
    );
  });
});
