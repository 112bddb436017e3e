import { describe, expect, it } from 'vitest';
import {
  journalRequestNames,
  requestNames,
  type JournalRequestName,
  type RequestArg,
} from '../../shared/contract.js';
import { failureOf } from '../../electron/api/contract-failure.js';
import { JournalError } from '../../shared/journal/index.js';
import { useApiFixture } from './api-session-fixture.js';

const fixture = useApiFixture();

/**
 * The journal's requests are in the contract before their handlers (electron/api/journal-pending-handlers.ts).
 * Whoever builds a handler removes its name from `pending` below; when the list is empty, delete this test
 * and the pending handlers.
 */
const built: readonly JournalRequestName[] = [
  'journal.status',
  'journal.command',
  'journal.channels',
  'journal.messages',
  'journal.message',
  'journal.history',
  'journal.deleted',
  'journal.pins',
  'journal.calendar',
  'journal.onThisDay',
  'journal.statistics',
  'journal.tags',
  'journal.upload.begin',
  'journal.upload.chunk',
  'journal.upload.finish',
  'journal.upload.cancel',
  'journal.attachment.read',
  'journal.attachment.url',
  'journal.drafts',
  'journal.draft.save',
  // electron/api/journal-search-handlers.ts
  'journal.search',
  // electron/api/journal-import-handlers.ts
  'journal.import.choose',
  'journal.import.preview',
  'journal.import',
  'journal.import.cancel',
];
const pending = journalRequestNames.filter((name) => !built.includes(name));

const at = '2026-03-01T08:00:00.000Z';
const sha256 = 'ab'.repeat(32);

/** A valid argument for every journal request: what a caller sends (the schemas must accept each). */
const validArgs: { readonly [N in JournalRequestName]: RequestArg<N> } = {
  'journal.status': undefined,
  'journal.command': { type: 'PostMessage', message: 'm1', channel: 'c1', text: 'Hello #world', at },
  'journal.channels': { archived: false },
  'journal.messages': { channel: 'c1', page: { kind: 'around', message: 'm1' }, limit: 50, asOf: at },
  'journal.message': { message: 'm1' },
  'journal.history': { message: 'm1' },
  'journal.deleted': { channel: 'c1', limit: 20 },
  'journal.pins': { channel: 'c1' },
  'journal.calendar': { from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Oslo' },
  'journal.onThisDay': { day: '2026-03-01', timeZone: 'UTC' },
  'journal.statistics': { timeZone: 'Asia/Tokyo', from: '2026-01-01' },
  'journal.tags': { prefix: 'wo', limit: 10 },
  'journal.search': { query: 'cafe', tags: ['work'], hasAttachment: true, offset: 0, limit: 20 },
  'journal.upload.begin': { upload: 'u1', name: 'ferry.jpg', mediaType: 'image/jpeg', size: 48_213 },
  'journal.upload.chunk': { upload: 'u1', offset: 0, data: 'aGVsbG8=' },
  'journal.upload.finish': { upload: 'u1', width: 1280, height: 960 },
  'journal.upload.cancel': { upload: 'u1' },
  'journal.attachment.read': { sha256, offset: 0, length: 65_536 },
  'journal.attachment.url': { sha256, mediaType: 'image/jpeg', name: 'ferry.jpg' },
  'journal.drafts': undefined,
  'journal.draft.save': {
    channel: 'c1',
    draft: { text: 'half a thought', replyTo: null, attachments: [], editing: null, updated: at },
  },
  'journal.import.choose': { from: 'telegram' },
  'journal.import.preview': { path: '/tmp/result.json', from: 'telegram' },
  'journal.import': {
    import: 'i1',
    path: '/tmp/journal.json',
    from: 'jrnl',
    channel: { kind: 'new', channel: 'c9', name: 'jrnl' },
  },
  'journal.import.cancel': { import: 'i1' },
};

describe('the journal block of the contract, before its handlers exist', () => {
  it('is part of the contract', () => {
    expect(journalRequestNames.length).toBeGreaterThan(20);
    for (const name of journalRequestNames) expect(requestNames).toContain(name);
  });

  it('answers every pending journal request Unsupported, naming it, when given a valid argument', async () => {
    const dir = await fixture.folder([{ stream: 'journal-channels', type: 'Noted' }]);
    const session = await fixture.opened(dir);
    for (const name of pending) {
      const answer = await session.answer(name, validArgs[name]);
      expect(answer, name).toStrictEqual({
        ok: false,
        error: {
          code: 'Unsupported',
          message: `${name} is not built yet: the journal's handlers come next`,
          details: { request: name },
        },
      });
    }
  });

  it('checks journal arguments at the boundary, naming the bad field', async () => {
    const session = fixture.session();
    const refused = await session.refusal('journal.command', {
      type: 'PostMessage',
      message: 'm1',
      channel: 'c1',
      text: 'hi',
      at: 'yesterday',
    });
    expect(refused.code).toBe('BadRequest');
    expect(refused.message).toBe(
      'journal.command: at must be an ISO-8601 UTC time with milliseconds, like 2026-03-01T08:15:00.000Z',
    );
    const page = await session.refusal('journal.messages', { channel: 'c1', page: { kind: 'middle' } });
    expect(page.message).toBe(
      'journal.messages: page.kind must be one of "latest", "older", "newer", "around", "at"',
    );
  });
});

describe('journal errors crossing the contract', () => {
  it('keep their code, message and details', () => {
    const refusal = new JournalError(
      'MessageIsDeleted',
      'This message is deleted; restore it first to change it',
      {
        message: 'm1',
      },
    );
    expect(failureOf('journal.command', refusal)).toStrictEqual({
      code: 'MessageIsDeleted',
      message: 'This message is deleted; restore it first to change it',
      details: { message: 'm1' },
    });
  });
});
