import { describe, expect, it } from 'vitest';
import { crc32c, crc32cPortable } from '../../electron/store/crc32c.js';
import { decodeLine, encodeLines, lineHead } from '../../electron/store/event-line.js';
import { blockUnder, fencedBlocks, readFormatDoc } from './format-doc-blocks.js';

const doc = readFormatDoc();
const SUFFIX_HEAD = ',"crc32c":"';

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/** The example lines of the doc, as the bytes a segment would hold. */
function exampleLines(text: string): Buffer[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{"position"'))
    .map((line) => Buffer.from(line + '\n', 'utf8'));
}

describe('docs/FORMAT.md examples', () => {
  it('states the CRC-32C check value that the implementation computes', () => {
    const stated = /`123456789` is `([0-9a-f]{8})`/.exec(doc)?.[1];
    expect(stated, 'the doc states the check value of "123456789"').toBeDefined();
    expect(hex(crc32cPortable(Buffer.from('123456789')))).toBe(stated);
    expect(hex(crc32c(Buffer.from('123456789')))).toBe(stated);
  });

  it('gives every example line the checksum of the bytes before its suffix, computed independently', () => {
    const lines = fencedBlocks(doc).flatMap((block) => exampleLines(block.text));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      const suffixAt = line.lastIndexOf(SUFFIX_HEAD);
      expect(line.length - 1 - suffixAt, 'the suffix is 21 bytes before the newline').toBe(21);
      const stored = line.toString(
        'latin1',
        suffixAt + SUFFIX_HEAD.length,
        suffixAt + SUFFIX_HEAD.length + 8,
      );
      expect(hex(crc32cPortable(line.subarray(0, suffixAt))), line.toString()).toBe(stored);
      expect(decodeLine(line, 0, line.length - 1)).toMatchObject({ ok: true });
    }
  });

  it('shows in the worked example exactly the bytes Eventfold writes for those events', () => {
    const lines = exampleLines(blockUnder(doc, '### Worked example', 'text'));
    expect(lines).toHaveLength(3);
    const heads = lines.map((line) => {
      const decoded = decodeLine(line, 0, line.length - 1);
      if (!decoded.ok) throw new Error(decoded.reason);
      const { event, more } = decoded;
      return lineHead({
        ...event,
        dataJson: JSON.stringify(event.data),
        metaJson: JSON.stringify(event.meta),
        more,
      });
    });
    expect(encodeLines(heads).bytes.toString('utf8')).toBe(Buffer.concat(lines).toString('utf8'));
    // The prose under the example counts the first line's bytes; keep it true.
    const first = lines[0]!;
    const covered = /the checksummed bytes are the (\d+) bytes/.exec(doc)?.[1];
    const total = /(\d+) bytes in all/.exec(doc)?.[1];
    expect(Number(covered)).toBe(first.lastIndexOf(SUFFIX_HEAD));
    expect(Number(total)).toBe(first.length);
  });
});
