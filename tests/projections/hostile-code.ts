import type { Sample } from './projection-fixture.js';

/** Six events; the third is the one hostile handlers act on. */
export const HOSTILE_EVENTS: Sample[] = [1, 2, 3, 4, 5, 6].map((n) => ({
  stream: `item-${n}`,
  type: n === 3 ? 'Trigger' : 'Tick',
  data: { n },
}));

export const LAST = HOSTILE_EVENTS.length;

/** A projection hostile to its host, and how its fault must read. */
export interface Hostile {
  /** The file name, projections/NAME.js. */
  readonly name: string;
  readonly code: string;
  /** The event the fault names: null for code refused or failing before any event; LAST when the state at the end cannot be kept. */
  readonly position: number | null;
  /**
   * The fault may name a later event instead: where a promise chain started at `position` made the memory
   * limit show (the process is stopped between the handlers that follow, which run while it grows).
   */
  readonly orLater?: boolean;
  readonly reason: RegExp;
}

/** A fold that counts events and does `body` at the trigger event. */
const atTrigger = (body: string): string =>
  `fromAll().when({ $init: () => ({ n: 0 }), $any: (s, e) => { if (e.type === 'Trigger') { ${body} } s.n++; return s; } })`;

/**
 * A bomb meets the memory limit or the time limit, whichever comes first: on a loaded machine a handler
 * filling memory may run out of time before it runs out of memory, and either stops it. (That the memory
 * limit itself holds, with no time limit in the way, is sandbox.int.test.ts's.)
 */
const LIMIT = /ran out of memory|ran longer than the time limit/;
const TIME_LIMIT = /ran longer than the time limit/;
const NOT_JSON = (what: RegExp): RegExp => new RegExp(`the state cannot be kept as JSON: ${what.source}`);

/**
 * Escapes, bombs, loops and states that cannot be kept. Each must fault its own projection only: the host
 * that runs it (the api of the app, `eventfold project`, What if…) lives on and answers.
 */
