import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ProjectionHost } from '../projections/index.js';

/**
 * Tells a session when a projection's code changed and runs: the file in projections/ was edited (in an
 * editor, by git, by What if…'s save) and the host reloaded it. The host's own list cannot say so (a
 * rebuild of a small log can start and finish between two looks at it), so this keeps each file's hash,
 * and when it differs makes the host load the file now (a reload of code already loaded does nothing) and
 * only then reports it: a view that reads its states after the report gets the new code's.
 *
 * Built-ins never change while the app runs; a projection nobody started is not reloaded here (it starts
 * with the new code whenever something asks for it).
 */
export class ProjectionReloads {
  readonly #known = new Map<string, { readonly stamp: string; readonly hash: string }>();
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(
    private readonly host: ProjectionHost,
    private readonly reloaded: (name: string) => void,
    private readonly failed: (name: string, error: unknown) => void,
  ) {
    // The code as it is now, read at once: a change made a moment later must compare with this, not be
    // learnt as the starting point by a first look that ran after it.
    for (const { kind, name, file } of host.list()) {
      if (kind !== 'user' || file === null) continue;
      try {
        const info = statSync(file);
        this.#known.set(name, { stamp: stampOf(info), hash: hashOf(readFileSync(file)) });
      } catch {
        // Unreadable now: the first look learns it.
      }
    }
  }

  /** Looks at the files again; calls made while a look runs are folded into one more. */
  check(): Promise<void> {
    if (this.#running !== undefined) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#look();
      } while (this.#again && !this.#closed);
    })().finally(() => (this.#running = undefined));
    return this.#running;
  }

  close(): void {
    this.#closed = true;
  }

  async #look(): Promise<void> {
    for (const projection of this.host.list()) {
      if (this.#closed) return;
      if (projection.kind !== 'user' || projection.file === null) continue;
      const { name, file } = projection;
      let stamp: string;
      try {
        stamp = stampOf(await stat(file));
      } catch {
        // Removed: the host lists it no more once its watcher sees that; nothing runs it meanwhile.
        this.#known.delete(name);
        continue;
      }
      const known = this.#known.get(name);
      if (known?.stamp === stamp) continue;
      let hash: string;
      try {
        hash = createHash('sha256')
          .update(await readFile(file))
          .digest('hex');
      } catch {
        continue;
      }
      this.#known.set(name, { stamp, hash });
      // The first look only learns the code; a touch that changes nothing is no reload.
      if (known === undefined || known.hash === hash) continue;
      if (projection.status === 'idle' || projection.status === 'untrusted') continue;
      try {
        await this.host.reload(name);
      } catch (error) {
        this.failed(name, error);
        continue;
      }
      if (!this.#closed) this.reloaded(name);
    }
  }
}

/** What changes when a file is written (replaced by rename, or rewritten in place). */
function stampOf(info: { readonly mtimeMs: number; readonly size: number; readonly ino: number }): string {
  return `${info.mtimeMs}:${info.size}:${info.ino}`;
}

function hashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
