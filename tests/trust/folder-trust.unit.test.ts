import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderTrust } from '../../electron/projections/trust/index.js';
import { useTempFolders } from '../store/temp-folders.js';

const tempFolder = useTempFolders('eventfold-trust-');

function settingsFile(): string {
  return path.join(tempFolder(), 'settings', 'folder-trust.json');
}

describe('FolderTrust', () => {
  it('trusts nothing at first, and remembers a trusted folder across instances (as across restarts)', async () => {
    const file = settingsFile();
    const trust = new FolderTrust(file);
    expect(await trust.isTrusted('id-1')).toBe(false);
    expect(await trust.list()).toEqual([]);

    const entry = await trust.trust('id-1', '/data/orders', new Date('2026-11-26T10:00:00.000Z'));
    expect(entry).toEqual({ id: 'id-1', path: '/data/orders', trustedAt: '2026-11-26T10:00:00.000Z' });
    const later = new FolderTrust(file);
    expect(await later.isTrusted('id-1')).toBe(true);
    expect(await later.isTrusted('id-2')).toBe(false);
    expect(await later.list()).toEqual([entry]);
  });

  it('keeps one entry a folder, most recently trusted first, with the path seen last', async () => {
    const trust = new FolderTrust(settingsFile());
    await trust.trust('a', '/one/a', new Date('2026-01-01T00:00:00Z'));
    await trust.trust('b', '/one/b', new Date('2026-01-02T00:00:00Z'));
    await trust.trust('a', '/moved/a', new Date('2026-01-03T00:00:00Z'));
    expect(await trust.list()).toEqual([
      { id: 'a', path: '/moved/a', trustedAt: '2026-01-03T00:00:00.000Z' },
      { id: 'b', path: '/one/b', trustedAt: '2026-01-02T00:00:00.000Z' },
    ]);
  });

  it('revokes trust for good, and says whether there was any', async () => {
    const file = settingsFile();
    const trust = new FolderTrust(file);
    await trust.trust('a', '/a');
    await trust.trust('b', '/b');
    expect(await trust.revoke('a')).toBe(true);
    expect(await trust.revoke('a')).toBe(false);
    expect(await trust.revoke('never')).toBe(false);
    const later = new FolderTrust(file);
    expect(await later.isTrusted('a')).toBe(false);
    expect((await later.list()).map((entry) => entry.id)).toEqual(['b']);
  });

  it('loses no decision when two windows decide at once', async () => {
    const file = settingsFile();
    const ids = Array.from({ length: 20 }, (_, i) => `folder-${i}`);
    await Promise.all(ids.map((id, i) => new FolderTrust(file).trust(id, `/f/${i}`)));
    expect((await new FolderTrust(file).list()).map((entry) => entry.id).sort()).toEqual([...ids].sort());
  });

  it('treats a damaged file as no trust, keeps it aside and says where', async () => {
    const file = settingsFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"folders": [{"id": "a", "path": "/a", "trustedAt": "2026');
    const told: { keptAs: string; reason: string }[] = [];
    const trust = new FolderTrust(file, { onDamaged: (keptAs, reason) => told.push({ keptAs, reason }) });

    expect(await trust.isTrusted('a')).toBe(false);
    expect(told).toHaveLength(1);
    const { keptAs, reason } = told[0]!;
    expect(path.dirname(keptAs)).toBe(path.dirname(file));
    expect(path.basename(keptAs)).toMatch(/^folder-trust\.json\.damaged-/);
    expect(reason).toContain('not JSON');
    expect(fs.readFileSync(keptAs, 'utf8')).toContain('"trustedAt": "2026');
    expect(fs.existsSync(file)).toBe(false);

    await trust.trust('b', '/b');
    expect(await new FolderTrust(file).isTrusted('b')).toBe(true);
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

    const good = { id: 'good', path: '/g', trustedAt: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(
      file,
      JSON.stringify({ folders: [good, { id: 'no-path' }, { id: '', path: '/', trustedAt: '' }, 7] }),
    );
    expect(await trust.list()).toEqual([good]);
    expect(told).toHaveLength(1);
  });

  it('trusts nothing when the file cannot be read, and a decision then fails saying why', async () => {
    const file = settingsFile();
    fs.mkdirSync(file, { recursive: true });
    const trust = new FolderTrust(file);
    expect(await trust.isTrusted('a')).toBe(false);
    await expect(trust.trust('a', '/a')).rejects.toThrow(/EISDIR|EPERM|directory/i);
    await expect(trust.trust('', '/a')).rejects.toThrow('manifest id');
  });
});
