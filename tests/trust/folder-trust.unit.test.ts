import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderTrust, type FolderIdentity } from '../../electron/projections/trust/index.js';
import { useTempFolders } from '../store/temp-folders.js';

const tempFolder = useTempFolders('eventfold-trust-');

function settingsFile(): string {
  return path.join(tempFolder(), 'settings', 'folder-trust.json');
}

const orders: FolderIdentity = { id: 'id-1', realPath: '/data/orders' };
const CODE = 'a'.repeat(64);
const OTHER_CODE = 'b'.repeat(64);

describe('FolderTrust', () => {
  it('trusts nothing at first, and remembers a trusted folder across instances (as across restarts)', async () => {
    const file = settingsFile();
    const trust = new FolderTrust(file);
    expect(await trust.decide(orders, CODE)).toEqual({ trusted: false });
    expect(await trust.list()).toEqual([]);

    const entry = await trust.trust(orders, CODE, new Date('2026-11-26T10:00:00.000Z'));
    expect(entry).toEqual({
      id: 'id-1',
      path: '/data/orders',
      codeHash: CODE,
      trustedAt: '2026-11-26T10:00:00.000Z',
    });
    const later = new FolderTrust(file);
    expect(await later.decide(orders, CODE)).toEqual({ trusted: true });
    expect(await later.isTrusted({ id: 'id-2', realPath: '/data/orders' }, CODE)).toBe(false);
    expect(await later.list()).toEqual([entry]);
  });

  it('cannot be borrowed: the same id elsewhere, or another folder at the same place, is not trusted', async () => {
    const trust = new FolderTrust(settingsFile());
    await trust.trust(orders, CODE);
    // A folder that copied the trusted one's eventfold.json (its id) is somewhere else.
    expect(await trust.decide({ id: 'id-1', realPath: '/downloads/orders' }, CODE)).toEqual({
      trusted: false,
    });
    // Another folder put where the trusted one was has its own id.
    expect(await trust.decide({ id: 'id-9', realPath: '/data/orders' }, CODE)).toEqual({ trusted: false });
  });

  it('asks again when the code changed since, saying so, and trusting again trusts the new code only', async () => {
    const trust = new FolderTrust(settingsFile());
    await trust.trust(orders, CODE);
    expect(await trust.decide(orders, OTHER_CODE)).toEqual({ trusted: false, askAgain: 'code-changed' });
    await trust.trust(orders, OTHER_CODE);
    expect(await trust.decide(orders, OTHER_CODE)).toEqual({ trusted: true });
    expect(await trust.decide(orders, CODE)).toEqual({ trusted: false, askAgain: 'code-changed' });
    expect(await trust.list()).toHaveLength(1);
  });

  it('an entry of an earlier Eventfold (by id alone) no longer trusts, and asks again once', async () => {
    const file = settingsFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = { id: 'id-1', path: '/old/place', trustedAt: '2025-01-01T00:00:00.000Z' };
    fs.writeFileSync(file, JSON.stringify({ folders: [old] }));
    const trust = new FolderTrust(file);
    expect(await trust.list()).toEqual([old]);
    expect(await trust.decide(orders, CODE)).toEqual({ trusted: false, askAgain: 'older-trust' });
    await trust.trust(orders, CODE);
    // The old entry is replaced: it asks once, not again after.
    expect((await trust.list()).map((entry) => entry.path)).toEqual(['/data/orders']);
    expect(await trust.decide(orders, CODE)).toEqual({ trusted: true });
  });

  it('keeps one entry a folder, most recently trusted first', async () => {
    const trust = new FolderTrust(settingsFile());
    await trust.trust({ id: 'a', realPath: '/one/a' }, CODE, new Date('2026-01-01T00:00:00Z'));
    await trust.trust({ id: 'b', realPath: '/one/b' }, CODE, new Date('2026-01-02T00:00:00Z'));
    await trust.trust({ id: 'a', realPath: '/one/a' }, OTHER_CODE, new Date('2026-01-03T00:00:00Z'));
    expect(await trust.list()).toEqual([
      { id: 'a', path: '/one/a', codeHash: OTHER_CODE, trustedAt: '2026-01-03T00:00:00.000Z' },
      { id: 'b', path: '/one/b', codeHash: CODE, trustedAt: '2026-01-02T00:00:00.000Z' },
    ]);
  });

  it('revokes trust for good, and says whether there was any', async () => {
    const file = settingsFile();
    const trust = new FolderTrust(file);
    const a = { id: 'a', realPath: '/a' };
    await trust.trust(a, CODE);
    await trust.trust({ id: 'b', realPath: '/b' }, CODE);
    expect(await trust.revoke(a)).toBe(true);
    expect(await trust.revoke(a)).toBe(false);
    expect(await trust.revoke({ id: 'never', realPath: '/never' })).toBe(false);
    const later = new FolderTrust(file);
    expect(await later.isTrusted(a, CODE)).toBe(false);
    expect((await later.list()).map((entry) => entry.id)).toEqual(['b']);
  });

  it('loses no decision when two windows decide at once', async () => {
    const file = settingsFile();
    const ids = Array.from({ length: 20 }, (_, i) => `folder-${i}`);
    await Promise.all(ids.map((id, i) => new FolderTrust(file).trust({ id, realPath: `/f/${i}` }, CODE)));
    expect((await new FolderTrust(file).list()).map((entry) => entry.id).sort()).toEqual([...ids].sort());
  });

  it('treats a damaged file as no trust, keeps it aside and says where', async () => {
    const file = settingsFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"folders": [{"id": "a", "path": "/a", "trustedAt": "2026');
    const told: { keptAs: string; reason: string }[] = [];
    const trust = new FolderTrust(file, { onDamaged: (keptAs, reason) => told.push({ keptAs, reason }) });

    expect(await trust.isTrusted({ id: 'a', realPath: '/a' }, CODE)).toBe(false);
    expect(told).toHaveLength(1);
    const { keptAs, reason } = told[0]!;
    expect(path.dirname(keptAs)).toBe(path.dirname(file));
    expect(path.basename(keptAs)).toMatch(/^folder-trust\.json\.damaged-/);
    expect(reason).toContain('not JSON');
    expect(fs.readFileSync(keptAs, 'utf8')).toContain('"trustedAt": "2026');
    expect(fs.existsSync(file)).toBe(false);

    const b = { id: 'b', realPath: '/b' };
    await trust.trust(b, CODE);
    expect(await new FolderTrust(file).isTrusted(b, CODE)).toBe(true);
    expect(fs.existsSync(keptAs)).toBe(true);
    expect(told).toHaveLength(1);
  });

  it('sets aside JSON of the wrong shape too, and drops single entries that make no sense', async () => {
    const file = settingsFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify([{ id: 'a' }]));
    const told: string[] = [];
    const trust = new FolderTrust(file, { onDamaged: (keptAs) => told.push(keptAs) });
    expect(await trust.list()).toEqual([]);
    expect(told).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(told[0]!, 'utf8'))).toEqual([{ id: 'a' }]);

    const good = { id: 'good', path: '/g', codeHash: CODE, trustedAt: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(
      file,
      JSON.stringify({
        folders: [good, { id: 'no-path' }, { id: '', path: '/', trustedAt: '' }, 7, { ...good, codeHash: 3 }],
      }),
    );
    expect(await trust.list()).toEqual([good]);
    expect(told).toHaveLength(1);
  });

  it('trusts nothing when the file cannot be read, and a decision then fails saying why', async () => {
    const file = settingsFile();
    fs.mkdirSync(file, { recursive: true });
    const trust = new FolderTrust(file);
    expect(await trust.isTrusted({ id: 'a', realPath: '/a' }, CODE)).toBe(false);
    await expect(trust.trust({ id: 'a', realPath: '/a' }, CODE)).rejects.toThrow(/EISDIR|EPERM|directory/i);
    await expect(trust.trust({ id: '', realPath: '/a' }, CODE)).rejects.toThrow('manifest id');
  });
});
