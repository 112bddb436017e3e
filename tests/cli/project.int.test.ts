import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendLines, eventfold, eventfoldOk, newFolder, tempDir } from './eventfold-process.js';

const EVENTS = [
  { stream: 'doc-1', type: 'Set', data: { title: 'draft', tags: ['a'] } },
  { stream: 'doc-2', type: 'Set', data: { title: 'other' } },
  { stream: 'doc-1', type: 'Set', data: { title: 'final', tags: null } },
];

const TOTAL = `fromAll().when({ $init: () => ({ n: 0 }), Set: (s, e) => { s.n += 1; s.last = e.data.title; } })`;

async function folderWithDocs(): Promise<string> {
  const dir = await newFolder();
  // One append each: a single append groups its events by stream.
  for (const event of EVENTS) await appendLines(dir, [event]);
  return dir;
}

describe('eventfold project', () => {
  it('prints a built-in projection at the end of the log and at a position', async () => {
    const dir = await folderWithDocs();
    expect(JSON.parse(await eventfoldOk(['project', dir, 'stream-documents', '--json']))).toEqual({
      'doc-1': { title: 'final' },
      'doc-2': { title: 'other' },
    });
    const text = await eventfoldOk(['project', dir, 'stream-documents', '--at', '1']);
    expect(text).toBe(`${JSON.stringify({ 'doc-1': { title: 'draft', tags: ['a'] } }, null, 2)}\n`);
    expect(
      JSON.parse(await eventfoldOk(['project', dir, 'stream-documents', '--at', '0', '--json'])),
    ).toEqual({});
  });

  it("runs the folder's projections/NAME.js by name, and any file by path, keeping checkpoints in cache/", async () => {
    const dir = await folderWithDocs();
    fs.mkdirSync(path.join(dir, 'projections'));
    fs.writeFileSync(path.join(dir, 'projections', 'titles.js'), TOTAL);
    expect(JSON.parse(await eventfoldOk(['project', dir, 'titles', '--json']))).toEqual({
      n: 3,
      last: 'final',
    });
    expect(fs.existsSync(path.join(dir, 'cache', 'projections', 'titles.json'))).toBe(true);
    const elsewhere = path.join(tempDir(), 'count.js');
    fs.writeFileSync(elsewhere, `fromStream('doc-2').when({ $init: () => 0, $any: (s) => s + 1 })`);
    expect(JSON.parse(await eventfoldOk(['project', dir, elsewhere, '--at', '3', '--json']))).toBe(1);
  });

  it('exits 1 naming the event position when the projection faults', async () => {
    const dir = await folderWithDocs();
    const file = path.join(tempDir(), 'fussy.js');
    fs.writeFileSync(
      file,
      `fromAll().when({ $any: (s, e) => { if (e.stream === 'doc-2') throw new Error('no doc-2'); } })`,
    );
    const result = await eventfold(['project', dir, file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^eventfold: projection fussy faulted at position 2: Error: no doc-2/);
  });

  it('says what was wrong: unknown names, positions past the end, missing files', async () => {
    const dir = await folderWithDocs();
    const unknown = await eventfold(['project', dir, 'nothing']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /no projection named nothing \(there are: stream-statistics, stream-documents\)/,
    );
    const past = await eventfold(['project', dir, 'stream-statistics', '--at', '9']);
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/--at 9 is past the end of the log \(its last position is 3\)/);
    const missing = await eventfold(['project', dir, './nowhere/p.js']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\/p\.js: there is no such projection file/);
    const usage = await eventfold(['project', dir]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing NAME_OR_FILE/);
    expect(await eventfoldOk(['project', '--help'])).toMatch(/consent to run its code/);
  });
});
