import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importedMessageId } from '../../../electron/journal/import/entry-ids.js';
import { jsonSyntaxError } from '../../../electron/journal/import/json-syntax.js';
import { telegramMarkdown } from '../../../electron/journal/import/telegram-text.js';
import { instantOf } from '../../../electron/journal/import/wall-time.js';
import { isJournalId } from '../../../shared/journal/index.js';

describe('finding where a text stops being JSON', () => {
  it('agrees with JSON.parse on what is JSON, whatever the text', () => {
    const mangled = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '\\'))
      .map(
        ([json, at, insert]) =>
          json.slice(0, at % (json.length + 1)) + insert + json.slice(at % (json.length + 1)),
      );
    fc.assert(
      fc.property(fc.oneof(fc.json(), mangled, fc.string()), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(jsonSyntaxError(text) === undefined).toBe(parses);
      }),
      { numRuns: 500 },
    );
  });

  it('names the line and column of the first mistake', () => {
    expect(jsonSyntaxError('{\n  "a": 1,\n  "b": 2,\n}')).toEqual({
      offset: 22,
      line: 4,
      column: 1,
      message: 'expected a property name in double quotes, found "}"',
    });
    expect(jsonSyntaxError('[1, 2')).toMatchObject({
      line: 1,
      column: 6,
      message: "expected ',' or ']' after an element, found the end of the file",
    });
    expect(jsonSyntaxError('{"text": "line\nbreak"}')).toMatchObject({
      line: 1,
      column: 15,
      message: 'a string holds a control character (a line break must be written \\n)',
    });
  });
});

describe("Telegram's text as Markdown", () => {
  it('writes its formatting as Markdown and escapes what would read as Markdown in plain text', () => {
    expect(
      telegramMarkdown([
        'Note: ',
        { type: 'bold', text: 'pack ' },
        { type: 'italic', text: 'light' },
        ', ',
        { type: 'strikethrough', text: 'skip' },
        ' ',
        { type: 'code', text: 'a`b' },
        ' ',
        { type: 'text_link', text: 'map', href: 'https://example.com/a b' },
        ' #trip @ana 2*3_4',
      ]),
    ).toBe('Note: **pack** *light*, ~~skip~~ ``a`b`` [map](<https://example.com/a b>) #trip @ana 2\\*3\\_4');
    expect(telegramMarkdown([{ type: 'pre', text: 'let x = 1;', language: 'js' }])).toBe(
      '\n```js\nlet x = 1;\n```\n',
    );
    expect(telegramMarkdown([{ type: 'blockquote', text: 'one\ntwo' }])).toBe('\n> one\n> two\n');
    expect(telegramMarkdown('plain [not a link](x)')).toBe('plain \\[not a link\\](x)');
  });

  it('refuses what is neither a string nor a list of parts', () => {
    expect(telegramMarkdown(42)).toBeUndefined();
    expect(telegramMarkdown([{ type: 'bold' }])).toBeUndefined();
  });
});

describe('wall-clock times', () => {
  it('are read in the zone named, summer and winter', () => {
    const wall = { year: 2021, month: 3, day: 1, hour: 18, minute: 45 };
    expect(new Date(instantOf(wall, 'Europe/Oslo')).toISOString()).toBe('2021-03-01T17:45:00.000Z');
    expect(new Date(instantOf({ ...wall, month: 7 }, 'Europe/Oslo')).toISOString()).toBe(
      '2021-07-01T16:45:00.000Z',
    );
    expect(new Date(instantOf(wall, 'America/New_York')).toISOString()).toBe('2021-03-01T23:45:00.000Z');
    expect(new Date(instantOf(wall, 'UTC')).toISOString()).toBe('2021-03-01T18:45:00.000Z');
    // The evening before Adelaide's clocks go forward: read as UTC, that time is already past the change.
    const eve = { year: 2008, month: 10, day: 4, hour: 17, minute: 0 };
    expect(new Date(instantOf(eve, 'Australia/Adelaide')).toISOString()).toBe('2008-10-04T07:30:00.000Z');
  });

  it('show the same clock time again when read back, outside the hour the clocks change', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 1990, max: 2035 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
          hour: fc.integer({ min: 4, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
        }),
        fc.constantFrom(
          'Europe/Oslo',
          'Asia/Tokyo',
          'America/Sao_Paulo',
          'Australia/Adelaide',
          'Australia/Lord_Howe',
          'Pacific/Chatham',
          'America/St_Johns',
        ),
        (wall, zone) => {
          const shown = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
          }).format(new Date(instantOf(wall, zone)));
          const two = (value: number): string => String(value).padStart(2, '0');
          expect(shown).toBe(
            `${wall.year}-${two(wall.month)}-${two(wall.day)}, ${two(wall.hour)}:${two(wall.minute)}`,
          );
        },
      ),
    );
  });
});

describe('ids of imported messages', () => {
  it('come from the source ids, and are always ids the journal takes, with room for a continuation', () => {
    expect(importedMessageId('tg', '5012345678-101')).toBe('tg-5012345678-101');
    expect(importedMessageId('dayone', '4F2A9C81D3E54B7A9C0D1E2F3A4B5C6D')).toBe(
      'dayone-4F2A9C81D3E54B7A9C0D1E2F3A4B5C6D',
    );
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom<'tg' | 'jrnl' | 'dayone'>('tg', 'jrnl', 'dayone'),
        (source, app) => {
          const id = importedMessageId(app, source);
          expect(isJournalId(`${id}-99`)).toBe(true);
          expect(importedMessageId(app, source)).toBe(id);
        },
      ),
    );
  });
});
