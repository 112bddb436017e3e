import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { parse } from 'acorn';

const cache = new Map<string, readonly string[]>();

/**
 * Every file the sandbox process loads: its entry point and the modules that imports, followed through
 * their import and export statements. Node's permission model lets the process read exactly these (its
 * real paths), and nothing else: no event folder, no home directory, not even the rest of the app.
 * Compiled code imports only relative files and Node's own modules; anything else is refused here, since
 * the process could not read it.
 */
export function childFiles(entry: string): readonly string[] {
  let files = cache.get(entry);
  if (files === undefined) {
    files = [...collect(fs.realpathSync(entry), new Set())];
    cache.set(entry, files);
  }
  return files;
}

function collect(file: string, seen: Set<string>): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const program = parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' });
  for (const node of program.body) {
    const source =
      node.type === 'ImportDeclaration' ||
      node.type === 'ExportAllDeclaration' ||
      (node.type === 'ExportNamedDeclaration' && node.source != null)
        ? node.source?.value
        : undefined;
    if (typeof source !== 'string') continue;
    if (source.startsWith('.')) collect(fs.realpathSync(path.resolve(path.dirname(file), source)), seen);
    else if (!isBuiltin(source)) {
      throw new Error(
        `the sandbox process cannot load ${JSON.stringify(source)} (imported by ${file}): it may import only its own files and Node's modules`,
      );
    }
  }
  return seen;
}

function isBuiltin(name: string): boolean {
  return name.startsWith('node:') || builtinModules.includes(name);
}
