// Finds the Electron binary the way the electron package does, without its side effect: since Electron 45,
// require('electron') tries to download a missing binary, which on a closed network hangs and then throws.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** @type {Partial<Record<NodeJS.Platform, string>>} */
const EXECUTABLE_IN_DIST = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
};

/**
 * The binary's path, honouring ELECTRON_OVERRIDE_DIST_PATH, or why there is none.
 * @returns {{ path: string, reason?: undefined } | { path?: undefined, reason: string }}
 */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8')
    : EXECUTABLE_IN_DIST[process.platform];
  if (!executable) return { reason: `Electron has no build for ${process.platform}` };
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = path.join(override ?? path.join(packageDir, 'dist'), executable);
  if (existsSync(binary)) return { path: binary };
  return override
    ? { reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${executable}` }
    : { reason: 'it was never downloaded; set ELECTRON_OVERRIDE_DIST_PATH to an Electron build to use one' };
}
