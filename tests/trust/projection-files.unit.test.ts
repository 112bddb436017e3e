import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProjectionFiles, withFile } from '../../electron/projections/trust/index.js';
import { useTempFolders } from '../store/temp-folders.js';

const tempFolder = useTempFolders('eventfold-projection-files-');

function folderWith(files: Record<string, string>): string {
  const folder = tempFolder();
  fs.mkdirSync(path.join(folder, 'projections'));
  for (const [name, text] of Object.entries(files))
    fs.writeFileSync(path.join(folder, 'projections', name), text);
  return folder;
}

describe('the hash trust is kept for', () => {
  it('is the same for the same files, and differs when a name, a text or the set of files differs', async () => {
    const base = await readProjectionFiles(folderWith({ 'a.js': 'A', 'b.js': 'B' }));
    expect(base.files.map((file) => file.name)).toEqual(['a.js', 'b.js']);
    expect((await readProjectionFiles(folderWith({ 'b.js': 'B', 'a.js': 'A' }))).hash).toBe(base.hash);
    const others: Record<string, string>[] = [
      { 'a.js': 'A', 'b.js': 'B2' },
      { 'a.js': 'A', 'c.js': 'B' },
      { 'a.js': 'A' },
      { 'a.js': 'A', 'b.js': 'B', 'c.js': '' },
      // Boundaries cannot be moved between names and texts.
      { 'a.js': 'Ab.js', 'b.js': '' },
    ];
    for (const other of others) {
      expect((await readProjectionFiles(folderWith(other))).hash, JSON.stringify(other)).not.toBe(base.hash);
    }
  });

  it('ignores other files and folders named .js, and is that of no files without projections/', async () => {
    const folder = folderWith({ 'a.js': 'A', 'notes.md': 'x' });
    fs.mkdirSync(path.join(folder, 'projections', 'dir.js'));
    expect((await readProjectionFiles(folder)).hash).toBe(
      (await readProjectionFiles(folderWith({ 'a.js': 'A' }))).hash,
    );
    const empty = await readProjectionFiles(tempFolder());
    expect(empty.files).toEqual([]);
  });

  it('of a save about to be made is the hash of the folder once it is written', async () => {
    const folder = folderWith({ 'a.js': 'A', 'b.js': 'B' });
    const before = await readProjectionFiles(folder);
    const expected = withFile(before, 'b.js', 'B, edited');
    fs.writeFileSync(path.join(folder, 'projections', 'b.js'), 'B, edited');
    expect((await readProjectionFiles(folder)).hash).toBe(expected.hash);
    const added = withFile(expected, 'c.js', 'C');
    fs.writeFileSync(path.join(folder, 'projections', 'c.js'), 'C');
    expect((await readProjectionFiles(folder)).hash).toBe(added.hash);
  });
});
