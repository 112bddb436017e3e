import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTypeScript } from '../library/typescript-program.js';

/**
 * The package as users get it: `npm pack` (which builds it, browser app included), then the tarball
 * installed into a new project and globally into a prefix of its own. Installing fetches the package's
 * dependencies (from the npm cache when it has them). An e2e-tier test: it rebuilds dist/ and out/ through
 * npm's own scripts, so it must not run beside tests that read them.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-package-'));
let tarball = '';

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  return result;
}

function runOk(command: string, args: readonly string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${String(result.status)}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

const INSTALL = ['--prefer-offline', '--no-audit', '--no-fund'];

beforeAll(() => {
  runOk('npm', ['pack', '--pack-destination', temp], REPO);
  const packed = fs.readdirSync(temp).filter((name) => /^eventfold-.*\.tgz$/.test(name));
  expect(packed).toHaveLength(1);
  tarball = path.join(temp, packed[0]!);
}, 900_000);

afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe('the packed package', () => {
  it('carries the CLI, the library with its types and the built browser app, and no sources or tests', () => {
    const files = runOk('tar', ['tzf', tarball], temp)
      .split('\n')
      .filter(Boolean)
      .map((name) => name.replace(/^package\//, ''));
    for (const needed of [
      'package.json',
      'bin/eventfold.js',
      'dist/electron/cli/main.js',
      'dist/electron/store/library.js',
      'dist/electron/store/library.d.ts',
      'dist/shared/event.d.ts',
      'out/renderer/index.html',
    ]) {
      expect(files, needed).toContain(needed);
    }
    expect(files.some((name) => name.startsWith('out/renderer/assets/') && name.endsWith('.js'))).toBe(true);
    const unwanted = files.filter((name) =>
      /^(tests|bench|renderer|electron|shared|scripts|node_modules)\//.test(name),
    );
    expect(unwanted).toEqual([]);
    expect(files.filter((name) => name.startsWith('dist/tests/') || name.startsWith('dist/bench/'))).toEqual(
      [],
    );
  });

  it(
    'installed into a project, serves a strict TypeScript file and a JavaScript file',
    { timeout: 900_000 },
    () => {
      const project = path.join(temp, 'project');
      fs.mkdirSync(project);
      fs.writeFileSync(
        path.join(project, 'package.json'),
        JSON.stringify({ name: 'uses-eventfold', private: true, type: 'module' }),
      );
      runOk('npm', ['install', ...INSTALL, tarball], project);
      const manifest = JSON.parse(
        fs.readFileSync(path.join(project, 'node_modules/eventfold/package.json'), 'utf8'),
      ) as {
        version: string;
      };
      expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
      // Renderer-only packages are bundled into out/renderer: installing the library does not fetch them.
      for (const bundled of ['codemirror', 'virtua', 'dompurify', 'svelte', 'electron']) {
        expect(fs.existsSync(path.join(project, 'node_modules', bundled)), bundled).toBe(false);
      }

      fs.writeFileSync(path.join(project, 'orders.ts'), TYPESCRIPT_CONSUMER);
      fs.writeFileSync(path.join(project, 'internal-option.ts'), INTERNAL_OPTION);
      const refused = compileTypeScript(project, ['internal-option.ts']);
      expect(refused.ok).toBe(false);
      expect(refused.output).toContain("'journalBytes' does not exist in type 'OpenOptions'");
      const compiled = compileTypeScript(project, ['orders.ts']);
      expect(compiled.output).toBe('');
      expect(runOk(process.execPath, ['js/orders.js'], project)).toBe(CONSUMER_OUTPUT);

      fs.writeFileSync(path.join(project, 'orders.mjs'), JAVASCRIPT_CONSUMER);
      expect(runOk(process.execPath, ['orders.mjs'], project)).toBe(CONSUMER_OUTPUT);

      // Only the entry point is public: the package's files are not importable by path.
      fs.writeFileSync(
        path.join(project, 'deep.mjs'),
        "await import('eventfold/dist/electron/store/index.js');\n",
      );
      const deep = run(process.execPath, ['deep.mjs'], project);
      expect(deep.status).not.toBe(0);
      expect(deep.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
    },
  );

  it(
    'installed globally, gives a working eventfold command, serve included',
    { timeout: 900_000 },
    async () => {
      const prefix = path.join(temp, 'global');
      runOk('npm', ['install', '-g', '--prefix', prefix, ...INSTALL, tarball], temp);
      const bin = path.join(prefix, 'bin', 'eventfold');
      expect(fs.existsSync(bin)).toBe(true);
      const dir = path.join(temp, 'journal');
      expect(runOk(bin, ['init', dir], temp)).toContain(`Created event folder ${dir}`);
      const input = [
        '{"stream":"cart-1","type":"Opened"}',
        '{"stream":"cart-2","type":"Opened"}',
        '{"stream":"cart-1","type":"Closed"}',
      ];
      fs.writeFileSync(path.join(temp, 'events.jsonl'), input.join('\n'));
      const appended = spawnSync(bin, ['append', dir, '--stdin'], {
        input: fs.readFileSync(path.join(temp, 'events.jsonl')),
        encoding: 'utf8',
      });
      expect(appended.stdout).toBe('Read 3 lines: appended 3 events at positions 1-3\n');
      expect(
        runOk(bin, ['read', dir, '--json'], temp)
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { stream: string }).stream),
      ).toEqual(['cart-1', 'cart-2', 'cart-1']);

      const serve = spawn(bin, ['serve', dir, '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      serve.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const first = await new Promise<string>((resolve, reject) => {
        let out = '';
        serve.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        serve.once('close', () => reject(new Error(`serve exited: ${stderr}`)));
      });
      const url = /at (http:\/\/\S+)$/.exec(first)?.[1];
      expect(url, first).toBeDefined();
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Eventfold</title>');
      serve.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => serve.once('close', resolve));
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    },
  );
});

/** What both consumers print: the same program, in TypeScript and in JavaScript. */
const CONSUMER_OUTPUT = [
  'folder positions 1,2,3',
  'order-1 1 12.5',
  'live 4 OrderShipped',
  'conflict 1 2',
  'memory positions 1,2,3',
  '',
].join('\n');

