import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendLines, eventfold, eventfoldOk, newFolder, tempDir } from './eventfold-process.js';

const EVENTS = [
  { stream: 'doc-1', type: 'Set', data: { title: 'draft', tags: ['a'] } },
  { stream: 'doc-2', type: 'Set', data: { title: 'other' } },
  { stream: 'doc-1', type: 'Set', data: { title: 'final', tags: null } },
];

async function folderWithDocs(): Promise<string> {
  const dir = await newFolder();
  // One append each: a single append groups its events by stream.
  for (const event of EVENTS) await appendLines(dir, [event]);
  return dir;
}

describe('eventfold diff', () => {
  it('prints the structural diff between two positions, as text and as a JSON list', async () => {
    const dir = await folderWithDocs();
    const changes = JSON.parse(
      await eventfoldOk(['diff', dir, 'stream-documents', '--from', '1', '--to', '3', '--json']),
    ) as unknown[];
    expect(changes).toEqual([
      { path: ['doc-1', 'title'], op: 'change', before: 'draft', after: 'final' },
      { path: ['doc-1', 'tags'], op: 'remove', before: ['a'] },
      { path: ['doc-2'], op: 'add', after: { title: 'other' } },
    ]);
    const text = await eventfoldOk(['diff', dir, 'stream-documents', '--from', '1', '--to', '3']);
    expect(text.split('\n').filter(Boolean)).toEqual([
      '~ ["doc-1"].title: "draft" -> "final"',
      '- ["doc-1"].tags: ["a"]',
      '+ ["doc-2"]: {"title":"other"}',
    ]);
    expect(await eventfoldOk(['diff', dir, 'stream-documents', '--from', '3', '--to', '3'])).toBe(
      '(the states are equal)\n',
    );
  });

  it('needs both positions and exits 1 at a fault', async () => {
    const dir = await folderWithDocs();
    const usage = await eventfold(['diff', dir, 'stream-documents', '--from', '1']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/give both --from A and --to B/);
    const file = path.join(tempDir(), 'fussy.js');
    fs.writeFileSync(
      file,
      `fromAll().when({ $any: (s, e) => { if (e.position === 3) throw new Error('three'); } })`,
    );
    const fault = await eventfold(['diff', dir, file, '--from', '1', '--to', '3']);
    expect(fault.code).toBe(1);
    expect(fault.stderr).toMatch(/faulted at position 3: Error: three/);
  });
});
