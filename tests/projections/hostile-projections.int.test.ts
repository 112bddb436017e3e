import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventfold } from '../cli/eventfold-process.js';
import { SessionUnderTest } from '../api/api-session-fixture.js';
import { HOSTILE, HOSTILE_EVENTS, LAST, namesItsEvent } from './hostile-code.js';
import { api, appendAll, store } from './projection-fixture.js';

/**
 * The suite of hostile projections, through every host that runs projection code: the api session the
 * app's windows use (a trusted folder's projections/*.js), What if… (code typed into the app, no trust),
 * and `eventfold project` (a projection named on the command line). Each must fault only itself, naming
 * the event and the reason, while its host goes on answering.
 */

let folder: string;
let settings: string;
let window: SessionUnderTest;

/** The app's memory limit is lowered so that the bombs are quick; the CLI keeps the defaults (512 MB, 1 s). */
const APP_LIMITS = { memoryMb: 128 };

beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-hostile-'));
  folder = path.join(root, 'events');
  settings = path.join(root, 'settings');
  fs.mkdirSync(settings);
  await store.initEventFolder(folder);
  const opened = await store.openEventStore(folder, { durability: 'none' });
  await appendAll(opened, HOSTILE_EVENTS);
  await opened.close();
  fs.mkdirSync(path.join(folder, 'projections'));
  for (const hostile of HOSTILE)
    fs.writeFileSync(path.join(folder, 'projections', `${hostile.name}.js`), hostile.code);

  window = new SessionUnderTest(
    new api.FolderRegistry({ durability: 'none', projectionLimits: APP_LIMITS }),
    new api.RecentFolders(path.join(settings, 'recent.json')),
    { mode: 'browser' },
    api.createApiSession,
  );
  await window.call('folder.open', { path: folder });
  await window.call('folder.trust', { trusted: true });
});

afterAll(async () => {
  await window.session.dispose();
  fs.rmSync(path.dirname(folder), { recursive: true, force: true });
});

/** The host answers: a built-in projection's state, and the list, right after a hostile one faulted. */
async function hostAnswers(): Promise<void> {
  expect(await window.call('projection.state', { name: 'stream-statistics' })).toMatchObject({
    position: LAST,
    state: { events: LAST },
  });
  expect((await window.call('projections.list', undefined)).length).toBeGreaterThan(HOSTILE.length);
}

describe('hostile projections in a trusted folder, through the app’s api', () => {
  it.each(HOSTILE.map((hostile) => [hostile.name, hostile] as const))(
    '%s faults only itself',
    async (name, hostile) => {
      const refusal = await window.refusal('projection.state', { name });
      expect(refusal.code).toBe('ProjectionFault');
      expect(refusal.details).toMatchObject({ projection: name });
      expect(namesItsEvent(hostile, (refusal.details as { position: unknown }).position)).toBe(true);
      expect((refusal.details as { reason: string }).reason).toMatch(hostile.reason);
      const listed = (await window.call('projections.list', undefined)).find(
        (projection) => projection.name === name,
      );
      // Faults while folding are the projection's status; a state that cannot be kept faults the read of it.
      if (hostile.position !== LAST) expect(listed?.status).toBe('faulted');
      await hostAnswers();
    },
  );
});

describe('hostile code in What if… (no trust needed: the same sandbox)', () => {
  it.each(HOSTILE.map((hostile) => [hostile.name, hostile] as const))(
    '%s faults only the run',
    async (_name, hostile) => {
      const refusal = await window.refusal('projection.whatif', { code: hostile.code });
      expect(refusal.code).toBe('ProjectionFault');
      expect(refusal.details).toMatchObject({ projection: 'what-if' });
      expect(namesItsEvent(hostile, (refusal.details as { position: unknown }).position)).toBe(true);
      expect((refusal.details as { reason: string }).reason).toMatch(hostile.reason);
      await hostAnswers();
    },
  );
});

describe('hostile projections named to eventfold project', () => {
  it.each(HOSTILE.map((hostile) => [hostile.name, hostile] as const))(
    '%s exits 1 with its fault, the command itself intact',
    async (name, hostile) => {
      const result = await eventfold(['project', folder, name, '--json']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const at = /faulted at position (\d+): /.exec(result.stderr)?.[1];
      const said =
        hostile.position === null
          ? `projection ${name} failed: `
          : `projection ${name} faulted at position ${namesItsEvent(hostile, Number(at)) ? at : hostile.position}: `;
      expect(result.stderr).toContain(said);
      expect(result.stderr.slice(result.stderr.indexOf(said) + said.length).trim()).toMatch(hostile.reason);
    },
  );

  it('and a sound projection next to them runs', async () => {
    const result = await eventfold(['project', folder, 'stream-statistics', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ events: LAST });
    // The sandboxes of the faulted runs wrote nothing (no 'owned' file, nothing new in the folder).
    expect(
      fs
        .readdirSync(folder)
        .filter((name) => !['cache', 'eventfold.json', 'log', 'projections', 'write.lock'].includes(name)),
    ).toEqual([]);
    expect(fs.existsSync(path.join(os.tmpdir(), 'owned'))).toBe(false);
  });
});
