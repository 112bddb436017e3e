import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendLines, eventfold, eventfoldOk, jsonLines, newFolder } from './eventfold-process.js';

/** Sets the window title, rings the bell, clears the screen; then a right-to-left override. */
const HOSTILE_STREAM = '\u001b]0;owned\u0007order-\u001b[2J1';
const HOSTILE_TYPE = 'Paid\u202etxt.exe\u0085';
const ESCAPED_STREAM = '\\u001b]0;owned\\u0007order-\\u001b[2J1';
const ESCAPED_TYPE = 'Paid\\u202etxt.exe\\u0085';

/** Anything a terminal would act on instead of showing. */
// eslint-disable-next-line no-control-regex -- finding these characters is what the test is for
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

async function hostileFolder(): Promise<string> {
  const dir = await newFolder();
  await appendLines(dir, [
    { stream: HOSTILE_STREAM, type: HOSTILE_TYPE, data: { note: 'bidi \u2067inside\u2069 data \u001b[31m' } },
    { stream: HOSTILE_STREAM, type: 'Shipped' },
  ]);
  return dir;
}

describe('folder text on a terminal', () => {
  it('read, streams and stats print stream ids and types with control characters escaped', async () => {
    const dir = await hostileFolder();

    const read = await eventfoldOk(['read', dir]);
    expect(UNSAFE.test(read)).toBe(false);
    expect(read).toContain(`${ESCAPED_STREAM}@0`);
    expect(read).toContain(ESCAPED_TYPE);
    expect(read).toContain('bidi \\u2067inside\\u2069 data \\u001b[31m');

    const streams = await eventfoldOk(['streams', dir]);
    expect(UNSAFE.test(streams)).toBe(false);
    expect(streams.split('\n')[1]).toMatch(new RegExp(`^${escapeRegExp(ESCAPED_STREAM)}\\s+`));

    const stats = await eventfoldOk(['stats', dir]);
    expect(UNSAFE.test(stats)).toBe(false);
    expect(stats).toMatch(new RegExp(`^  ${escapeRegExp(ESCAPED_TYPE)}\\s+1$`, 'm'));
  });

  it('JSON output stays exact', async () => {
    const dir = await hostileFolder();
    const events = jsonLines(await eventfoldOk(['read', dir, '--json'])) as {
      stream: string;
      type: string;
    }[];
    expect(events.map((event) => [event.stream, event.type])).toEqual([
      [HOSTILE_STREAM, HOSTILE_TYPE],
      [HOSTILE_STREAM, 'Shipped'],
    ]);
    const streams = jsonLines(await eventfoldOk(['streams', dir, '--json'])) as { stream: string }[];
    expect(streams.map((line) => line.stream)).toEqual([HOSTILE_STREAM]);
    const stats = JSON.parse(await eventfoldOk(['stats', dir, '--json'])) as { types: { type: string }[] };
    expect(stats.types.map((entry) => entry.type).sort()).toEqual([HOSTILE_TYPE, 'Shipped'].sort());
  });

  it('verify and error messages that quote a stream id escape it too', async () => {
    const dir = await hostileFolder();
    // Take the stream's first event out: its second one is then revision 1 where 0 was expected.
    const segment = path.join(dir, 'log', '000000000001.jsonl');
    const lines = fs.readFileSync(segment, 'utf8').split('\n');
    fs.writeFileSync(segment, lines.slice(1).join('\n'));

    const verify = await eventfold(['verify', dir]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`revision 1 of stream "${ESCAPED_STREAM}" out of order`);
    expect(UNSAFE.test(verify.stdout + verify.stderr)).toBe(false);

    const append = await eventfold([
      'append',
      await hostileFolder(),
      HOSTILE_STREAM,
      'More',
      '--expected-revision',
      '7',
    ]);
    expect(append.code).toBe(3);
    expect(append.stderr).toContain(ESCAPED_STREAM);
    expect(UNSAFE.test(append.stderr)).toBe(false);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
