import fs from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { AtomicJsonFile } from './atomic-json-file.js';
import {
  readCheckpointFile,
  readCheckpointHeader,
  writeCheckpointFile,
  type Checkpoint,
  type CheckpointHeader,
} from './checkpoint-file.js';

export type { Checkpoint, CheckpointHeader, SkippedEvent } from './checkpoint-file.js';

/** The format of snapshot files (the checkpoint has its own: see checkpoint-file.ts). */
export const CACHE_FORMAT = 1;

export interface Snapshot {
  readonly format: number;
  readonly codeHash: string;
  readonly position: number;
  /** Skipped positions up to `position` when it was taken. */
  readonly skipped: readonly number[];
  readonly state: unknown;
}

const SNAPSHOT_FILE = /^(\d{12})\.json$/;

/**
 * A projection's files in the folder's cache: `cache/projections/NAME.json` (the checkpoint: a header line,
 * then the state) and `cache/projections/NAME.snapshots/POSITION.json` (lowdb JSON files). Each is written
 * atomically.
 */
export class ProjectionCache {
  readonly checkpointFile: string;
  readonly snapshotDir: string;

  constructor(folder: string, cacheName: string) {
    const dir = path.join(folder, 'cache', 'projections');
    this.checkpointFile = path.join(dir, `${cacheName}.json`);
    this.snapshotDir = path.join(dir, `${cacheName}.snapshots`);
  }

  readCheckpoint(): Promise<Checkpoint | null> {
    return readCheckpointFile(this.checkpointFile);
  }

  /** The checkpoint without its state (null for none, or one only a full read can use). */
  readCheckpointHeader(): Promise<CheckpointHeader | null> {
    return readCheckpointHeader(this.checkpointFile);
  }

  async writeCheckpoint(checkpoint: Checkpoint): Promise<void> {
    await fs.mkdir(path.dirname(this.checkpointFile), { recursive: true });
    await writeCheckpointFile(this.checkpointFile, checkpoint);
  }

  async snapshotPositions(): Promise<number[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.snapshotDir);
    } catch {
      return [];
    }
    return names
      .flatMap((name) => {
        const match = SNAPSHOT_FILE.exec(name);
        return match === null ? [] : [Number(match[1])];
      })
      .sort((a, b) => a - b);
  }

  async readSnapshot(position: number): Promise<Snapshot | null> {
    const data = await new AtomicJsonFile<Snapshot>(this.snapshotFile(position)).read();
    return data?.format === CACHE_FORMAT && data.position === position ? data : null;
  }

  async writeSnapshot(snapshot: Snapshot): Promise<void> {
    await fs.mkdir(this.snapshotDir, { recursive: true });
    const db = new Low(new AtomicJsonFile<Snapshot>(this.snapshotFile(snapshot.position), false), snapshot);
    await db.write();
  }

  async removeSnapshot(position: number): Promise<void> {
    await fs.rm(this.snapshotFile(position), { force: true });
  }

  /** Forgets everything: the next start rebuilds from the first event. */
  async clear(): Promise<void> {
    await fs.rm(this.snapshotDir, { recursive: true, force: true });
    await fs.rm(this.checkpointFile, { force: true });
  }

  private snapshotFile(position: number): string {
    return path.join(this.snapshotDir, `${String(position).padStart(12, '0')}.json`);
  }
}
