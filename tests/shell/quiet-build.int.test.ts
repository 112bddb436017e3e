import { describe, expect, it } from 'vitest';
import { buildQuietly, FIRST_START_STEPS, progressLine } from '../../scripts/quiet-build.js';

/** A writable that keeps what it was given, like a terminal (isTTY) or a pipe. */
function sink(isTTY: boolean): { write(text: string): boolean; readonly isTTY: boolean; text: string } {
  return {
    isTTY,
    text: '',
    write(text: string) {
      this.text += text;
      return true;
    },
  };
}

const node = (script: string) => ({ command: process.execPath, args: ['-e', script] });

describe("the first start's build", () => {
  it('shows one line on a terminal, rewritten in place, and none of the steps’ output', async () => {
    const out = sink(true);
    const errors = sink(false);
    const code = await buildQuietly(
      [
        { label: 'compiling', ...node('for (let i = 0; i < 46; i++) console.log("noise " + i)') },
        {
          label: 'bundling',
          ...node('console.log("out/main/index.js"); console.error("warning: big chunk")'),
          stage: (line: string) => (line.includes('out/main/') ? 'bundling the page' : undefined),
        },
      ],
      { out, errors, cwd: process.cwd() },
    );
    expect(code).toBe(0);
    expect(out.text).not.toContain('noise');
    expect(out.text).not.toContain('warning');
    expect(out.text.split('\n').filter((line) => line !== '')).toHaveLength(1);
    const frames = out.text.split('\r').map((frame) => frame.trimEnd());
    expect(frames).toContain(progressLine(1, 2, 'compiling', 0));
    expect(frames.some((frame) => frame.includes('2/2 bundling the page'))).toBe(true);
    expect(frames.at(-1)).toMatch(/^Built Eventfold in \d+ s\.$/);
    expect(errors.text).toBe('');
  });

  it('writes one line to a pipe, finished with the result', async () => {
    const out = sink(false);
    const code = await buildQuietly([{ label: 'compiling', ...node('console.log("noise")') }], {
      out,
      errors: sink(false),
      cwd: process.cwd(),
    });
    expect(code).toBe(0);
    expect(out.text).toMatch(/^Building Eventfold for its first start… done in \d+ s\.\n$/);
  });

  it('shows the failing step’s output, and exits with its code', async () => {
    const out = sink(true);
    const errors = sink(false);
    const code = await buildQuietly(
      [
        { label: 'compiling', ...node('console.log("src/a.ts(3,1): error TS2304"); process.exit(2)') },
        { label: 'bundling', ...node('console.log("never runs")') },
      ],
      { out, errors, cwd: process.cwd() },
    );
    expect(code).toBe(2);
    expect(out.text).toContain('Building Eventfold failed at 1/2 compiling (exit code 2); its output:');
    expect(errors.text).toBe('src/a.ts(3,1): error TS2304\n');
  });

  it('builds what `npm run build` builds, in its order', () => {
    expect(FIRST_START_STEPS.map((step) => [step.command, ...step.args].join(' '))).toEqual([
      'npm run --silent build:node',
      'npm exec -- electron-vite build',
    ]);
  });
});
