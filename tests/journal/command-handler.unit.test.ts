import { afterEach, describe, expect, it } from 'vitest';
import { initEventFolder, openEventStore, type EventStore } from '../../electron/store/index.js';
import { JournalCommandHandler, type JournalStreams } from '../../electron/journal/index.js';
import { JournalError, type JournalCommand, type JournalRefusalCode } from '../../shared/journal/index.js';
import type { RecordedEvent } from '../../shared/event.js';
import { useTempFolders } from '../store/temp-folders.js';
import { at } from './journal-fixtures.js';

const tempFolder = useTempFolders('eventfold-journal-');
const open: EventStore[] = [];

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

async function openStore(dir: string): Promise<EventStore> {
  const store = await openEventStore(dir);
  open.push(store);
  return store;
}

/** A journal folder with channel c1 and message m1 ("first"), and a second store open on the same folder. */
async function twoWindows(): Promise<{ dir: string; a: EventStore; b: EventStore }> {
  const dir = tempFolder();
  await initEventFolder(dir);
  const a = await openStore(dir);
  const setup = new JournalCommandHandler(a);
  await setup.handle({ type: 'CreateChannel', channel: 'c1', name: 'Work', at: at(0) });
  await setup.handle({ type: 'PostMessage', message: 'm1', channel: 'c1', text: 'first', at: at(1) });
  return { dir, a, b: await openStore(dir) };
}

/**
 * The store, with a hook that runs once right before the next append: the moment between reading the
 * state and appending, where another window's command lands in a real race.
 */
function withPause(store: EventStore): {
  streams: JournalStreams;
  beforeAppend: (run: () => Promise<unknown>) => void;
} {
  let pending: (() => Promise<unknown>)[] = [];
  return {
    streams: {
      readStream: (stream, options) => store.readStream(stream, options),
      appendToStream: async (stream, events, options) => {
        const run = pending.shift();
        if (run !== undefined) await run();
        return store.appendToStream(stream, events, options);
      },
    },
    beforeAppend: (run) => {
      pending = [...pending, run];
    },
  };
}

async function streamEvents(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  return (await store.readStream(stream, { limit: 1000 })).events;
}