export const HOSTILE: readonly Hostile[] = [
  {
    name: 'import-call',
    code: `fromAll().when({ $any: (s) => { import('node:child_process').then((m) => m.execSync('touch owned')); return s; } })`,
    position: null,
    reason: /import\(\) is not available in projections.*\(projections\/[\w-]+\.js:1:\d+\)$/,
  },
  {
    name: 'import-comment',
    code: `fromAll().when({ $any: (s) => { import/**/('node:fs'); return s; } })`,
    position: null,
    reason: /import\(\) is not available in projections/,
  },
  {
    name: 'import-newline',
    code: `fromAll().when({ $any: (s) => {\n  import\n('node:fs');\n  return s;\n} })`,
    position: null,
    reason: /import\(\) is not available in projections.*:2:3\)$/,
  },
  {
    name: 'import-meta',
    code: `const here = import.meta.url;\nfromAll().when({})`,
    position: null,
    reason: /SyntaxError: Cannot use 'import\.meta' outside a module \(projections\/[\w-]+\.js:1:14\)/,
  },
  {
    name: 'unparseable',
    code: `fromAll().when({\n  $any: (s) => s +,\n})`,
    position: null,
    reason: /SyntaxError: Unexpected token \(projections\/[\w-]+\.js:2:19\)/,
  },
  { name: 'loop-in-handler', code: atTrigger('for (;;) {}'), position: 3, reason: TIME_LIMIT },
  { name: 'loop-at-top-level', code: 'for (;;) {}\nfromAll().when({})', position: null, reason: TIME_LIMIT },
  {
    name: 'loop-in-init',
    code: `fromAll().when({ $init: () => { for (;;) {} }, $any: (s) => s })`,
    position: null,
    reason: TIME_LIMIT,
  },
  {
    name: 'loop-in-partition-by',
    code: `fromAll().partitionBy((e) => { if (e.type === 'Trigger') for (;;) {} return e.stream; }).when({ $any: (s) => s })`,
    position: 3,
    reason: TIME_LIMIT,
  },
  {
    name: 'microtask-loop',
    code: atTrigger('const again = () => Promise.resolve().then(again); again();'),
    position: 3,
    // The chain allocates as it goes: the memory limit may come first, and show at a later event.
    orLater: true,
    reason: LIMIT,
  },
  {
    name: 'deep-recursion',
    code: atTrigger('const down = (n) => down(n + 1) + 1; down(0);'),
    position: 3,
    reason: /RangeError: Maximum call stack size exceeded/,
  },
  {
    name: 'string-bomb',
    // toUpperCase makes a flat string of its own each time (repeat and + make cheap ropes).
    code: atTrigger(
      `const all = []; const text = 'x'.repeat(1 << 24); for (;;) all.push((text + all.length).toUpperCase());`,
    ),
    position: 3,
    reason: LIMIT,
  },
  {
    name: 'array-bomb',
    code: atTrigger('const all = []; for (;;) all.push(new Array(1e7).fill(1));'),
    position: 3,
    reason: LIMIT,
  },
  {
    name: 'one-huge-array',
    code: atTrigger('s.big = new Array(2e8).fill(0);'),
    position: 3,
    reason: LIMIT,
  },
  {
    name: 'object-bomb',
    code: atTrigger(
      `const all = []; for (;;) { const o = {}; for (let k = 0; k < 1e5; k++) o['key' + k] = { k }; all.push(o); }`,
    ),
    position: 3,
    reason: LIMIT,
  },
  {
    name: 'arraybuffer-bomb',
    code: atTrigger('const all = []; for (;;) all.push(new ArrayBuffer(1 << 26));'),
    position: 3,
    reason: LIMIT,
  },
  {
    name: 'typed-array-bomb',
    code: atTrigger('const all = []; for (;;) all.push(new Float64Array(1 << 23).fill(1));'),
    position: 3,
    reason: LIMIT,
  },
  {
    // Four references to one string of 60 million characters: little memory, a 229 MB state.
    name: 'huge-state',
    code: atTrigger(`const text = 'x'.repeat(60e6); s.a = text; s.b = text; s.c = text; s.d = text;`),
    position: LAST,
    reason: /the state is 229 MB; a state may be at most \d+ MB|ran out of memory/,
  },
  {
    name: 'cyclic-state',
    code: atTrigger('s.self = { s };'),
    position: LAST,
    reason: NOT_JSON(/state\.self\.s refers back/),
  },
  {
    name: 'function-state',
    code: atTrigger('s.f = () => 1;'),
    position: LAST,
    reason: NOT_JSON(/state\.f is a function/),
  },
  {
    name: 'bigint-state',
    code: atTrigger('s.big = 10n ** 30n;'),
    position: LAST,
    reason: NOT_JSON(/state\.big is a BigInt/),
  },
  {
    name: 'map-state',
    code: atTrigger('s.seen = new Map([[1, 2]]);'),
    position: LAST,
    reason: NOT_JSON(/state\.seen is a Map/),
  },
  {
    name: 'throwing-getter',
    code: atTrigger(
      `Object.defineProperty(s, 'x', { enumerable: true, get() { throw new Error('a getter that throws'); } });`,
    ),
    position: LAST,
    reason: /a getter that throws/,
  },
  {
    name: 'proxy-state',
    code: `fromAll().when({ $any: (s, e) => e.type === 'Trigger' ? new Proxy({}, { ownKeys() { throw new Error('a trap that throws'); } }) : s })`,
    position: LAST,
    reason: /a trap that throws/,
  },
];

/** Whether a fault's position is the one `hostile` allows (see Hostile.orLater). */
export function namesItsEvent(hostile: Hostile, position: unknown): boolean {
  if (hostile.orLater !== true || hostile.position === null) return position === hostile.position;
  return typeof position === 'number' && position >= hostile.position && position <= LAST;
}
