import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Projections from '../../electron/projections/index.js';
import { folderWith, later, projections } from './projection-fixture.js';

/**
 * As if the next context escape had been found: the sandbox process puts an object of its own realm (and
 * its `process`) into the projection's context, through a test-only option that no folder, command line or
 * contract request reaches (SandboxTestOptions.plantHostRealm). The projection then tries what an attacker
 * would; the test shows what the walls behind the context still stop.
 */
const ADDON = path.resolve(
  import.meta.dirname,
  '../../node_modules/better-sqlite3/build/Release/better_sqlite3.node',
);

function attempts(target: {
  outbox: string;
  secret: string;
  home: string;
  segment: string;
  ownCode: string;
  hostPid: number;
  port: number;
}): string {
  return `
const results = {};
const attempt = (name, work) => {
  try { results[name] = 'did: ' + String(work()).slice(0, 120); }
  catch (error) { results[name] = 'refused: ' + String(error && (error.code || error.name)); }
};
fromAll().when({
  $init: () => ({}),
  $any: (state, event) => {
    if (event.position !== 1) return { ...state, results };
    const planted = globalThis.__hostRealm;
    attempt('code from the host realm', () => planted.error.constructor.constructor('return process')());
    const host = planted.process;
    const fs = host.getBuiltinModule('fs');
    attempt('write a file', () => fs.writeFileSync(${JSON.stringify(path.join(target.outbox, 'escaped.txt'))}, 'x'));
    attempt('read a file elsewhere', () => fs.readFileSync(${JSON.stringify(target.secret)}, 'utf8'));
    attempt('list the home folder', () => fs.readdirSync(${JSON.stringify(target.home)}).length);
    attempt('read the event folder', () => fs.readFileSync(${JSON.stringify(target.segment)}, 'utf8').length);
    attempt('read its own code', () => fs.readFileSync(${JSON.stringify(target.ownCode)}, 'utf8').length);
    attempt('start a process', () => host.getBuiltinModule('child_process').spawnSync('/bin/sh', ['-c', 'touch ${path.join(target.outbox, 'spawned')}']).status);
    attempt('start a worker', () => new (host.getBuiltinModule('worker_threads').Worker)('1', { eval: true }));
    attempt('load an addon', () => host.dlopen({ exports: {} }, ${JSON.stringify(ADDON)}));
    attempt('reach internal bindings', () => host.binding('fs'));
    attempt('open an inspector', () => host.getBuiltinModule('inspector').open(0));
    attempt('signal the host', () => host.kill(${target.hostPid}, 0));
    attempt('signal every process', () => host.kill(-1, 0));
    attempt('read the environment', () => JSON.stringify(Object.keys(host.env)));
    results.connect = 'pending';
    const socket = host.getBuiltinModule('net').connect(${target.port}, '127.0.0.1');
    socket.on('connect', () => { results.connect = 'did: connected'; socket.destroy(); });
    socket.on('error', (error) => { results.connect = 'refused: ' + error.code; });
    return { ...state, results };
  },
});`;
}

