import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PreparedFile } from '../../shared/contract.js';
import { preparedFiles } from '../../electron/api/prepared-files.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { useApiFixture } from './api-session-fixture.js';

const fixture = useApiFixture();

/** Enough events for an export to read many windows of positions, appended a thousand at a time. */
async function bigFolder(events: number): Promise<string> {
  const dir = path.join(fixture.tempFolder(), 'events');
  await initEventFolder(dir);
  const store = await openEventStore(dir, { watch: false, durability: 'none' });
  for (let start = 0; start < events; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, events - start) }, (_, i) => ({
      type: 'Placed',
      data: { order: start + i, note: 'x'.repeat(40) },
    }));
    await store.appendToStream(`order-${start / 1000}`, batch);
  }
  await store.close();
  return dir;
}

/** What the prepared-files folder holds: a probe's place there shows where it is. */
function preparedPlaces(): string[] {
  const probe = preparedFiles.reserve('probe', 'text/plain');
  const root = path.dirname(path.dirname(probe.path));
  preparedFiles.discard(probe);
  return fs.readdirSync(root);
}

describe('export.cancel', () => {
  it('stops an export in flight: it answers Cancelled, leaves no file, and the next export is whole', async () => {
    const dir = await bigFolder(20_000);
    const window = await fixture.opened(dir);
    const before = preparedPlaces();
    const exporting = window.answer('export.prepare', {
      kind: 'events',
      source: { kind: 'all' },
      format: 'jsonl',
    });
    expect(await window.call('export.cancel', undefined)).toBeNull();
    const answer = await exporting;
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'Cancelled', message: 'export.prepare: cancelled' },
    });
    expect(preparedPlaces()).toEqual(before);

    const prepared: PreparedFile = await window.call('export.prepare', {
      kind: 'events',
      source: { kind: 'all' },
      format: 'jsonl',
    });
    expect(prepared.stamp.count).toBe(20_000);
    expect(window.pushed('export.progress').at(-1)).toEqual({ done: 20_000, total: 20_000 });
  });

  it('stops a report preview being made', async () => {
    const dir = await bigFolder(20_000);
    const window = await fixture.opened(dir);
    const previewing = window.answer('report.preview', {
      kind: 'folder-report',
      source: { kind: 'all' },
      format: 'html',
    });
    await window.call('export.cancel', undefined);
    expect(await previewing).toMatchObject({ ok: false, error: { code: 'Cancelled' } });
  });

  it("answers null with nothing in flight, and never stops another window's export", async () => {
    const dir = await bigFolder(10_000);
    const mine = await fixture.opened(dir);
    const other = await fixture.opened(dir);
    expect(await mine.call('export.cancel', undefined)).toBeNull();
    const exporting = other.answer('export.prepare', {
      kind: 'events',
      source: { kind: 'all' },
      format: 'csv',
    });
    await mine.call('export.cancel', undefined);
    const answer = await exporting;
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    expect(answer.ok && (answer.value as PreparedFile).stamp.count).toBe(10_000);
  });
});
