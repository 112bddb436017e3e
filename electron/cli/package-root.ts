import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The installed package's folder: this file runs as dist/electron/cli/package-root.js. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
