import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

/** As strict as a careful user's project: the library's types must hold up under it. */
export const STRICT_COMPILER_OPTIONS = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  verbatimModuleSyntax: true,
  skipLibCheck: false,
  target: 'ES2023',
  lib: ['ES2023'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  types: ['node'],
  // The repo's own @types/node: a user's project has its own.
  typeRoots: [path.join(REPO, 'node_modules', '@types')],
  rootDir: '.',
  outDir: 'js',
} as const;

/**
 * Compiles the TypeScript files of `dir` (ES modules: the folder's package.json says so, or the nearest
 * one does) with this repo's tsc into `dir/js`; returns tsc's output, empty when they compile.
 */
export function compileTypeScript(dir: string, files: readonly string[]): { ok: boolean; output: string } {
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: STRICT_COMPILER_OPTIONS, files }, null, 2),
  );
  const result = spawnSync(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.json')], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}
