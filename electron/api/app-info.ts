import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Handler } from './session-context.js';

let version: string | undefined;

/**
 * This module runs from dist/electron/api (CLI, browser mode) or from a bundle in out/main (the desktop
 * app), so the package's own package.json is found by walking up rather than by a fixed relative path.
 */
function packageVersion(): string {
  if (version !== undefined) return version;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'eventfold' && typeof manifest.version === 'string') {
        return (version = manifest.version);
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (version = 'unknown');
    dir = parent;
  }
}

export const appInfo: Handler<'app.info'> = (_arg, session) =>
  Promise.resolve({ version: packageVersion(), mode: session.host.mode, platform: process.platform });
