import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CliFailure } from './failure.js';
import { PACKAGE_ROOT } from './package-root.js';

/** Where `serve` finds the browser app: the package's own build unless EVENTFOLD_RENDERER_DIR names another. */
export function rendererDirectory(): string {
  return process.env.EVENTFOLD_RENDERER_DIR ?? path.join(PACKAGE_ROOT, 'out', 'renderer');
}

/**
 * Makes sure the browser app is built before `serve` serves it. A published package carries the build; a
 * source checkout builds it here, once, the first time it is served (after `npm install`, which builds only
 * the Node side: the CLI and the library need no browser app, so installing does not wait for one). The
 * user is told in one line why this first start takes longer.
 */
export async function ensureRendererBuilt(rendererDir: string): Promise<void> {
  if (existsSync(path.join(rendererDir, 'index.html'))) return;
  const ownBuild = rendererDir === path.join(PACKAGE_ROOT, 'out', 'renderer');
  const builder = path.join(PACKAGE_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const sources = path.join(PACKAGE_ROOT, 'renderer', 'index.html');
  if (!ownBuild || !existsSync(builder) || !existsSync(sources)) {
    throw new CliFailure(
      ownBuild
        ? `the browser app is missing from this installation (${rendererDir} has no index.html); reinstall eventfold`
        : `EVENTFOLD_RENDERER_DIR names ${rendererDir}, which holds no index.html`,
    );
  }
  process.stderr.write(
    'eventfold: building the browser app, once (it takes a minute); later starts are quick\n',
  );
  const output: Buffer[] = [];
  const child = spawn(process.execPath, [builder, 'build'], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0 || !existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(Buffer.concat(output));
    throw new CliFailure(
      `building the browser app failed (exit ${String(code)}); the build's output is above`,
    );
  }
}
