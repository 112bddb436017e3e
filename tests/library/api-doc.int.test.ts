import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fencedBlocks } from '../format/format-doc-blocks.js';
import { compileTypeScript } from './typescript-program.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const doc = fs.readFileSync(path.join(REPO, 'docs', 'API.md'), 'utf8');

/** Each ```ts block of docs/API.md, and the ```text block right after it: what it must print. */
const examples = (() => {
  const blocks = fencedBlocks(doc);
  return blocks.flatMap((block, i) => {
    if (block.language !== 'ts') return [];
    const next = blocks[i + 1];
    return [
      { heading: block.heading, code: block.text, prints: next?.language === 'text' ? next.text : undefined },
    ];
  });
})();

// Inside the package, so that `import … from 'eventfold'` resolves to it (a package may import itself by
// name through its exports map): the examples use the built package exactly as an installed one is used.
const work = path.join(REPO, 'test-results', `api-examples-${process.pid}`);
const runIn: string[] = [];
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  for (const dir of runIn) fs.rmSync(dir, { recursive: true, force: true });
});

describe('docs/API.md', () => {
  it('has examples for every part of the library, each a whole program with its output', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.filter((example) => example.prints === undefined)).toHaveLength(1);
  });

  it('every example compiles under strict TypeScript against the published types, and prints what the doc says', () => {
    fs.mkdirSync(work, { recursive: true });
    const files = examples.map((example, i) => {
      const file = `example-${i + 1}.ts`;
      fs.writeFileSync(path.join(work, file), example.code + '\n');
      return file;
    });
    const compiled = compileTypeScript(work, files);
    expect(compiled.output).toBe('');
    for (const [i, example] of examples.entries()) {
      const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-api-example-'));
      runIn.push(cwd);
      const run = spawnSync(process.execPath, [path.join(work, 'js', `example-${i + 1}.js`)], {
        cwd,
        encoding: 'utf8',
      });
      const where = `the example under "${example.heading}"`;
      expect({ where, stderr: run.stderr, status: run.status }).toEqual({ where, stderr: '', status: 0 });
      expect({ where, stdout: run.stdout.trimEnd() }).toEqual({ where, stdout: example.prints ?? '' });
    }
  });
});
