import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOLDER_TRUST_FILE, RecentFolders } from '../../electron/api/index.js';
import { initEventFolder } from '../../electron/store/index.js';
import { useApiFixture } from '../api/api-session-fixture.js';

const fixture = useApiFixture();

/** Sessions sharing one user data folder, as the windows of one app do. */
function userData() {
  const dir = fixture.tempFolder();
  const recentFile = path.join(dir, 'recent-folders.json');
  return {
    trustFile: path.join(dir, FOLDER_TRUST_FILE),
    session: () => fixture.session({ recent: new RecentFolders(recentFile) }),
  };
}

function manifestId(folder: string): string {
  return (JSON.parse(fs.readFileSync(path.join(folder, 'eventfold.json'), 'utf8')) as { id: string }).id;
}

describe('folder.trust and trust.status', () => {
  it('a new folder is not trusted; trust.status counts its projections/*.js files', async () => {
    const folder = await fixture.folder([{ stream: 'order-1', type: 'Placed' }]);
    const session = await fixture.opened(folder);
    expect(await session.call('trust.status', undefined)).toEqual({ trusted: false, projections: 0 });

    fs.mkdirSync(path.join(folder, 'projections', 'drafts.js'), { recursive: true });
    for (const name of ['totals.js', 'by-day.js', 'README.md']) {
      fs.writeFileSync(path.join(folder, 'projections', name), 'fromAll().when({})');
    }
    expect(await session.call('trust.status', undefined)).toEqual({ trusted: false, projections: 2 });
  });

  it('trusting is kept in the app settings by the folder’s place, id and code, seen by other windows, and revocable', async () => {
    const folder = await fixture.folder();
    const app = userData();
    const first = app.session();
    await first.call('folder.open', { path: folder });
    const folderFilesBefore = fs.readdirSync(folder).sort();

    expect(await first.call('folder.trust', { trusted: true })).toEqual({ trusted: true });
    const second = app.session();
    await second.call('folder.open', { path: folder });
    expect(await second.call('trust.status', undefined)).toEqual({ trusted: true, projections: 0 });

    const saved = JSON.parse(fs.readFileSync(app.trustFile, 'utf8')) as { folders: { trustedAt: string }[] };
    expect(saved.folders).toEqual([
      {
        id: manifestId(folder),
        path: fs.realpathSync(folder),
        codeHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        trustedAt: saved.folders[0]?.trustedAt,
      },
    ]);
    expect(Date.now() - Date.parse(saved.folders[0]!.trustedAt)).toBeLessThan(60_000);
    expect(fs.readdirSync(folder).sort()).toEqual(folderFilesBefore);

    expect(await second.call('folder.trust', { trusted: false })).toEqual({ trusted: false });
    expect(await first.call('trust.status', undefined)).toEqual({ trusted: false, projections: 0 });
  });

  it('trust cannot be borrowed: not by a copy of its manifest elsewhere, nor by another folder in its place', async () => {
    const app = userData();
    const original = await fixture.folder();
    fs.mkdirSync(path.join(original, 'projections'));
    fs.writeFileSync(path.join(original, 'projections', 'totals.js'), 'fromAll().when({})');
    const session = app.session();
    await session.call('folder.open', { path: original });
    await session.call('folder.trust', { trusted: true });
    await session.session.dispose();

    // Someone sends a folder that copied the trusted one's eventfold.json (its id) and its code.
    const borrowed = path.join(fixture.tempFolder(), 'borrowed');
    fs.cpSync(original, borrowed, { recursive: true });
    const stranger = app.session();
    await stranger.call('folder.open', { path: borrowed });
    expect(await stranger.call('trust.status', undefined)).toEqual({ trusted: false, projections: 1 });

    // Another folder put where the trusted one was.
    const moved = path.join(fixture.tempFolder(), 'moved');
    fs.renameSync(original, moved);
    await initEventFolder(original);
    await stranger.call('folder.open', { path: original });
    expect((await stranger.call('trust.status', undefined)).trusted).toBe(false);
    // The trusted folder itself, moved, asks again too: trust is for a place.
    await stranger.call('folder.open', { path: moved });
    expect((await stranger.call('trust.status', undefined)).trusted).toBe(false);
  });

  it('asks again, saying the code changed, when a trusted folder’s projection files change', async () => {
    const app = userData();
    const folder = await fixture.folder();
    fs.mkdirSync(path.join(folder, 'projections'));
    const file = path.join(folder, 'projections', 'totals.js');
    fs.writeFileSync(file, 'fromAll().when({})');
    const session = app.session();
    await session.call('folder.open', { path: folder });
    await session.call('folder.trust', { trusted: true });
    expect(await session.call('trust.status', undefined)).toEqual({ trusted: true, projections: 1 });

    fs.writeFileSync(file, 'fromAll().when({ $any: (s) => s })');
    expect(await session.call('trust.status', undefined)).toEqual({
      trusted: false,
      projections: 1,
      askAgain: 'code-changed',
    });
    // A new file is new code as well.
    await session.call('folder.trust', { trusted: true });
    fs.writeFileSync(path.join(folder, 'projections', 'more.js'), 'fromAll().when({})');
    expect((await session.call('trust.status', undefined)).askAgain).toBe('code-changed');
  });

  it('an entry an earlier Eventfold kept (by id alone) asks again once', async () => {
    const app = userData();
    const folder = await fixture.folder();
    fs.writeFileSync(
      app.trustFile,
      JSON.stringify({
        folders: [{ id: manifestId(folder), path: folder, trustedAt: '2025-01-01T00:00:00.000Z' }],
      }),
    );
    const session = app.session();
    await session.call('folder.open', { path: folder });
    expect(await session.call('trust.status', undefined)).toEqual({
      trusted: false,
      projections: 0,
      askAgain: 'older-trust',
    });
    await session.call('folder.trust', { trusted: true });
    expect(await session.call('trust.status', undefined)).toEqual({ trusted: true, projections: 0 });
  });

  it('refuses without an open folder, and refuses a trusted flag that is not true or false', async () => {
    const session = fixture.session();
    for (const [name, arg] of [
      ['folder.trust', { trusted: true }],
      ['trust.status', undefined],
    ] as const) {
      const error = await session.refusal(name, arg);
      expect(error.code, name).toBe('NoFolder');
      expect(error.message).toContain(name);
    }
    const opened = await fixture.opened(await fixture.folder());
    const bad = await opened.refusal('folder.trust', { trusted: 'yes' });
    expect(bad.code).toBe('BadRequest');
    expect(bad.message).toContain('trusted must be true or false');
  });

  it('with a damaged trust file, the folder is untrusted and the page is told where the file was kept', async () => {
    const app = userData();
    fs.writeFileSync(app.trustFile, 'not json at all');
    const session = app.session();
    await session.call('folder.open', { path: await fixture.folder() });
    expect((await session.call('trust.status', undefined)).trusted).toBe(false);

    const kept = fs.readdirSync(path.dirname(app.trustFile)).filter((name) => name.includes('.damaged-'));
    expect(kept).toHaveLength(1);
    const [error] = session.pushed('app.error');
    expect(error?.message).toContain(path.join(path.dirname(app.trustFile), kept[0]!));
    expect(await session.call('folder.trust', { trusted: true })).toEqual({ trusted: true });
  });
});
