import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectionSummary } from '../../shared/contract.js';
import {
  compiledSession,
  appendAll,
  folderWith,
  later,
  writeProjection,
  type Sample,
} from '../projections/projection-fixture.js';

const EVENTS: Sample[] = [
  { stream: 'order-1', type: 'OrderPlaced', data: { total: 3 } },
  { stream: 'order-2', type: 'OrderPlaced', data: { total: 4 } },
  { stream: 'order-1', type: 'OrderShipped', data: {} },
];

const COUNTER = `fromAll().when({
  $init: () => ({ placed: 0, total: 0 }),
  OrderPlaced: (s, e) => ({ placed: s.placed + 1, total: s.total + e.data.total }),
})`;

async function openFolder(events: readonly Sample[], files: Record<string, string> = {}) {
  const store = await folderWith(events);
  const folder = store.folder;
  await store.close();
  for (const [name, code] of Object.entries(files)) writeProjection(folder, name, code);
  const page = compiledSession();
  await page.call('folder.open', { path: folder });
  return { folder, page };
}

async function until<T>(look: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = look();
    if (found !== undefined) return found;
    if (Date.now() - started > ms) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function named(list: readonly ProjectionSummary[], name: string): ProjectionSummary | undefined {
  return list.find((projection) => projection.name === name);
}

describe('projection.source', () => {
  it('answers the code of projections/NAME.js without trust, and refuses built-ins and unknown names', async () => {
    const { page } = await openFolder(EVENTS, { counter: COUNTER });
    expect(await page.call('projection.source', { name: 'counter' })).toEqual({
      name: 'counter',
      code: COUNTER,
      file: 'projections/counter.js',
    });
    expect(await page.refusal('projection.source', { name: 'stream-statistics' })).toMatchObject({
      code: 'Unsupported',
      message: expect.stringContaining('built into Eventfold') as unknown,
    });
    expect(await page.refusal('projection.source', { name: 'nothing' })).toMatchObject({
      code: 'UnknownProjection',
      message: expect.stringContaining('projections/nothing.js') as unknown,
    });
    expect(await page.refusal('projection.source', { name: '../manifest' })).toMatchObject({
      code: 'BadRequest',
      message: expect.stringContaining('letters, digits') as unknown,
    });
  });
});

describe('projection.whatif', () => {
  it('folds edited code to a position and diffs it against the saved projection there', async () => {
    const { page, folder } = await openFolder(EVENTS, { counter: COUNTER });
    await page.call('folder.trust', { trusted: true });
    const edited = COUNTER.replace('placed: s.placed + 1', 'placed: s.placed + 10');
    const outcome = await page.call('projection.whatif', { code: edited, name: 'counter', position: 2 });
    expect(outcome).toEqual({
      position: 2,
      state: { placed: 20, total: 7 },
      current: { placed: 2, total: 7 },
      changes: [{ path: ['placed'], op: 'change', before: 2, after: 20 }],
    });
    // The last event by default; a scratch run leaves nothing behind.
    const last = await page.call('projection.whatif', { code: edited, name: 'counter' });
    expect(last.position).toBe(3);
    expect(fs.readdirSync(path.join(folder, 'projections'))).toEqual(['counter.js']);
    expect(fs.readFileSync(path.join(folder, 'projections', 'counter.js'), 'utf8')).toBe(COUNTER);
  });

  it('runs without trust (the user ran the text) but says the saved code cannot be compared', async () => {
    const { page } = await openFolder(EVENTS, { counter: COUNTER });
    const outcome = await page.call('projection.whatif', { code: COUNTER, name: 'counter', position: 1 });
    expect(outcome).toMatchObject({
      position: 1,
      state: { placed: 1, total: 3 },
      current: null,
      changes: [],
    });
    expect(outcome.currentError).toMatch(/trusted/);
    const alone = await page.call('projection.whatif', { code: COUNTER });
    expect(alone).toEqual({ position: 3, state: { placed: 2, total: 7 }, current: null, changes: [] });
  });

  it('reports a fault with its position and a syntax error with its line and column', async () => {
    const { page } = await openFolder(EVENTS);
    const throwing = `fromAll().when({\n  $init: () => 0,\n  OrderShipped: () => { throw new Error('no shipping yet'); },\n})`;
    const fault = await page.refusal('projection.whatif', { code: throwing });
    expect(fault).toMatchObject({
      code: 'ProjectionFault',
      details: {
        projection: 'what-if',
        position: 3,
        line: 3,
        reason: expect.stringContaining('no shipping yet') as unknown,
      },
    });
    const broken = `fromAll().when({\n  $init: () => 0,\n  OrderPlaced: (s) => { s + ) },\n})`;
    const syntax = await page.refusal('projection.whatif', { code: broken });
    expect(syntax).toMatchObject({
      code: 'ProjectionFault',
      details: { projection: 'what-if', position: null, line: 3, column: 29 },
    });
    expect(String((syntax.details as { reason: string }).reason)).toMatch(/SyntaxError/);
  });

  it('cancels a window’s run when it starts a newer one', async () => {
    const { page } = await openFolder(EVENTS);
    const slow = `fromAll().when({ $init: () => 0, $any: (s) => { const until = Date.now() + 300; while (Date.now() < until) {} return s + 1; } })`;
    const older = page.refusal('projection.whatif', { code: slow });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const newer = await page.call('projection.whatif', { code: COUNTER });
    expect(newer.state).toEqual({ placed: 2, total: 7 });
    expect(await older).toMatchObject({ code: 'Cancelled' });
  });

  it('refuses positions outside the log and unknown projections to compare with', async () => {
    const { page } = await openFolder(EVENTS);
    expect(await page.refusal('projection.whatif', { code: COUNTER, position: 4 })).toMatchObject({
      code: 'OutOfRange',
    });
    expect(await page.refusal('projection.whatif', { code: COUNTER, name: 'nothing' })).toMatchObject({
      code: 'UnknownProjection',
    });
  });
});

describe('projection.save', () => {
  it('needs the folder trusted, a valid name that is not a built-in', async () => {
    const { page, folder } = await openFolder(EVENTS);
    expect(await page.refusal('projection.save', { name: 'counter', code: COUNTER })).toMatchObject({
      code: 'NotTrusted',
    });
    expect(fs.existsSync(path.join(folder, 'projections', 'counter.js'))).toBe(false);
    await page.call('folder.trust', { trusted: true });
    for (const name of ['../escape', 'with space', 'dot.js', 'ünïcode']) {
      expect(await page.refusal('projection.save', { name, code: COUNTER })).toMatchObject({
        code: 'BadRequest',
        message: expect.stringContaining(`"${name}" cannot name a projection`) as unknown,
      });
    }
    expect(await page.refusal('projection.save', { name: 'stream-statistics', code: COUNTER })).toMatchObject(
      {
        code: 'BadRequest',
        message: expect.stringContaining('built-in') as unknown,
      },
    );
    expect(fs.existsSync(path.join(folder, 'projections'))).toBe(false);
  });

  it('writes the file, answers once the projection reloads, and pushes the rebuilt list', async () => {
    const { page, folder } = await openFolder(EVENTS, { counter: COUNTER });
    await page.call('folder.trust', { trusted: true });
    // Pushes start with this call; the counter may have finished before it, and then its answer is all.
    const listed = await page.call('projections.list', undefined);
    await until(
      () => named(page.pushed('projections.changed').at(-1) ?? listed, 'counter'),
      'the counter listed',
    );
    expect(await page.call('projection.state', { name: 'counter' })).toMatchObject({
      state: { placed: 2, total: 7 },
    });
    const pushedBefore = page.pushed('projections.changed').length;

    const edited = COUNTER.replace('placed: s.placed + 1', 'placed: s.placed + 10');
    const saved = await page.call('projection.save', { name: 'counter', code: edited });
    expect(saved).toMatchObject({ name: 'counter', kind: 'user', fault: null });
    expect(saved.status).toMatch(/starting|running/);
    expect(fs.readFileSync(path.join(folder, 'projections', 'counter.js'), 'utf8')).toBe(edited);
    expect(fs.readdirSync(path.join(folder, 'projections'))).toEqual(['counter.js']);
    expect(await page.call('projection.state', { name: 'counter' })).toMatchObject({
      state: { placed: 20, total: 7 },
    });
    const rebuilt = await until(() => {
      const list = page.pushed('projections.changed').slice(pushedBefore).at(-1);
      const counter = list === undefined ? undefined : named(list, 'counter');
      return counter?.status === 'running' && counter.position === 3 ? counter : undefined;
    }, 'a push of the rebuilt counter');
    expect(rebuilt.fault).toBeNull();

    // A new projection: saved, started and listed.
    const created = await page.call('projection.save', {
      name: 'shipped',
      code: COUNTER.replace(/OrderPlaced/, 'OrderShipped'),
    });
    expect(created.name).toBe('shipped');
    await until(
      () => named(page.pushed('projections.changed').at(-1) ?? [], 'shipped'),
      'a push listing the new projection',
    );
    expect(await page.call('projection.source', { name: 'shipped' })).toMatchObject({
      file: 'projections/shipped.js',
    });
  });

  it('pushes projections.changed when a projection follows appends, faults, and trust changes', async () => {
    const { page, folder } = await openFolder(EVENTS, {
      fragile: `fromAll().when({ $init: () => 0, Boom: () => { throw new Error('boom'); }, $any: (s) => s + 1 })`,
    });
    await page.call('projections.list', undefined);
    await page.call('folder.trust', { trusted: true });
    // Trusted, it may run; asking for its state starts it.
    expect(await page.call('projection.state', { name: 'fragile' })).toMatchObject({ state: 3 });
    await until(
      () =>
        named(page.pushed('projections.changed').at(-1) ?? [], 'fragile')?.position === 3 ? true : undefined,
      'fragile caught up',
    );
    const writer = await folderStore(folder);
    await appendAll(writer, [{ stream: 'x-1', type: 'Boom', data: {} }]);
    const faulted = await until(() => {
      const fragile = named(page.pushed('projections.changed').at(-1) ?? [], 'fragile');
      return fragile?.status === 'faulted' ? fragile : undefined;
    }, 'the fault pushed');
    expect(faulted.fault).toMatchObject({ position: 4, error: expect.stringContaining('boom') as unknown });
    await page.call('folder.trust', { trusted: false });
    await until(
      () =>
        named(page.pushed('projections.changed').at(-1) ?? [], 'fragile')?.status === 'untrusted'
          ? true
          : undefined,
      'the distrust pushed',
    );
  });
});

async function folderStore(folder: string) {
  const { store } = await import('../projections/projection-fixture.js');
  const opened = await store.openEventStore(folder, { durability: 'none' });
  later(() => opened.close());
  return opened;
}
