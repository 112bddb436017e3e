import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_FORMAT,
  readCheckpointFile,
  readCheckpointHeader,
  writeCheckpointFile,
  type Checkpoint,
} from '../../electron/projections/checkpoint-file.js';
import { useTempFolders } from '../store/temp-folders.js';

const tempFolder = useTempFolders('eventfold-checkpoint-');

const HEADER = {
  projection: 'totals',
  codeHash: 'abc123',
  position: 42,
  eventId: '0b6f4b52-5b8e-4f4e-9d55-5b6a3f0f7d11',
  skipped: [{ position: 7, error: 'boom at 7' }],
  fault: { position: 43, error: 'TypeError: cannot read “total” of undefined' },
  snapshotEvery: 1000,
};

const CHECKPOINT: Checkpoint = {
  ...HEADER,
  stateText: JSON.stringify({ total: 12, names: ['Zoë', 'line\nbreak'] }),
  format: CHECKPOINT_FORMAT,
};

const fileIn = (): string => path.join(tempFolder(), 'totals.json');

describe('checkpoint file', () => {
  it('reads back what was written, and its header on its own', async () => {
    const file = fileIn();
    await writeCheckpointFile(file, CHECKPOINT);
    expect(await readCheckpointFile(file)).toEqual(CHECKPOINT);
    expect(await readCheckpointHeader(file)).toEqual(HEADER);
    // A header line, then the state as it was given.
    const [header, state] = fs.readFileSync(file, 'utf8').split('\n');
    expect(JSON.parse(header!)).toMatchObject({ format: 2, position: 42 });
    expect(state).toBe(CHECKPOINT.stateText);
  });

  it('reads the header without the state behind it', async () => {
    const file = fileIn();
    await writeCheckpointFile(file, CHECKPOINT);
    const [header] = fs.readFileSync(file, 'utf8').split('\n');
    // What follows the header is not even looked at: any text there leaves the header as it is.
    fs.writeFileSync(file, `${header}\n${'{"not json'.repeat(100_000)}`);
    expect(await readCheckpointHeader(file)).toEqual(HEADER);
    expect(await readCheckpointFile(file)).toBeNull();
  });

  it('keeps a checkpoint without state (position 0) apart from a state of null', async () => {
    const file = fileIn();
    const initial = { ...CHECKPOINT, position: 0, eventId: null, fault: null, stateText: null };
    await writeCheckpointFile(file, initial);
    expect(await readCheckpointFile(file)).toEqual(initial);
    const nullState = { ...CHECKPOINT, stateText: 'null' };
    await writeCheckpointFile(file, nullState);
    expect(await readCheckpointFile(file)).toEqual(nullState);
  });

  it('loads a checkpoint in the format 1 layout (one object), whose header cannot be read alone', async () => {
    const file = fileIn();
    const { state, ...rest } = { ...HEADER, format: 1, state: { total: 12 } };
    fs.writeFileSync(file, JSON.stringify({ ...rest, state }));
    expect(await readCheckpointFile(file)).toEqual({
      ...HEADER,
      stateText: '{"total":12}',
      format: 1,
    });
    expect(await readCheckpointHeader(file)).toBeNull();
    // At position 0 a format 1 file held null for the initial state: there is none to resume from.
    fs.writeFileSync(file, JSON.stringify({ ...rest, position: 0, state: null }));
    expect(await readCheckpointFile(file)).toMatchObject({ position: 0, stateText: null });
  });

  it('reads no checkpoint from a missing, cut, damaged or unknown file', async () => {
    const file = fileIn();
    expect(await readCheckpointFile(file)).toBeNull();
    expect(await readCheckpointHeader(file)).toBeNull();

    await writeCheckpointFile(file, CHECKPOINT);
    const whole = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, whole.slice(0, -5));
    expect(await readCheckpointFile(file)).toBeNull();

    const header = JSON.parse(whole.split('\n')[0]!) as Record<string, unknown>;
    const damaged: Record<string, unknown>[] = [
      { ...header, format: 3 },
      { ...header, position: -1 },
      { ...header, position: '42' },
      { ...header, fault: { position: 43 } },
      { ...header, skipped: [{ position: 'seven', error: 'x' }] },
      { ...header, snapshotEvery: 0 },
      { ...header, stateBytes: 'all of it' },
    ];
    for (const bad of damaged) {
      fs.writeFileSync(file, `${JSON.stringify(bad)}\n${CHECKPOINT.stateText}`);
      expect(await readCheckpointFile(file), JSON.stringify(bad)).toBeNull();
      expect(await readCheckpointHeader(file), JSON.stringify(bad)).toBeNull();
    }
    for (const text of ['', 'not json', '{"format":2', '\n{}']) {
      fs.writeFileSync(file, text);
      expect(await readCheckpointFile(file), text).toBeNull();
      expect(await readCheckpointHeader(file), text).toBeNull();
    }
  });
});
