import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import { eventfold, eventfoldOk, jsonLines, newFolder, tempDir } from './eventfold-process.js';

/** `eventfold read --json` prints each event in the store's own shape. */
type Printed = RecordedEvent;

async function readAll(dir: string): Promise<Printed[]> {
  return jsonLines(await eventfoldOk(['read', dir, '--json'])) as Printed[];
}

describe('eventfold init', () => {
  it('creates an event folder, saying what it created, and refuses a folder that holds files', async () => {
    const parent = tempDir();
    const dir = path.join(parent, 'new', 'journal');
    const result = await eventfold(['init', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Created event folder ${dir}`);
    expect(result.stdout).toContain(path.join(dir, 'eventfold.json'));
    expect(result.stdout).toContain(path.join(dir, 'log'));
    expect(fs.readdirSync(dir).sort()).toEqual(['eventfold.json', 'log']);

    const again = await eventfold(['init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`eventfold: ${dir} is already an event folder (it has eventfold.json)\n`);

    const busy = path.join(parent, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    const refused = await eventfold(['init', busy]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${busy} is not empty (it holds notes.txt)`);
    expect(fs.readdirSync(busy)).toEqual(['notes.txt']);

    const file = path.join(busy, 'notes.txt');
    expect(await eventfold(['init', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `eventfold: ${file} is a file, not a folder; give a new or empty folder\n`,
    });
  });
});

describe('eventfold append', () => {
  it('appends an event with data, meta and id, and prints where it went', async () => {
    const dir = await newFolder();
    const id = '0b6a1c64-2f5e-4c1a-9d3e-5a7b8c9d0e1f';
    const first = await eventfold([
      'append',
      dir,
      'order-1',
      'Placed',
      '--data',
      '{"total": 12.5}',
      '--meta',
      '{"by":"ann"}',
      '--id',
      id,
    ]);
    expect(first).toEqual({ code: 0, stdout: 'Appended to order-1 at revision 0, position 1\n', stderr: '' });
    const second = await eventfold(['append', dir, 'order-1', 'Paid', '--expected-revision', '0', '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({
      firstPosition: 2,
      lastPosition: 2,
      nextExpectedRevision: 1,
      duplicate: false,
    });

    const events = await readAll(dir);
    expect(
      events.map(({ position, stream, revision, type, data, meta }) => ({
        position,
        stream,
        revision,
        type,
        data,
        meta,
      })),
    ).toEqual([
      {
        position: 1,
        stream: 'order-1',
        revision: 0,
        type: 'Placed',
        data: { total: 12.5 },
        meta: { by: 'ann' },
      },
      { position: 2, stream: 'order-1', revision: 1, type: 'Paid', data: {}, meta: {} },
    ]);
    expect(events[0]?.id).toBe(id);
  });

  it('does nothing when the same id and content is appended again, and says so', async () => {
    const dir = await newFolder();
    const args = [
      'append',
      dir,
      'order-1',
      'Placed',
      '--data',
      '{"n":1}',
      '--id',
      '6f1d2b3c-4a5e-4f60-8a7b-9c0d1e2f3a4b',
    ];
    await eventfoldOk(args);
    const retry = await eventfold(args);
    expect(retry.code).toBe(0);
    expect(retry.stdout).toBe('Already in order-1 at position 1 (same ids and content); nothing written\n');
    expect(await readAll(dir)).toHaveLength(1);
  });

  it('exits 1 for bad JSON in --data or --meta, naming the option, the error and its position', async () => {
    const dir = await newFolder();
    const data = await eventfold(['append', dir, 'order-1', 'Placed', '--data', '{"total": 12,}']);
    expect(data.code).toBe(1);
    expect(data.stderr).toBe(
      'eventfold: --data is not valid JSON: expected a property name in double quotes but found "}" at position 13\n',
    );
    const meta = await eventfold(['append', dir, 'order-1', 'Placed', '--meta', "{by: 'ann'}"]);
    expect(meta.code).toBe(1);
    expect(meta.stderr).toContain(
      '--meta is not valid JSON: expected a property name in double quotes but found "b" at position 1',
    );
    expect(await readAll(dir)).toEqual([]);
  });

  it('exits 1 for a stream id over the limit, naming the limit', async () => {
    const dir = await newFolder();
    const result = await eventfold(['append', dir, 's'.repeat(513), 'Placed']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('eventfold: Stream id is 513 bytes long; the limit is 512 bytes (UTF-8)\n');
    expect(await eventfold(['append', dir, 's'.repeat(512), 'Placed'])).toMatchObject({ code: 0 });
  });

  it('exits 1 for an id that is not a UUID and for an event type that is empty', async () => {
    const dir = await newFolder();
    const badId = await eventfold(['append', dir, 'order-1', 'Placed', '--id', 'order-1-placed']);
    expect(badId.code).toBe(1);
    expect(badId.stderr).toContain('event id must be a UUID, not "order-1-placed"');
    const noType = await eventfold(['append', dir, 'order-1', '']);
    expect(noType.code).toBe(1);
    expect(noType.stderr).toContain('event type must be a non-empty string');
  });

  it('exits 3 on a wrong expected revision, naming expected and actual, and appends nothing', async () => {
    const dir = await newFolder();
    await eventfoldOk(['append', dir, 'order-1', 'Placed']);
    const stale = await eventfold(['append', dir, 'order-1', 'Paid', '--expected-revision', '4']);
    expect(stale).toEqual({
      code: 3,
      stdout: '',
      stderr: 'eventfold: Wrong expected revision for stream "order-1": expected 4, actual 0\n',
    });
    const fresh = await eventfold(['append', dir, 'order-1', 'Placed', '--expected-revision', 'no-stream']);
    expect(fresh.code).toBe(3);
    expect(fresh.stderr).toContain('expected no-stream, actual 0');
    const exists = await eventfold(['append', dir, 'order-2', 'Placed', '--expected-revision', 'exists']);
    expect(exists.code).toBe(3);
    expect(exists.stderr).toContain('expected exists, actual no-stream');
    expect(await readAll(dir)).toHaveLength(1);
  });

  it('exits 1 when the folder does not exist', async () => {
    const missing = path.join(tempDir(), 'missing');
    const result = await eventfold(['append', missing, 'order-1', 'Placed']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `eventfold: ${missing} does not exist\n` });
    expect(fs.existsSync(missing)).toBe(false);
  });
});
