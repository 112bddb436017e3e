import { describe, expect, it } from 'vitest';
import { finalState, folderWith, runProjection, type Sample } from './projection-fixture.js';

const EVENTS: Sample[] = [
  { stream: 'a-1', type: 'Probe', data: { n: 1 } },
  { stream: 'a-2', type: 'Probe', data: { n: 2 } },
];

/** A projection whose handler reports what an escape attempt gave it (or the error it raised). */
function probe(attempt: string): string {
  return `fromAll().when({ $any: (s, e) => {
    try { const got = (${attempt}); return { got: typeof got === 'function' ? 'function' : String(got) }; }
    catch (error) { return { refused: String(error && error.name) + ': ' + String(error && error.message) }; }
  } })`;
}

describe('projection sandbox', () => {
  it('has no require, process, fs, timers or host globals', async () => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(
      store,
      'globals',
      `fromAll().when({ $any: () => ({
        require: typeof require, process: typeof process, setTimeout: typeof setTimeout,
        setInterval: typeof setInterval, queueMicrotask: typeof queueMicrotask, fetch: typeof fetch,
        Buffer: typeof Buffer, module: typeof module, globalProcess: typeof globalThis.process,
        Atomics: typeof Atomics, SharedArrayBuffer: typeof SharedArrayBuffer, WebAssembly: typeof WebAssembly,
      }) })`,
    );
    expect(await finalState(runner, store)).toEqual({
      require: 'undefined',
      process: 'undefined',
      setTimeout: 'undefined',
      setInterval: 'undefined',
      queueMicrotask: 'undefined',
      fetch: 'undefined',
      Buffer: 'undefined',
      module: 'undefined',
      globalProcess: 'undefined',
      Atomics: 'undefined',
      SharedArrayBuffer: 'undefined',
      WebAssembly: 'undefined',
    });
  });

  it.each([
    ['the global constructor chain', `globalThis.constructor.constructor('return process')()`],
    ['the event data constructor chain', `e.data.constructor.constructor('return process')()`],
    ['the state constructor chain', `s.constructor.constructor('return this')()`],
    ['a function constructor', `(function () {}).constructor('return process')()`],
    ['an arrow constructor from a handler', `(() => 1).constructor.constructor('return process')()`],
    ['eval', `eval('1 + 1')`],
    ['new Function', `new Function('return 1')()`],
    ['a WebAssembly-free context', `WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))`],
    // Forms beyond the one that was found: every value user code can reach belongs to the context.
    [
      'a CallSite of Error.prepareStackTrace',
      `(() => {
        Error.prepareStackTrace = (error, sites) => sites;
        const sites = new Error('where').stack;
        Error.prepareStackTrace = undefined;
        // Receivers and functions of the frames (the handler's own, being sloppy) are all of the context.
        const values = sites.flatMap((site) => [site.getThis(), site.getFunction()]);
        if (values.some((value) => Object(value) === value && !(value instanceof Object))) return 'a host object';
        return sites[0].constructor.constructor('return process')();
      })()`,
    ],
    [
      'an error the runtime throws',
      `(() => { try { fromStream(1); } catch (error) { return error.constructor.constructor('return process')(); } })()`,
    ],
    [
      'a stack overflow',
      `(() => {
        const down = () => { try { return down(); } catch (error) { return error; } };
        return down().constructor.constructor('return process')();
      })()`,
    ],
    ['the projection API', `fromAll.constructor.constructor('return process')()`],
    ['the runtime operations', `__eventfold.run.constructor('return process')()`],
    ['a promise', `Promise.resolve().constructor.constructor('return process')()`],
    [
      'a JSON error',
      `(() => { try { JSON.parse('{'); } catch (error) { return error.constructor.constructor('return process')(); } })()`,
    ],
  ])('refuses code generation through %s', async (_, attempt) => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(store, 'escape', probe(attempt));
    const state = (await finalState(runner, store)) as { refused?: string; got?: string };
    expect(state.got).toBeUndefined();
    expect(state.refused).toMatch(
      /EvalError|ReferenceError|CompileError|not defined|disallowed|Code generation/,
    );
  });

  it.each([
    ['import(', `import('node:fs')`, 1],
    ['import/**/(', `import/**/('node:fs')`, 1],
    ['import and ( on two lines', `import\n('node:fs')`, 1],
  ])('refuses dynamic import written as %s before the code runs, naming the place', async (_, form, line) => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(
      store,
      'importer',
      `fromAll().when({ $any: (s) => { ${form}.then((fs) => fs.writeFileSync('owned', '')); return s; } })`,
    );
    const status = await runner.caughtUp();
    expect(status.fault).toEqual({
      position: null,
      error: expect.stringMatching(
        new RegExp(
          `^import\\(\\) is not available in projections: .* \\(projections/importer\\.js:${line}:\\d+\\)$`,
        ),
      ) as unknown,
    });
  });

  it('event data is a value of the sandbox: its prototype chain ends at the sandbox Object', async () => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(
      store,
      'realm',
      `fromAll().when({ $any: (s, e) => ({
        sameObject: Object.getPrototypeOf(e.data) === Object.prototype,
        sameFunction: e.data.constructor.constructor === Function,
      }) })`,
    );
    expect(await finalState(runner, store)).toEqual({ sameObject: true, sameFunction: true });
  });

  it('an infinite loop and a memory bomb fault only their projection, naming the event', async () => {
    const store = await folderWith([...EVENTS, { stream: 'a-3', type: 'Trigger', data: {} }, ...EVENTS]);
    const options = { eventTimeoutMs: 200, memoryMb: 64 };
    const looping = await runProjection(
      store,
      'looping',
      `fromAll().when({ $init: () => ({ n: 0 }), $any: (s, e) => { if (e.type === 'Trigger') for (;;) {} s.n++; } })`,
      options,
    );
    const bomb = await runProjection(
      store,
      'bomb',
      `fromAll().when({ $any: (s, e) => { if (e.type === 'Trigger') { const all = []; for (;;) all.push(new Array(1e6).fill(e.position)); } } })`,
      { ...options, eventTimeoutMs: 60_000 },
    );
    const healthy = await runProjection(
      store,
      'healthy',
      `fromAll().when({ $init: () => 0, $any: (s) => s + 1 })`,
      options,
    );
    const [loopStatus, bombStatus] = await Promise.all([looping.caughtUp(), bomb.caughtUp()]);
    expect(loopStatus.fault).toEqual({
      position: 3,
      error: expect.stringMatching(/time limit \(200 ms/) as unknown,
    });
    expect(bombStatus.fault).toEqual({
      position: 3,
      error: expect.stringMatching(/out of memory/) as unknown,
    });
    expect(await finalState(healthy, store)).toBe(5);
    // The faulted ones still travel in time before their fault (their process is started again).
    expect(await looping.stateAt(2)).toEqual({ n: 2 });
    expect(await bomb.stateAt(2)).toEqual({});
  });

  it('top-level code that never ends faults the load, with no event to name', async () => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(store, 'stuck', `for (;;) {} fromAll().when({})`, {
      eventTimeoutMs: 100,
    });
    const status = await runner.caughtUp();
    expect(status.status).toBe('faulted');
    expect(status.fault).toEqual({ position: null, error: expect.stringMatching(/time limit/) as unknown });
  });
});