async function refusal(
  action: Promise<unknown>,
  code: JournalRefusalCode | 'WriteContention',
): Promise<JournalError> {
  const error = await action.then(
    () => new Error('accepted'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(JournalError);
  expect((error as JournalError).code, (error as Error).message).toBe(code);
  return error as JournalError;
}

const editM1 = (edit: string, text: string, baseVersion = 1, minutes = 5): JournalCommand => ({
  type: 'EditMessage',
  message: 'm1',
  edit,
  baseVersion,
  text,
  at: at(minutes),
});

describe('JournalCommandHandler on a real store', () => {
  it('appends the decided events to the routed streams, with their data as the decider made it', async () => {
    const { a } = await twoWindows();
    const handler = new JournalCommandHandler(a, { meta: { app: 'eventfold-test' } });
    const outcome = await handler.handle({ type: 'AddReaction', message: 'm1', emoji: '🎉', at: at(2) });
    expect(outcome).toMatchObject({
      stream: 'message-m1',
      attempts: 1,
      conflict: false,
      positions: { first: 3, last: 3 },
    });
    const [post, reaction] = await streamEvents(a, 'message-m1');
    expect(post).toMatchObject({
      type: 'MessagePosted',
      revision: 0,
      data: { v: 1, text: 'first', channel: 'c1', at: at(1) },
    });
    expect(reaction).toMatchObject({
      position: 3,
      type: 'ReactionAdded',
      revision: 1,
      data: { v: 1, message: 'm1', channel: 'c1', emoji: '🎉', at: at(2) },
      meta: { app: 'eventfold-test' },
    });
    expect(await streamEvents(a, 'journal-channels')).toMatchObject([
      { type: 'ChannelCreated', data: { name: 'Work' } },
    ]);
  });

  it('appends nothing for a command that changes nothing, and throws a refusal without appending', async () => {
    const { a } = await twoWindows();
    const handler = new JournalCommandHandler(a);
    const again = await handler.handle({
      type: 'PostMessage',
      message: 'm1',
      channel: 'c1',
      text: 'first',
      at: at(1),
    });
    expect(again).toMatchObject({ events: [], positions: null, attempts: 1 });
    const refused = await refusal(
      handler.handle({ type: 'RestoreMessage', message: 'm1', at: at(3) }),
      'MessageNotDeleted',
    );
    expect(refused.message).toBe('This message is not deleted');
    expect(a.lastPosition).toBe(2);
  });

  it('keeps both of two edits made at once from one version in two windows: one wins, the other is a conflict', async () => {
    const { a, b } = await twoWindows();
    const windowA = withPause(a);
    // Window A has read version 1 of m1; before it appends, window B's edit of the same version lands.
    windowA.beforeAppend(() => new JournalCommandHandler(b).handle(editM1('eB', 'edited in window B')));
    const outcome = await new JournalCommandHandler(windowA.streams).handle(
      editM1('eA', 'edited in window A'),
    );
    expect(outcome.attempts).toBe(2);
    expect(outcome.conflict).toBe(true);
    const events = await streamEvents(a, 'message-m1');
    expect(events.map((event) => [event.type, (event.data as { text?: string }).text])).toStrictEqual([
      ['MessagePosted', 'first'],
      ['MessageEdited', 'edited in window B'],
      ['MessageEditConflicted', 'edited in window A'],
    ]);
    expect(events[2]!.data).toMatchObject({ edit: 'eA', baseVersion: 1, version: 2 });
  });

  it('decides a losing command again: the same reaction from two windows is recorded once', async () => {
    const { a, b } = await twoWindows();
    const windowA = withPause(a);
    const thumbsUp = { type: 'AddReaction', message: 'm1', emoji: '👍', at: at(4) } as const;
    windowA.beforeAppend(() => new JournalCommandHandler(b).handle(thumbsUp));
    const outcome = await new JournalCommandHandler(windowA.streams).handle(thumbsUp);
    expect(outcome).toMatchObject({ attempts: 2, events: [], positions: null });
    expect((await streamEvents(a, 'message-m1')).map((event) => event.type)).toStrictEqual([
      'MessagePosted',
      'ReactionAdded',
    ]);
  });

  it('refuses a losing command that the fresh state no longer allows: a delete after another delete', async () => {
    const { a, b } = await twoWindows();
    const windowA = withPause(a);
    windowA.beforeAppend(() =>
      new JournalCommandHandler(b).handle({ type: 'DeleteMessage', message: 'm1', at: at(4) }),
    );
    await refusal(
      new JournalCommandHandler(windowA.streams).handle({ type: 'DeleteMessage', message: 'm1', at: at(5) }),
      'MessageIsDeleted',
    );
    expect((await streamEvents(a, 'message-m1')).map((event) => event.type)).toStrictEqual([
      'MessagePosted',
      'MessageDeleted',
    ]);
  });

  it('serialises channel creation through the directory stream: two windows cannot both take a name', async () => {
    const { a, b } = await twoWindows();
    const windowA = withPause(a);
    windowA.beforeAppend(() =>
      new JournalCommandHandler(b).handle({ type: 'CreateChannel', channel: 'c2', name: 'Home', at: at(6) }),
    );
    await refusal(
      new JournalCommandHandler(windowA.streams).handle({
        type: 'CreateChannel',
        channel: 'c3',
        name: 'home',
        at: at(6),
      }),
      'ChannelNameTaken',
    );
  });

  it('gives up with WriteContention after losing every attempt, having appended nothing of its own', async () => {
    const { a, b } = await twoWindows();
    const windowA = withPause(a);
    const other = new JournalCommandHandler(b);
    for (const n of [1, 2, 3])
      windowA.beforeAppend(() => other.handle({ type: 'AddTag', message: 'm1', tag: `t${n}`, at: at(n) }));
    const error = await refusal(
      new JournalCommandHandler(windowA.streams, { maxAttempts: 3 }).handle({
        type: 'PinMessage',
        message: 'm1',
        at: at(9),
      }),
      'WriteContention',
    );
    expect(error.message).toBe(
      'PinMessage lost the race for message-m1 to other writers 3 times in a row; nothing was changed, try again',
    );
    expect((await streamEvents(a, 'message-m1')).map((event) => event.type)).toStrictEqual([
      'MessagePosted',
      'TagAdded',
      'TagAdded',
      'TagAdded',
    ]);
  });

  it('races ten edits of one version in one process: one is accepted, nine are kept as conflicts', async () => {
    const { a } = await twoWindows();
    const handler = new JournalCommandHandler(a, { maxAttempts: 20 });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => handler.handle(editM1(`e${i}`, `version from edit ${i}`))),
    );
    expect(outcomes.filter((outcome) => !outcome.conflict)).toHaveLength(1);
    expect(outcomes.some((outcome) => outcome.attempts > 1)).toBe(true);
    const events = await streamEvents(a, 'message-m1');
    expect(events.filter((event) => event.type === 'MessageEdited')).toHaveLength(1);
    const texts = events
      .slice(1)
      .map((event) => (event.data as { text: string }).text)
      .sort();
    expect(texts).toStrictEqual(Array.from({ length: 10 }, (_, i) => `version from edit ${i}`).sort());
  });

  it('skips a malformed journal event written by hand, but expects the stream with it', async () => {
    const { a } = await twoWindows();
    await a.appendToStream('message-m1', [{ type: 'MessagePinned', data: { v: 1, message: 'm1' } }]);
    await a.appendToStream('message-m1', [{ type: 'Note', data: { by: 'a script' } }]);
    const outcome = await new JournalCommandHandler(a).handle({
      type: 'PinMessage',
      message: 'm1',
      at: at(7),
    });
    expect(outcome.attempts).toBe(1);
    expect(
      (await streamEvents(a, 'message-m1')).map((event) => `${event.revision}:${event.type}`),
    ).toStrictEqual(['0:MessagePosted', '1:MessagePinned', '2:Note', '3:MessagePinned']);
  });
});