const TYPESCRIPT_CONSUMER = `import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  initEventFolder,
  MemoryEventStore,
  openEventStore,
  WrongExpectedRevisionError,
  type EventStoreApi,
  type StreamPage,
} from 'eventfold';

interface OrderPlaced {
  readonly total: number;
}

/** Runs against either store, the folder or memory. */
async function placeOrders(store: EventStoreApi): Promise<string> {
  const results = await store.appendMany([
    { stream: 'order-1', events: [{ type: 'OrderPlaced', data: { total: 12.5 } }] },
    { stream: 'order-2', events: [{ type: 'OrderPlaced', data: { total: 3 } }] },
    { stream: 'order-1', events: [{ type: 'OrderPaid' }], expectedRevision: 0 },
  ]);
  return results.map((result) => result.firstPosition).join(',');
}

async function placedTotal(store: EventStoreApi, stream: string): Promise<number> {
  let total = 0;
  for await (const event of store.readStream(stream)) {
    if (event.type === 'OrderPlaced') total += (event.data as unknown as OrderPlaced).total;
  }
  return total;
}

const dir = path.join(await mkdtemp(path.join(tmpdir(), 'consumer-')), 'events');
await initEventFolder(dir);
const store = await openEventStore(dir, { durability: 'always', watch: false });
console.log('folder positions', await placeOrders(store));
const page: StreamPage = await store.readStream('order-1');
console.log('order-1', page.currentRevision, await placedTotal(store, 'order-1'));
const live = store.subscribe({ after: 'end' });
await store.appendToStream('order-1', [{ type: 'OrderShipped' }], { expectedRevision: page.currentRevision });
for await (const event of live) {
  console.log('live', event.position, event.type);
  break;
}
try {
  await store.appendToStream('order-1', [{ type: 'OrderShipped' }], { expectedRevision: page.currentRevision });
} catch (error) {
  if (!(error instanceof WrongExpectedRevisionError)) throw error;
  console.log('conflict', error.expected, error.actual);
}
await store.close();
const memory = new MemoryEventStore();
console.log('memory positions', await placeOrders(memory));
await memory.close();
`;

const JAVASCRIPT_CONSUMER = `import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initEventFolder, MemoryEventStore, openEventStore, WrongExpectedRevisionError } from 'eventfold';

async function placeOrders(store) {
  const results = await store.appendMany([
    { stream: 'order-1', events: [{ type: 'OrderPlaced', data: { total: 12.5 } }] },
    { stream: 'order-2', events: [{ type: 'OrderPlaced', data: { total: 3 } }] },
    { stream: 'order-1', events: [{ type: 'OrderPaid' }], expectedRevision: 0 },
  ]);
  return results.map((result) => result.firstPosition).join(',');
}

async function placedTotal(store, stream) {
  let total = 0;
  for await (const event of store.readStream(stream)) if (event.type === 'OrderPlaced') total += event.data.total;
  return total;
}

const dir = path.join(await mkdtemp(path.join(tmpdir(), 'consumer-')), 'events');
await initEventFolder(dir);
const store = await openEventStore(dir, { watch: false });
console.log('folder positions', await placeOrders(store));
const page = await store.readStream('order-1');
console.log('order-1', page.currentRevision, await placedTotal(store, 'order-1'));
const live = store.subscribe({ after: 'end' });
await store.appendToStream('order-1', [{ type: 'OrderShipped' }], { expectedRevision: page.currentRevision });
for await (const event of live) {
  console.log('live', event.position, event.type);
  break;
}
try {
  await store.appendToStream('order-1', [{ type: 'OrderShipped' }], { expectedRevision: page.currentRevision });
} catch (error) {
  if (!(error instanceof WrongExpectedRevisionError)) throw error;
  console.log('conflict', error.expected, error.actual);
}
await store.close();
const memory = new MemoryEventStore();
console.log('memory positions', await placeOrders(memory));
await memory.close();
`;

/** An option only the store's own tests use: not part of the published types. */
const INTERNAL_OPTION = `import { openEventStore } from 'eventfold';
await openEventStore('events', { journalBytes: 4096 });
`;
