import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalConflict } from '../store/journal-folders.js';
import { appendLines, eventfold, eventfoldOk, jsonLines, newFolder, tempDir } from './eventfold-process.js';

const SEGMENT = '000000000001.jsonl';

/** A folder of five events, one append each, so every line stands alone. */
async function folderOfFive(): Promise<{ dir: string; segment: string }> {
  const dir = await newFolder();
  await appendLines(
    dir,
    [1, 2, 3, 4, 5].map((n) => ({ stream: `item-${n}`, type: 'Added', data: { n } })),
  );
  return { dir, segment: path.join(dir, 'log', SEGMENT) };
}

/** Byte offset where each line of the segment starts. */
function lineStarts(file: string): number[] {
  const bytes = fs.readFileSync(file);
  const starts = [0];
  for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
  return starts;
}

describe('eventfold verify', () => {
  it('says a sound folder is sound, with its counts, and exits 0', async () => {
    const { dir, segment } = await folderOfFive();
    const bytes = fs.statSync(segment).size;
    const result = await eventfold(['verify', dir]);
    expect(bytes).toBeLessThan(1024);
    expect(result).toEqual({
      code: 0,
      stdout: `${dir} is sound: 5 events, 5 streams, 1 segment, ${bytes} bytes\n`,
      stderr: '',
    });
    const json = await eventfold(['verify', dir, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      sound: true,
      events: 5,
      streams: 5,
      segments: 1,
      bytes,
      problems: [],
    });
  });

  it('exits 1 naming segment, line, byte and reason when a byte in the middle is flipped; repair refuses it', async () => {
    const { dir, segment } = await folderOfFive();
    const starts = lineStarts(segment);
    const bytes = fs.readFileSync(segment);
    const digit = bytes.indexOf('"n":3', starts[2]) + 4;
    bytes[digit] = '7'.charCodeAt(0);
    fs.writeFileSync(segment, bytes);

    const result = await eventfold(['verify', dir]);
    expect(result.code).toBe(1);
    // The store may also report what the bad line leads to (the position it held is then missing).
    const problems = result.stdout.trimEnd().split('\n');
    expect(problems[0]).toMatch(
      new RegExp(`^log/${SEGMENT} line 3 \\(byte ${starts[2]}\\): checksum mismatch`),
    );
    for (const line of problems)
      expect(line).toMatch(new RegExp(`^log/${SEGMENT} line \\d+ \\(byte \\d+\\): .+`));
    expect(result.stderr).toBe(
      `eventfold: ${dir} is not sound: ${problems.length} problem${problems.length === 1 ? '' : 's'}; the folder is ` +
        'read-only until the damaged lines are dealt with (`eventfold repair` cuts only a torn tail)\n',
    );
    const json = JSON.parse((await eventfold(['verify', dir, '--json'])).stdout) as {
      sound: boolean;
      problems: unknown[];
    };
    expect(json.sound).toBe(false);
    expect(json.problems[0]).toEqual(
      expect.objectContaining({ segment: SEGMENT, line: 3, offset: starts[2] }),
    );

    const repair = await eventfold(['repair', dir]);
    expect(repair.code).toBe(1);
    expect(repair.stdout).toMatch(new RegExp(`^log/${SEGMENT} line 3 \\(byte ${starts[2]}\\): `));
    expect(repair.stdout.trimEnd().split('\n')).toEqual(problems);
    expect(repair.stderr).toContain(
      `eventfold: refusing to repair ${dir}: the log is damaged before its end`,
    );
    expect(fs.readFileSync(segment)).toEqual(bytes);
  });
});

describe('eventfold repair', () => {
  it('cuts a torn tail, keeping the bytes, after which verify is clean and every event is there', async () => {
    const { dir, segment } = await folderOfFive();
    const soundSize = fs.statSync(segment).size;
    const torn = '{"position":6,"stream":"item-6","revision":0,"id":"';
    fs.appendFileSync(segment, torn);

    const before = await eventfold(['verify', dir]);
    expect(before.code).toBe(1);
    expect(before.stdout).toBe(
      `log/${SEGMENT} line 6 (byte ${soundSize}): ${torn.length} bytes of an interrupted append at the end (torn tail); eventfold repair cuts them\n`,
    );
    expect(before.stderr).toBe(
      `eventfold: ${dir} is not sound: 1 problem; \`eventfold repair\` cuts the torn tail\n`,
    );

    const repair = await eventfold(['repair', dir]);
    expect(repair.code).toBe(0);
    const kept = path.join('repairs', `${SEGMENT}.at-${soundSize}.torn`);
    expect(repair.stdout).toBe(
      `Cut ${torn.length} bytes of an interrupted append from log/${SEGMENT} at byte ${soundSize}; they are kept in ${kept}\n`,
    );
    expect(fs.readFileSync(path.join(dir, kept), 'utf8')).toBe(torn);
    expect(fs.statSync(segment).size).toBe(soundSize);

    expect(await eventfold(['verify', dir])).toMatchObject({ code: 0, stderr: '' });
    expect(jsonLines(await eventfoldOk(['read', dir, '--json']))).toHaveLength(5);
    expect(await eventfold(['repair', dir])).toEqual({
      code: 0,
      stdout: 'Nothing to repair: the log ends with a complete append\n',
      stderr: '',
    });
  });

  it('reports with --json what it cut', async () => {
    const { dir, segment } = await folderOfFive();
    const soundSize = fs.statSync(segment).size;
    fs.appendFileSync(segment, '{"posi');
    const result = await eventfold(['repair', dir, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      repaired: true,
      segment: SEGMENT,
      offset: soundSize,
      bytesCut: 6,
    });
    expect(JSON.parse((await eventfold(['repair', dir, '--json'])).stdout)).toMatchObject({
      repaired: false,
      bytesCut: 0,
    });
  });

  it('clears a journal conflict that the error message tells the user to repair, as the app does', async () => {
    const dir = tempDir();
    const { journaledLines } = await journalConflict({ original: tempDir(), lost: dir, foreign: tempDir() });
    const append = await eventfold(['append', dir, 'account-1', 'Deposited']);
    expect(append.code).toBe(1);
    expect(append.stderr).toMatch(
      /journal\.bin.*Repair keeps the journaled events in repairs\/ and clears the journal/,
    );

    const repair = await eventfold(['repair', dir]);
    expect(repair.stderr).toBe('');
    expect(repair.code).toBe(0);
    expect(repair.stdout).toBe(
      `Kept 3 journaled events that could not be written back in ${path.join('repairs', 'journal.generation-')}` +
        `${/generation-(\d+)/.exec(repair.stdout)?.[1] ?? '?'}.jsonl and cleared the journal\n`,
    );
    const kept = fs.readdirSync(path.join(dir, 'repairs')).filter((name) => name.startsWith('journal.'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'repairs', kept[0]!)).equals(journaledLines)).toBe(true);

    expect(await eventfold(['verify', dir])).toMatchObject({ code: 0 });
    await eventfoldOk(['append', dir, 'account-1', 'Deposited']);
    expect(jsonLines(await eventfoldOk(['read', dir, '--json']))).toHaveLength(11);
  });
});
