import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

/** Changes to one file within this long count as one (editors write in several steps). */
const SETTLE_MS = 150;

/** A folder's projection files (projections/*.js), as absolute paths; none when there is no projections/. */
export function projectionFilesIn(folder: string): string[] {
  const dir = path.join(folder, 'projections');
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.js')).map((name) => path.join(dir, name));
}

/**
 * Watches a folder's projections/*.js and calls `changed(file)` once a file was added, changed or removed
 * and then left alone for a moment; a projections/ folder that appears reports each file in it.
 */
export class ProjectionFilesWatcher {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  private constructor(
    private readonly watcher: FSWatcher,
    private readonly changed: (file: string) => void,
  ) {}

  /** Resolves once the watcher is ready (changes made after that are seen). */
  static async start(folder: string, changed: (file: string) => void): Promise<ProjectionFilesWatcher> {
    const projectionsDir = path.join(folder, 'projections');
    // Watching the folder root (one level) sees projections/ appear as well as its files change.
    const watcher = watch(folder, {
      ignoreInitial: true,
      depth: 1,
      ignored: (file) => {
        const relative = path.relative(folder, file);
        return (
          relative !== '' && relative !== 'projections' && !relative.startsWith(`projections${path.sep}`)
        );
      },
    });
    const files = new ProjectionFilesWatcher(watcher, changed);
    const seen = (file: string): void => {
      if (file.endsWith('.js') && path.dirname(file) === projectionsDir) files.settle(file);
    };
    watcher.on('add', seen).on('change', seen).on('unlink', seen);
    watcher.on('addDir', (dir) => {
      if (dir === projectionsDir) for (const file of projectionFilesIn(folder)) seen(file);
    });
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
    return files;
  }

  async close(): Promise<void> {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await this.watcher.close();
  }

  private settle(file: string): void {
    clearTimeout(this.pending.get(file));
    this.pending.set(
      file,
      setTimeout(() => {
        this.pending.delete(file);
        this.changed(file);
      }, SETTLE_MS),
    );
  }
}
