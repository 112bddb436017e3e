import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventfold, eventfoldOk, jsonLines, tempDir } from './eventfold-process.js';

/**
 * A small volume, for real: a 3 MiB tmpfs (mounting needs root; without it these tests are skipped and
 * say why). Free space is then set exactly by a filler file beside the folder.
 */
const VOLUME_BYTES = 3 * 1024 * 1024;
const PAGE = 4096;

function mountSmallVolume(): { dir: string } | { reason: string } {
  const dir = tempDir('suite');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${VOLUME_BYTES}`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (error) {
    return { reason: `cannot mount a 3 MiB tmpfs here (${String((error as Error).message).split('\n')[0]})` };
  }
}

const volume = mountSmallVolume();
if ('reason' in volume) console.warn(`disk-full tests skipped: ${volume.reason}`);
const mounted = 'dir' in volume ? volume.dir : '';

afterAll(() => {
  if (mounted !== '') execFileSync('umount', ['-l', mounted]);
});

function freeBytes(): number {
  const stats = fs.statfsSync(mounted);
  return stats.bavail * stats.bsize;
}

/** Leaves `free` bytes free on the volume (a multiple of the page size), with a filler file. */
function leaveFree(free: number): void {
  const filler = path.join(mounted, 'filler');
  fs.rmSync(filler, { force: true });
  const size = freeBytes() - free;
  if (size > 0) fs.writeFileSync(filler, Buffer.alloc(size));
  expect(freeBytes()).toBe(free);
}

/** Every entry of the folder, recursively, as relative paths. */
function entries(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe.skipIf(mounted === '')('a volume with little room', () => {
  const folder = path.join(mounted, 'events');

  it('with less than 4 MiB free (the journal’s full size) still takes appends', async () => {
    await eventfoldOk(['init', folder]);
    expect(freeBytes()).toBeLessThan(4 * 1024 * 1024);
    leaveFree(2 * 1024 * 1024);
    for (let i = 0; i < 5; i++) {
      const appended = await eventfold([
        'append',
        folder,
        'note-1',
        'Written',
        '--data',
        JSON.stringify({ i }),
      ]);
      expect(appended.stderr).toBe('');
      expect(appended.code).toBe(0);
    }
    expect(jsonLines(await eventfoldOk(['read', folder, '--json']))).toHaveLength(5);
  });

  it('says an append that does not fit needs so many bytes and the volume has so many, and writes nothing', async () => {
    leaveFree(4 * PAGE);
    const big = JSON.stringify({ text: 'x'.repeat(40_000) });
    const refused = await eventfold(['append', folder, 'note-1', 'Written', '--data', big]);
    expect(refused.code).toBe(1);
    // The free space it names is what is left while it holds the lock file (a page on tmpfs).
    expect(refused.stderr).toMatch(
      /^eventfold: The disk is full: appending to log\/000000000001\.jsonl needs 40,\d{3} bytes, and the volume holding .+ has (16,384|12,288) bytes free\. Free some space there and try again; nothing was written\n$/,
    );
    expect(jsonLines(await eventfoldOk(['read', folder, '--json']))).toHaveLength(5);
    // A small append still fits.
    await eventfoldOk(['append', folder, 'note-1', 'Written', '--data', '{"i":5}']);
    expect(await eventfold(['verify', folder])).toMatchObject({ code: 0 });
  });

  it('leaves no empty lock file and no cache temp file behind when the disk is full', async () => {
    const before = entries(folder);
    leaveFree(0);
    const refused = await eventfold(['append', folder, 'note-1', 'Written']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The disk is full');
    expect(entries(folder)).toEqual(before);

    // A cold read writes the index cache when it closes: on a full disk it cannot, and leaves nothing.
    fs.rmSync(path.join(folder, 'cache'), { recursive: true });
    expect(jsonLines(await eventfoldOk(['read', folder, '--json']))).toHaveLength(6);
    expect(entries(folder).filter((name) => name.endsWith('.tmp') || name.includes('write.lock'))).toEqual(
      [],
    );

    fs.rmSync(path.join(mounted, 'filler'));
    await eventfoldOk(['append', folder, 'note-1', 'Written', '--data', '{"i":6}']);
    const events = jsonLines(await eventfoldOk(['read', folder, '--json'])) as { data: { i: number } }[];
    expect(events.map((event) => event.data.i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(await eventfold(['verify', folder])).toMatchObject({ code: 0 });
  });
});
