// `npm start`: the desktop app when an Electron binary is installed, browser mode when it is not.
// Usage: npm start [-- --folder PATH]   (default: the journal in the user's data folder)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.js';
import { buildQuietly, FIRST_START_STEPS } from './quiet-build.js';

const root = path.resolve(import.meta.dirname, '..');
const at = (/** @type {string} */ relative) => path.join(root, relative);

const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SERVE = [
  'dist/electron/serve/browser-mode.js',
  'dist/electron/serve/launch-folder.js',
  'dist/electron/journal/index.js',
];

if (![...BUILT, ...SERVE].every((file) => existsSync(at(file)))) {
  // One line of progress, not the compiler's and bundler's output (shown only if a step fails).
  const code = await buildQuietly(FIRST_START_STEPS, {
    out: process.stdout,
    errors: process.stderr,
    cwd: root,
  });
  if (code !== 0) process.exit(code);
}

/** @type {typeof import('../electron/serve/launch-folder.js')} */
const { launchFolder } = await import('../dist/electron/serve/launch-folder.js');
const folder = launchFolder(process.argv.slice(2));
const electron = findElectronBinary();

if (electron.path) {
  const args = [root, `--folder=${folder}`];
  // Chromium refuses to start as root with its OS sandbox on (dev containers); the window keeps sandbox: true.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const app = spawn(electron.path, args, { cwd: root, stdio: 'inherit', env });
  app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.log(`The Electron binary is not available (${electron.reason}); falling back to browser mode.`);
  /** @type {typeof import('../electron/journal/index.js')} */
  const { initJournalFolder } = await import('../dist/electron/journal/index.js');
  // The desktop app makes the default journal (with a first channel) on first start; browser mode does the
  // same for a missing folder.
  if (!existsSync(folder)) await initJournalFolder(folder);
  /** @type {typeof import('../electron/serve/browser-mode.js')} */
  const { startBrowserMode } = await import('../dist/electron/serve/browser-mode.js');
  const server = await startBrowserMode({ folder, rendererDir: at('out/renderer') });
  console.log(`Eventfold serving ${folder} at ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
