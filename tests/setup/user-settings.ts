import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What a folder holds, file by file (size and modification time), down to a few levels: enough to tell
 * whether anything was written into it. A missing folder is an empty map.
 */
export function folderState(root: string, depth = 3): Map<string, string> {
  const state = new Map<string, string>();
  const visit = (dir: string, level: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      let info;
      try {
        info = statSync(file);
      } catch {
        continue;
      }
      state.set(path.relative(root, file), info.isDirectory() ? 'dir' : `${info.size}:${info.mtimeMs}`);
      if (info.isDirectory() && level < depth) visit(file, level + 1);
    }
  };
  visit(root, 1);
  return state;
}

/** The files added, changed or removed between two states, by name. */
export function changedFiles(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
