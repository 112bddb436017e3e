// Runs the build steps of a first `npm start` with one line of progress instead of their output (46 lines
// of compiler and bundler chatter before the app's own notice). Their output is kept, and shown only if a
// step fails: then it is what the user needs to see.
import { spawn } from 'node:child_process';

/**
 * @typedef {object} BuildStep
 * @property {string} label What the line says while it runs, e.g. "compiling the Node side".
 * @property {string} command
 * @property {readonly string[]} args
 * @property {(line: string) => string | undefined} [stage] A finer label read from a line of its output.
 */

/**
 * The progress line: `Building Eventfold for its first start: 2/2 bundling the renderer… 14 s`.
 * @param {number} step 1-based
 * @param {number} steps
 * @param {string} label
 * @param {number} seconds
 */
export function progressLine(step, steps, label, seconds) {
  return `Building Eventfold for its first start: ${step}/${steps} ${label}… ${seconds} s`;
}

/**
 * Runs the steps in order. On a terminal the line is rewritten in place (a carriage return, no new lines);
 * elsewhere it is written once and finished with the result. Resolves to 0, or to the failing step's exit
 * code after writing its output to `errors`.
 * @param {readonly BuildStep[]} steps
 * @param {{ out: NodeJS.WriteStream | { write(text: string): unknown, isTTY?: boolean }, errors: { write(text: string): unknown }, cwd: string, now?: () => number }} io
 * @returns {Promise<number>}
 */
export async function buildQuietly(steps, io) {
  const now = io.now ?? (() => Date.now());
  const started = now();
  const tty = io.out.isTTY === true;
  let shown = '';
  /** @param {string} text */
  const show = (text) => {
    if (!tty) return;
    // Pads over a longer earlier line, so no tail of it is left on screen.
    io.out.write(`\r${text.padEnd(shown.length)}`);
    shown = text;
  };
  if (!tty) io.out.write('Building Eventfold for its first start…');
  for (const [index, step] of steps.entries()) {
    let label = step.label;
    const update = () =>
      show(progressLine(index + 1, steps.length, label, Math.round((now() - started) / 1000)));
    update();
    const timer = setInterval(update, 1000);
    /** @type {string[]} */
    const output = [];
    const code = await new Promise((resolve) => {
      const child = spawn(step.command, step.args, {
        cwd: io.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: process.platform === 'win32',
        env: { ...process.env, FORCE_COLOR: '0' },
      });
      /** @param {Buffer} chunk */
      const take = (chunk) => {
        const text = chunk.toString('utf8');
        output.push(text);
        for (const line of text.split('\n')) {
          const stage = step.stage?.(line);
          if (stage !== undefined && stage !== label) {
            label = stage;
            update();
          }
        }
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.on('error', (error) => {
        output.push(`${error.message}\n`);
        resolve(1);
      });
      child.on('close', (exit) => resolve(exit ?? 1));
    });
    clearInterval(timer);
    if (code !== 0) {
      const failed = `Building Eventfold failed at ${index + 1}/${steps.length} ${step.label} (exit code ${code}); its output:`;
      io.out.write(tty ? `\r${failed.padEnd(shown.length)}\n` : ` failed.\n${failed}\n`);
      io.errors.write(output.join(''));
      return code;
    }
  }
  const seconds = Math.round((now() - started) / 1000);
  io.out.write(
    tty ? `\r${`Built Eventfold in ${seconds} s.`.padEnd(shown.length)}\n` : ` done in ${seconds} s.\n`,
  );
  return 0;
}

/** The steps of `npm run build` (package.json), each told apart so the line can say which one runs. */
/** @type {readonly BuildStep[]} */
export const FIRST_START_STEPS = [
  { label: 'compiling the Node side', command: 'npm', args: ['run', '--silent', 'build:node'] },
  {
    label: 'bundling the desktop app',
    command: 'npm',
    args: ['exec', '--', 'electron-vite', 'build'],
    // electron-vite builds the main process, the preload, then the page, listing each one's files when done.
    stage: (line) => {
      if (line.includes('out/main/')) return 'bundling the preload';
      if (line.includes('out/preload/') || line.includes('building client')) return 'bundling the page';
      return undefined;
    },
  },
];
