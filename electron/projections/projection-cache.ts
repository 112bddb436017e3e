import fs from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { AtomicJsonFile } from './atomic-json-file.js';

export const CACHE_FORMAT = 1;

export interface SkippedEvent {
  readonly position: number;
  readonly error: string;
}

/** Where a projection stands: enough to resume without replaying what it has folded. */
export interface Checkpoint {
  readonly format: number;
  readonly projection: string;
  /** Hash of the code that made it: a checkpoint of other code is rebuilt, never trusted. */
  readonly codeHash: string;
  readonly position: number;
  /** Id of the event at `position`, so a log that was replaced (or cut by a repair) is noticed. */
  readonly eventId: string | null;
  readonly state: unknown;
  readonly skipped: readonly SkippedEvent[];
  /** The fault the projection stopped at, until it is skipped or the code changes. */
  readonly fault: { readonly position: number | null; readonly error: string } | null;
  /** Current snapshot spacing in events (it doubles when too many are kept). */
  readonly snapshotEvery: number;
}

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
 * A projection's files in the folder's cache: `cache/projections/NAME.json` (the checkpoint) and
 * `cache/projections/NAME.snapshots/POSITION.json`. Each is a lowdb JSON file written atomically.
 */
export class ProjectionCache {
  readonly checkpointFile: string;
  readonly snapshotDir: string;

  constructor(folder: string, cacheName: string) {
    const dir = path.join(folder, 'cache', 'projections');
    this.checkpointFile = path.join(dir, `${cacheName}.json`);
    this.snapshotDir = path.join(dir, `${cacheName}.snapshots`);
  }

  async readCheckpoint(): Promise<Checkpoint | null> {
    const data = await new AtomicJsonFile<Checkpoint>(this.checkpointFile).read();
    return data?.format === CACHE_FORMAT ? data : null;
  }

  async writeCheckpoint(checkpoint: Checkpoint): Promise<void> {
    await fs.mkdir(path.dirname(this.checkpointFile), { recursive: true });
    const db = new Low(new AtomicJsonFile<Checkpoint>(this.checkpointFile), checkpoint);
    await db.write();
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
