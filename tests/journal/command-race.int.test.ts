import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalCommandHandler } from '../../electron/journal/index.js';
import { initEventFolder, MAX_PAGE, openEventStore } from '../../electron/store/index.js';
import type { RecordedEvent } from '../../shared/event.js';
import { isLine, linesOf, startChild, type JsonLineChild } from '../multiprocess/child-process.js';
import { useTempFolders } from '../store/temp-folders.js';

const tempFolder = useTempFolders('eventfold-journal-race-');
const children: JsonLineChild[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
});

interface Outcome {
  readonly type: string;
  readonly id: string;
  readonly attempts: number;
  readonly conflict: boolean;
  readonly events: number;
}

const ROUNDS = 15;

describe('two processes running journal commands on one folder', () => {
  it('lose nothing and double nothing: every post once, every edit accepted or kept as a conflict, versions in order', async () => {
    const dir = tempFolder();
    await initEventFolder(dir);
    const setup = await openEventStore(dir);
    const handler = new JournalCommandHandler(setup);
    await handler.handle({
      type: 'CreateChannel',
      channel: 'c1',
      name: 'Journal',
      at: '2026-03-01T08:00:00.000Z',
    });
    await handler.handle({
      type: 'PostMessage',
      message: 'm1',
      channel: 'c1',
      text: 'shared',
      at: '2026-03-01T08:00:01.000Z',
    });
    await setup.close();

    const go = path.join(tempFolder(), 'go');
    const writers = ['w1', 'w2'].map((name) =>
      startChild('journal-writer', [dir, '--name', name, '--rounds', String(ROUNDS), '--go', go]),
    );
    children.push(...writers);
    await Promise.all(writers.map((child) => child.waitForLine(isLine('ready'))));
    fs.writeFileSync(go, '');
    const exits = await Promise.all(writers.map((child) => child.exited));
    for (const [i, exit] of exits.entries()) expect(exit.code, writers[i]!.stderr()).toBe(0);

    const outcomes = writers.flatMap((child) => linesOf<Outcome>(child, 'outcome'));
    const refused = writers.flatMap((child) => linesOf<{ code: string }>(child, 'refused'));
    // Nothing here may be refused: posts are new, edits keep their text as conflicts, reactions are sets.
    expect(refused).toStrictEqual([]);
    expect(outcomes).toHaveLength(2 * ROUNDS * 3);

    const store = await openEventStore(dir, { readOnly: true, watch: false });
    let all: RecordedEvent[];
    try {
      all = (await store.readAll({ limit: MAX_PAGE })).events;
    } finally {
      await store.close();
    }
    const posts = all.filter((event) => event.type === 'MessagePosted');
    const postIds = posts.map((event) => (event.data as { message: string }).message).sort();
    const expectedPosts = [
      'm1',
      ...['w1', 'w2'].flatMap((w) => Array.from({ length: ROUNDS }, (_, r) => `${w}-m${r}`)),
    ];
    expect(postIds).toStrictEqual(expectedPosts.sort());

    const m1 = all.filter((event) => event.stream === 'message-m1');
    expect(m1.map((event) => event.revision)).toStrictEqual(m1.map((_, i) => i));
    const edits = m1.filter(
      (event) => event.type === 'MessageEdited' || event.type === 'MessageEditConflicted',
    );
    const editIds = edits.map((event) => (event.data as { edit: string }).edit).sort();
    expect(editIds).toStrictEqual(
      ['w1', 'w2'].flatMap((w) => Array.from({ length: ROUNDS }, (_, r) => `${w}-e${r}`)).sort(),
    );
    const accepted = edits.filter((event) => event.type === 'MessageEdited');
    expect(accepted.map((event) => (event.data as { version: number }).version)).toStrictEqual(
      accepted.map((_, i) => i + 2),
    );
    for (const event of accepted) {
      const data = event.data as { version: number; baseVersion: number };
      expect(data.baseVersion).toBe(data.version - 1);
    }
    const conflicts = edits.filter((event) => event.type === 'MessageEditConflicted');
    expect(conflicts.length).toBe(outcomes.filter((outcome) => outcome.conflict).length);
    // Each reaction emoji is on m1 once, however many times both writers added it.
    const reactions = m1
      .filter((event) => event.type === 'ReactionAdded')
      .map((event) => (event.data as { emoji: string }).emoji);
    expect(reactions.sort()).toStrictEqual(['❤️', '🎉', '👍', '🔥'].sort());
    // The writers did race: some command was decided again after losing to the other writer.
    expect(outcomes.some((outcome) => outcome.attempts > 1)).toBe(true);
  });
});
