import { describe, expect, it } from 'vitest';
import { finalState, folderWith, projections, runProjection, type Sample } from './projection-fixture.js';

const EVENTS: Sample[] = [
  { stream: 'order-1', type: 'OrderPlaced', data: { customer: 'ana', total: 10 } },
  { stream: 'order-2', type: 'OrderPlaced', data: { customer: 'bo', total: 5 } },
  { stream: 'cart-1', type: 'ItemAdded', data: { sku: 'tea' } },
  { stream: 'order-1', type: 'OrderShipped', data: {} },
  { stream: 'order-3', type: 'OrderPlaced', data: { customer: 'ana', total: 7 } },
  { stream: 'inbox', type: 'Note', data: { text: 'hi' } },
  { stream: 'order-2', type: 'OrderCancelled', data: { reason: 'late' } },
];

describe('projection API', () => {
  it('fromAll with $init, a type handler and $any: types with a handler go to it, the rest to $any', async () => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(
      store,
      'all',
      `fromAll().when({
        $init: () => ({ placed: 0, other: [] }),
        OrderPlaced: (s, e) => ({ ...s, placed: s.placed + e.data.total }),
        $any: (s, e) => ({ ...s, other: [...s.other, e.type + '@' + e.position] }),
      })`,
    );
    expect(await finalState(runner, store)).toEqual({
      placed: 22,
      other: ['ItemAdded@3', 'OrderShipped@4', 'Note@6', 'OrderCancelled@7'],
    });
  });

  it('ignores events without a handler when there is no $any; the state starts as {} without $init', async () => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(
      store,
      'notes',
      `fromAll().when({ Note: (s, e) => { s.last = e.data.text; } })`,
    );
    expect(await finalState(runner, store)).toEqual({ last: 'hi' });
  });

  it('a handler returning undefined keeps the state it mutated; null is a state like any other', async () => {
    const store = await folderWith(EVENTS);
    const mutating = await runProjection(
      store,
      'mutating',
      `fromAll().when({ $init: () => ({ n: 0 }), $any: (s) => { s.n += 1; } })`,
    );
    expect(await finalState(mutating, store)).toEqual({ n: 7 });
    const nulling = await runProjection(
      store,
      'nulling',
      `fromAll().when({ $init: () => 0, OrderPlaced: (s) => s + 1, OrderCancelled: () => null })`,
    );
    expect(await finalState(nulling, store)).toBeNull();
    expect(await nulling.stateAt(5)).toBe(3);
  });

  it('handlers get the event in the CLI --json shape', async () => {
    const store = await folderWith(EVENTS.slice(0, 1));
    const runner = await runProjection(store, 'shape', `fromAll().when({ $any: (s, e) => e })`);
    const [stored] = (await store.readAll({ limit: 1 })).events;
    expect(await finalState(runner, store)).toEqual(stored);
    expect(Object.keys((await finalState(runner, store)) as object)).toEqual([
      'position',
      'stream',
      'revision',
      'id',
      'type',
      'time',
      'data',
      'meta',
    ]);
  });

  it('fromStream, fromStreams (list or arguments) and fromCategory choose their events', async () => {
    const store = await folderWith(EVENTS);
    const collect = `.when({ $init: () => [], $any: (s, e) => [...s, e.position] })`;
    const cases: [string, number[]][] = [
      [`fromStream('order-1')`, [1, 4]],
      [`fromStreams('order-2', 'inbox')`, [2, 6, 7]],
      [`fromStreams(['cart-1', 'order-3'])`, [3, 5]],
      [`fromCategory('order')`, [1, 2, 4, 5, 7]],
      [`fromCategory('inbox')`, [6]],
    ];
    for (const [index, [selector, positions]] of cases.entries()) {
      const runner = await runProjection(store, `select${index}`, selector + collect);
      expect(await finalState(runner, store), selector).toEqual(positions);
    }
  });

  it('partitionBy keeps a state per key, each starting from $init; undefined keys are left out', async () => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(
      store,
      'customers',
      `fromCategory('order')
        .partitionBy((e) => e.data.customer)
        .when({ $init: () => ({ spent: 0, orders: 0 }), OrderPlaced: (s, e) => ({ spent: s.spent + e.data.total, orders: s.orders + 1 }) })
        .outputState()`,
    );
    expect(await finalState(runner, store)).toEqual({
      ana: { spent: 17, orders: 2 },
      bo: { spent: 5, orders: 1 },
    });
  });

  it('foreachStream partitions by stream, "__proto__" being just a key', async () => {
    const store = await folderWith([...EVENTS, { stream: '__proto__', type: 'Note', data: { text: 'odd' } }]);
    const runner = await runProjection(
      store,
      'per-stream',
      `fromAll().foreachStream().when({ $any: (s) => ({ n: (s.n || 0) + 1 }) })`,
    );
    const state = (await finalState(runner, store)) as Record<string, { n: number }>;
    expect(Object.keys(state).sort()).toEqual([
      '__proto__',
      'cart-1',
      'inbox',
      'order-1',
      'order-2',
      'order-3',
    ]);
    expect(state['order-2']).toEqual({ n: 2 });
    expect(Object.getOwnPropertyDescriptor(state, '__proto__')?.value).toEqual({ n: 1 });
  });

  it('refuses a file without a projection, a second selector and unknown $ handlers, naming the problem', async () => {
    const store = await folderWith(EVENTS);
    const cases: [string, RegExp][] = [
      ['const x = 1;', /defines no projection/],
      ['fromAll(); fromStream("a").when({})', /chooses its events once/],
      ['fromAll().when({ $deleted: () => ({}) })', /"\$deleted" is not supported/],
      ['fromAll()', /has no handlers/],
      ['fromAll().when({ $any: (s, e) => s ', /SyntaxError/],
    ];
    for (const [index, [code, message]] of cases.entries()) {
      const runner = await runProjection(store, `broken${index}`, code);
      const status = await runner.caughtUp();
      expect(status.status, code).toBe('faulted');
      expect(status.fault?.position, code).toBeNull();
      expect(status.fault?.error, code).toMatch(message);
    }
  });

  it('a throwing handler faults at its event; skipping it records the skip and folds on without it', async () => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(
      store,
      'picky',
      `fromAll().when({ $init: () => [], $any: (s, e) => { if (e.type === 'Note') throw new Error('no notes'); return [...s, e.position]; } })`,
    );
    const faulted = await runner.caughtUp();
    expect(faulted.status).toBe('faulted');
    expect(faulted.fault).toEqual({
      position: 6,
      error: expect.stringMatching(/Error: no notes \(projections\/picky\.js:1:/) as unknown,
    });
    await expect(runner.stateAt(7)).rejects.toThrow(/faulted at position 6/);
    expect(await runner.stateAt(5)).toEqual([1, 2, 3, 4, 5]);
    await runner.skip(6);
    const status = await runner.caughtUp();
    expect(status).toMatchObject({ status: 'running', position: 7, fault: null, skipped: [{ position: 6 }] });
    expect(await runner.stateAt(7)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(await runner.around(7)).toEqual({ before: [1, 2, 3, 4, 5], after: [1, 2, 3, 4, 5, 7] });
  });

  it('history lists the events that changed a path, with values before and after, paged', async () => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(
      store,
      'spend',
      `fromAll().partitionBy((e) => e.data.customer).when({ OrderPlaced: (s, e) => { s.spent = (s.spent || 0) + e.data.total; } })`,
    );
    await runner.caughtUp();
    expect(await runner.history(['ana', 'spent'])).toEqual({
      changes: [
        { position: 1, after: 10 },
        { position: 5, before: 10, after: 17 },
      ],
      next: null,
    });
    const first = await runner.history(['ana', 'spent'], { limit: 1 });
    expect(first).toEqual({ changes: [{ position: 1, after: 10 }], next: 2 });
    expect(await runner.history(['ana', 'spent'], { from: first.next!, to: 4 })).toEqual({
      changes: [],
      next: null,
    });
  });

  it('built-in stream statistics and stream documents', async () => {
    const store = await folderWith([
      { stream: 'doc-1', type: 'Set', data: { title: 'a', tags: ['x'], meta: { by: 'ana', at: 1 } } },
      { stream: 'doc-2', type: 'Set', data: { title: 'b' } },
      { stream: 'doc-1', type: 'Patch', data: { tags: ['y'], meta: { at: null, ok: true } } },
    ]);
    const day = (await store.readAll({ limit: 1 })).events[0]!.time.slice(0, 10);
    const stats = await projections.ProjectionRunner.start(
      store,
      projections.builtinCodeNamed('stream-statistics')!,
    );
    const documents = await projections.ProjectionRunner.start(
      store,
      projections.builtinCodeNamed('stream-documents')!,
    );
    try {
      expect(await finalState(stats, store)).toEqual({
        events: 3,
        types: { Set: 2, Patch: 1 },
        days: { [day]: { Set: 2, Patch: 1 } },
        streams: { 'doc-1': 2, 'doc-2': 1 },
        categories: { doc: 3 },
      });
      expect(await finalState(documents, store)).toEqual({
        'doc-1': { title: 'a', tags: ['y'], meta: { by: 'ana', ok: true } },
        'doc-2': { title: 'b' },
      });
    } finally {
      await stats.close();
      await documents.close();
    }
  });
});
