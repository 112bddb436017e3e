import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../shared/schema.js';
import {
  decide,
  initialState,
  JournalError,
  journalCommandSchema,
  readJournalEvent,
  type JournalCommand,
} from '../../shared/journal/index.js';
import { at, picture, posted } from './journal-fixtures.js';

describe('readJournalEvent', () => {
  it('reads a journal event back from its stored data', () => {
    const event = posted('m1', 'Hello', {
      attachments: [picture],
      origin: { app: 'jrnl', id: '2026-03-01 08:02' },
    });
    expect(readJournalEvent(event.type, JSON.parse(JSON.stringify(event.data)))).toStrictEqual({
      kind: 'journal',
      event,
    });
  });

  it("leaves other programs' events alone", () => {
    expect(readJournalEvent('OrderPlaced', { total: 3 })).toStrictEqual({ kind: 'other' });
  });

  it('calls an event of another version, or of the wrong shape, unreadable and says why', () => {
    const { data } = posted('m1', 'Hello');
    expect(readJournalEvent('MessagePosted', { ...data, v: 2 })).toStrictEqual({
      kind: 'unreadable',
      reason: 'MessagePosted has version 2; this Eventfold reads version 1',
    });
    expect(readJournalEvent('MessagePosted', 'text')).toMatchObject({
      kind: 'unreadable',
      reason: /version null/,
    });
    expect(readJournalEvent('MessagePosted', { ...data, text: 42 })).toStrictEqual({
      kind: 'unreadable',
      reason: 'MessagePosted: data.text must be a string of at most 9007199254740991 characters',
    });
    expect(readJournalEvent('MessageDeleted', { v: 1, message: 'm1', at: at(1) })).toMatchObject({
      kind: 'unreadable',
      reason: /data\.channel must be 1 to 64 characters/,
    });
    expect(
      readJournalEvent('MessagePosted', { ...data, attachments: [{ ...picture, sha256: 'f'.repeat(63) }] }),
    ).toMatchObject({
      kind: 'unreadable',
      reason: /data\.attachments\[0\]\.sha256/,
    });
  });
});

describe('journalCommandSchema', () => {
  function failure(value: unknown): string {
    try {
      journalCommandSchema.parse(value);
    } catch (error) {
      if (error instanceof SchemaError) return error.message;
      throw error;
    }
    return 'accepted';
  }

  it('names the bad field of the command its type names', () => {
    expect(failure({ type: 'PostMessage', message: 'm1', channel: 'c1', text: 7, at: at(0) })).toBe(
      'text must be a string of at most 1000000 characters',
    );
    expect(
      failure({ type: 'EditMessage', message: 'm1', edit: 'e1', baseVersion: 1.5, text: '', at: at(0) }),
    ).toBe('baseVersion must be an integer from 1 to 9007199254740991');
    expect(failure({ type: 'AddReaction', message: 'm1', emoji: '👍', at: at(0), by: 'me' })).toBe(
      'by must be absent (an object with type, message, emoji, at)',
    );
  });

  it('names the type when it is missing or unknown', () => {
    expect(failure({ message: 'm1' })).toMatch(
      /^the argument must be an object whose type is one of "CreateChannel"/,
    );
    expect(failure({ type: 'SendMessage' })).toMatch(/^type must be one of "CreateChannel", "RenameChannel"/);
    expect(failure(null)).toMatch(/^the argument must be/);
  });
});

describe('decide, given what is no command at all', () => {
  it('refuses it as InvalidCommand instead of failing', () => {
    for (const value of [
      null,
      undefined,
      42,
      'PostMessage',
      { type: 'SendMessage' },
      { type: 'PostMessage' },
    ]) {
      let thrown: unknown;
      try {
        decide(value as unknown as JournalCommand, initialState());
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(value)).toBeInstanceOf(JournalError);
      expect((thrown as JournalError).code).toBe('InvalidCommand');
    }
  });
});
