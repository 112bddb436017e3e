import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeLine } from '../../electron/store/event-line.js';
import { JOURNAL_EVENT_TYPES, readJournalEvent, streamOfEvent } from '../../shared/journal/index.js';
import { fencedBlocks } from '../format/format-doc-blocks.js';

const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/JOURNAL.md'), 'utf8');
const lines = fencedBlocks(doc)
  .flatMap((block) => block.text.split('\n'))
  .filter((line) => line.startsWith('{"position"'));

describe('the example lines of docs/JOURNAL.md', () => {
  it('are stored lines with a right checksum, holding journal events of the current version in their stream', () => {
    expect(lines.length).toBeGreaterThanOrEqual(JOURNAL_EVENT_TYPES.length);
    for (const line of lines) {
      const bytes = Buffer.from(`${line}\n`, 'utf8');
      const decoded = decodeLine(bytes, 0, bytes.length - 1);
      if (!decoded.ok) throw new Error(`${decoded.reason}: ${line}`);
      const reading = readJournalEvent(decoded.event.type, decoded.event.data);
      if (reading.kind !== 'journal') throw new Error(`${JSON.stringify(reading)}: ${line}`);
      expect(streamOfEvent(reading.event)).toBe(decoded.event.stream);
    }
  });

  it('show every journal event type, each under its own heading', () => {
    const shown = new Set(lines.map((line) => (JSON.parse(line) as { type: string }).type));
    expect([...shown].sort()).toStrictEqual([...JOURNAL_EVENT_TYPES].sort());
    for (const type of JOURNAL_EVENT_TYPES) expect(doc).toMatch(new RegExp(`^### .*\\b${type}\\b`, 'm'));
  });
});