describe('the walls behind the projection context, shown with a planted host object', () => {
  it('no file written, no file outside its own code read, no process, worker, addon or signal; no network in a namespace', async () => {
    const store = await folderWith([
      { stream: 'a-1', type: 'T', data: {} },
      { stream: 'a-2', type: 'T', data: {} },
    ]);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-outside-'));
    later(() => fs.rmSync(outside, { recursive: true, force: true }));
    const outbox = path.join(outside, 'outbox');
    fs.mkdirSync(outbox);
    const secret = path.join(outside, 'secret.txt');
    fs.writeFileSync(secret, 'private journal entry');
    const connections: net.Socket[] = [];
    const server = net.createServer((socket) => {
      connections.push(socket);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    later(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const segment = path.join(
      store.folder,
      'log',
      fs.readdirSync(path.join(store.folder, 'log')).find((name) => name.endsWith('.jsonl'))!,
    );

    const sandbox = await projections.ProjectionProcess.start(
      'planted',
      store,
      {
        kind: 'user',
        filename: 'projections/planted.js',
        text: attempts({
          outbox,
          secret,
          home: os.homedir(),
          segment,
          ownCode: projections.SANDBOX_ENTRY,
          hostPid: process.pid,
          port: (server.address() as net.AddressInfo).port,
        }),
      },
      {},
      { plantHostRealm: true },
    );
    later(() => sandbox.terminate());
    await sandbox.reset('live', null, 0);
    await sandbox.fold('live', 1);
    let results: Record<string, string> = {};
    for (let i = 0; i < 100; i++) {
      await sandbox.fold('live', 1);
      results = (JSON.parse(await sandbox.state('live')) as { results: Record<string, string> }).results;
      if (results.connect !== 'pending') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.info(`The sandbox's walls here: ${JSON.stringify(sandbox.walls)}`);
    console.info(`What the planted object could do:\n${JSON.stringify(results, null, 2)}`);

    expect(results['code from the host realm']).toBe('refused: EvalError');
    expect(results['write a file']).toBe('refused: ERR_ACCESS_DENIED');
    expect(results['read a file elsewhere']).toBe('refused: ERR_ACCESS_DENIED');
    expect(results['list the home folder']).toBe('refused: ERR_ACCESS_DENIED');
    expect(results['read the event folder']).toBe('refused: ERR_ACCESS_DENIED');
    expect(results['read its own code']).toMatch(/^did: \d+$/);
    expect(results['start a process']).toBe('refused: ERR_ACCESS_DENIED');
    expect(results['start a worker']).toBe('refused: ERR_ACCESS_DENIED');
    expect(results['load an addon']).toMatch(/^refused: (ERR_DLOPEN_DISABLED|ERR_ACCESS_DENIED)$/);
    expect(results['reach internal bindings']).toBe('refused: ERR_ACCESS_DENIED');
    expect(results['open an inspector']).toBe('refused: ERR_ACCESS_DENIED');
    expect(results['read the environment']).toBe('did: []');
    expect(fs.readdirSync(outbox)).toEqual([]);
    expect(sandbox.walls).toMatchObject({
      permissionModel: true,
      codeGenerationOff: true,
      importRefusedInContext: true,
    });

    if (sandbox.walls.processes === 'namespace') {
      expect(results['signal the host']).toBe('refused: ESRCH');
      expect(results['signal every process']).toBe('refused: ESRCH');
    } else {
      console.warn(
        'No PID namespace here (unshare is not available): the sandbox can signal processes of this user.',
      );
    }
    if (sandbox.walls.network === 'namespace') {
      expect(results.connect).toMatch(/^refused: (ENETUNREACH|ECONNREFUSED)$/);
      expect(connections).toHaveLength(0);
    } else {
      console.warn(
        `No network namespace here (unshare is not available): the planted object's connection attempt ended ${results.connect}; Node 20's permission model does not close the network.`,
      );
    }
  });

  it('import() in the context rejects with an error of the context even with the parser’s check skipped', async () => {
    const store = await folderWith([{ stream: 'a-1', type: 'T', data: {} }]);
    const code = `
let outcome = 'pending';
import('node:fs').then(
  () => { outcome = 'imported'; },
  (error) => {
    let made;
    try { made = typeof error.constructor.constructor('return process')(); } catch (e) { made = e.name; }
    outcome = (error instanceof Error ? 'an error of the context' : 'an error of the host') + ', its Function: ' + made;
  },
);
fromAll().when({ $any: () => ({ outcome }) });`;
    const sandbox: Projections.ProjectionProcess = await projections.ProjectionProcess.start(
      'importer',
      store,
      { kind: 'user', filename: 'projections/importer.js', text: code },
      {},
      { skipCodeCheck: true },
    );
    later(() => sandbox.terminate());
    await sandbox.reset('live', null, 0);
    await sandbox.fold('live', 1);
    expect(JSON.parse(await sandbox.state('live'))).toEqual({
      outcome: 'an error of the context, its Function: EvalError',
    });
  });
});
