import { describe, expect, it } from 'vitest';
import { JournalCommandHandler, JournalReadModel } from '../../electron/journal/index.js';
import { ReadModelRunner } from '../../electron/read-models/index.js';
import { useApiFixture } from '../api/api-session-fixture.js';
import { at } from './journal-session.js';

const fixture = useApiFixture();
const MESSAGES = 30;

/**
 * A journal folder as after a day of use: a channel of MESSAGES messages (every 7th a reply to the first,
 * the 10th deleted) and its views' checkpoint written, as the app leaves it on close.
 */
async function usedJournal(): Promise<{ dir: string; handler: JournalCommandHandler }> {
  const dir = await fixture.folder();
  const store = await fixture.writer(dir);
  const handler = new JournalCommandHandler(store);
  await handler.handle({ type: 'CreateChannel', channel: 'c1', name: 'Journal', at: at(0) });
  for (let n = 0; n < MESSAGES; n++) {
    await handler.handle({
      type: 'PostMessage',
      message: `m${n}`,
      channel: 'c1',
      text: `message ${n}`,
      at: at(n + 1),
      ...(n % 7 === 6 ? { replyTo: 'm0' } : {}),
    });
  }
  await handler.handle({ type: 'DeleteMessage', message: 'm10', at: at(100) });
  const runner = new ReadModelRunner(store, new JournalReadModel());
  await runner.start();
  await runner.close();
  return { dir, handler };
}

describe("a journal's first page on open", () => {
  it('is answered from the checkpoint before the views have loaded, as the loaded views answer it', async () => {
    const { dir } = await usedJournal();
    const session = await fixture.opened(dir);
    const latest = { channel: 'c1', page: { kind: 'latest' }, limit: 20 } as const;
    const [channels, first] = await Promise.all([
      session.call('journal.channels', {}),
      session.call('journal.messages', latest),
    ]);
    const status = await session.call('journal.status', undefined);
    expect(status.readModels[0]?.state).toBe('idle');

    // The newest 20 not deleted: m9, then m11 to m29 (m10 is deleted).
    expect(first.messages.map((m) => m.message)).toStrictEqual([
      'm9',
      ...Array.from({ length: 19 }, (_, i) => `m${i + 11}`),
    ]);
    expect(first.total).toBe(MESSAGES - 1);
    expect(first.older).not.toBeNull();
    // A page further up needs the whole index: it waits for it, and agrees with the first.
    const older = await session.call('journal.messages', {
      channel: 'c1',
      page: { kind: 'older', cursor: first.older! },
      limit: 20,
    });
    expect(older.messages.map((m) => m.message)).toStrictEqual(Array.from({ length: 9 }, (_, i) => `m${i}`));
    expect(older.older).toBeNull();
    expect((await session.call('journal.status', undefined)).readModels[0]?.state).toBe('live');
    expect(await session.call('journal.messages', latest)).toStrictEqual(first);
    expect(await session.call('journal.channels', {})).toStrictEqual(channels);
    const original = await session.call('journal.message', { message: 'm0' });
    expect(original.replies).toBe(4);
  });

  it('waits for the views when the log grew since the checkpoint, and shows what was added', async () => {
    const { dir, handler } = await usedJournal();
    await handler.handle({
      type: 'PostMessage',
      message: 'late',
      channel: 'c1',
      text: 'posted while the app was closed',
      at: at(200),
    });
    const session = await fixture.opened(dir);
    const first = await session.call('journal.messages', {
      channel: 'c1',
      page: { kind: 'latest' },
      limit: 5,
    });
    expect(first.messages.at(-1)?.text).toBe('posted while the app was closed');
    expect(first.total).toBe(MESSAGES);
    expect((await session.call('journal.status', undefined)).readModels[0]?.state).toBe('live');
  });
});
