import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalCommandHandler } from '../../electron/journal/index.js';
import { openEventStore } from '../../electron/store/index.js';
import { eventfold, eventfoldOk, jsonLines, newFolder, tempDir } from '../cli/eventfold-process.js';

interface ListedMessage {
  readonly message: string;
  readonly channelName: string | null;
  readonly at: string;
  readonly editedAt: string | null;
  readonly text: string;
  readonly tags: string[];
  readonly attachments: { sha256: string; name: string; mediaType: string; size: number }[];
  readonly replyTo: string | null;
}

const list = async (dir: string, ...options: string[]) =>
  jsonLines(await eventfoldOk(['journal', dir, 'list', '--json', ...options])) as ListedMessage[];

/** A journal whose messages have chosen times: channels Journal and Travel, written through the store. */
async function datedJournal(): Promise<string> {
  const dir = await newFolder();
  const store = await openEventStore(dir, { watch: false });
  const handler = new JournalCommandHandler(store);
  const run = (command: Parameters<JournalCommandHandler['handle']>[0]) => handler.handle(command);
  await run({ type: 'CreateChannel', channel: 'c1', name: 'Journal', at: '2026-02-01T00:00:00.000Z' });
  await run({ type: 'CreateChannel', channel: 'c2', name: 'Travel', at: '2026-02-01T00:00:01.000Z' });
  const posts: [string, string, string, string][] = [
    ['m1', 'c1', '2026-02-27T10:00:00.000Z', 'Friday #work'],
    // 23:30 UTC on the 28th is already 1 March in Oslo (UTC+1).
    ['m2', 'c1', '2026-02-28T23:30:00.000Z', 'late Saturday #work'],
    ['m3', 'c2', '2026-03-01T09:00:00.000Z', 'On the ferry'],
    ['m4', 'c1', '2026-03-02T07:00:00.000Z', 'Monday #home'],
  ];
  for (const [message, channel, at, text] of posts) {
    await run({ type: 'PostMessage', message, channel, text, at });
  }
  await store.close();
  return dir;
}

describe('eventfold journal', () => {
  it('posts from the argument and from stdin, lists oldest first, and a journal without a channel gets one', async () => {
    const dir = await newFolder();
    const id = (await eventfoldOk(['journal', dir, 'post', 'Coffee', 'by', 'the', '#harbour'])).trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await eventfoldOk(['journal', dir, 'post', '--reply-to', id.slice(0, 8)], {
      input: 'It was late,\nagain.\n',
    });
    const messages = await list(dir);
    expect(messages.map((m) => [m.text, m.tags, m.channelName])).toStrictEqual([
      ['Coffee by the #harbour', ['harbour'], 'Journal'],
      ['It was late,\nagain.', [], 'Journal'],
    ]);
    expect(messages[1]?.replyTo).toBe(id);
    expect(messages[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const text = await eventfoldOk(['journal', dir, 'list']);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}  Journal  ${id.slice(0, 8)}  Coffee by the #harbour$`),
    );
    // A second line of a message is indented under the text.
    expect(lines[2]).toMatch(/^ {20,}again\.$/);
  });

  it('edits, deletes and restores by an id or its start', async () => {
    const dir = await newFolder();
    const id = (await eventfoldOk(['journal', dir, 'post', 'first words'])).trim();
    expect(await eventfoldOk(['journal', dir, 'edit', id.slice(0, 6), 'better words'])).toBe(
      `edited ${id}: version 2\n`,
    );
    const [edited] = await list(dir);
    expect(edited).toMatchObject({ text: 'better words' });
    expect(edited?.editedAt).not.toBeNull();
    expect(await eventfoldOk(['journal', dir, 'delete', id])).toBe(
      `deleted ${id} (eventfold journal ${dir} restore ${id.slice(0, 8)} brings it back)\n`,
    );
    expect(await list(dir)).toStrictEqual([]);
    await eventfoldOk(['journal', dir, 'restore', id.slice(0, 8)]);
    expect((await list(dir)).map((m) => m.text)).toStrictEqual(['better words']);
  });

  it('filters by channel, local days (--from, --to, phrases), tags and the last N', async () => {
    const dir = await datedJournal();
    const oslo = { env: { TZ: 'Europe/Oslo' } };
    const texts = async (...options: string[]) =>
      (
        jsonLines(await eventfoldOk(['journal', dir, 'list', '--json', ...options], oslo)) as ListedMessage[]
      ).map((m) => m.text);
    expect(await texts('--from', '2026-03-01')).toStrictEqual([
      'late Saturday #work',
      'On the ferry',
      'Monday #home',
    ]);
    expect(await texts('--to', '2026-02-28')).toStrictEqual(['Friday #work']);
    expect(await texts('--from', '2026-03-01', '--to', '2026-03-01')).toStrictEqual([
      'late Saturday #work',
      'On the ferry',
    ]);
    expect(await texts('--channel', 'travel')).toStrictEqual(['On the ferry']);
    expect(await texts('--tag', '#Work')).toStrictEqual(['Friday #work', 'late Saturday #work']);
    expect(await texts('-n', '2')).toStrictEqual(['On the ferry', 'Monday #home']);
    // In UTC the late Saturday entry is still on the 28th.
    const utc = jsonLines(
      await eventfoldOk(['journal', dir, 'list', '--json', '--to', '2026-02-28'], { env: { TZ: 'UTC' } }),
    ) as ListedMessage[];
    expect(utc.map((m) => m.text)).toStrictEqual(['Friday #work', 'late Saturday #work']);
    // Phrases are read against today: nothing in this journal is from the last three days.
    expect(await texts('--from', '3 days ago')).toStrictEqual([]);
    expect(await texts('--from', 'last monday', '--to', 'today')).toStrictEqual([]);
  });

  it('lists the channels with counts, as text and JSON', async () => {
    const dir = await datedJournal();
    const text = await eventfoldOk(['journal', dir, 'channels'], { env: { TZ: 'UTC' } });
    expect(text).toBe(
      'Journal  3 messages, last 2026-03-02 07:00  c1\nTravel  1 message, last 2026-03-01 09:00  c2\n',
    );
    const json = jsonLines(await eventfoldOk(['journal', dir, 'channels', '--json'])) as {
      name: string;
      messages: number;
    }[];
    expect(json.map((c) => [c.name, c.messages])).toStrictEqual([
      ['Journal', 3],
      ['Travel', 1],
    ]);
  });

  it('says what was wrong: an unknown channel, message, date or command, an empty message', async () => {
    const dir = await datedJournal();
    const channel = await eventfold(['journal', dir, 'post', '--channel', 'Ideas', 'hello']);
    expect(channel).toMatchObject({ code: 2 });
    expect(channel.stderr).toBe(
      'eventfold: there is no channel "Ideas"; the channels are "Journal", "Travel" (see eventfold journal DIR post --help)\n',
    );
    const message = await eventfold(['journal', dir, 'delete', 'nope']);
    expect(message).toStrictEqual({
      code: 1,
      stdout: '',
      stderr: 'eventfold: there is no message with an id starting nope\n',
    });
    const date = await eventfold(['journal', dir, 'list', '--from', 'next week']);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(
      /^eventfold: --from: "next week" is not a day: write 2026-12-01, today, yesterday/,
    );
    const verb = await eventfold(['journal', dir, 'remove', 'm1']);
    expect(verb.stderr).toMatch(
      /unknown journal command "remove"; the commands are post, edit, delete, restore, list, channels/,
    );
    const empty = await eventfold(['journal', dir, 'post', '   ']);
    expect(empty).toMatchObject({
      code: 1,
      stderr: 'eventfold: A message needs some text or an attachment\n',
    });
    expect((await eventfold(['journal', dir, 'edit', 'm4', 'x'])).code).toBe(0);
    expect((await eventfold(['journal', dir, 'delete', 'm'])).stderr).toMatch(
      /4 messages have an id starting m/,
    );
  });

  it('shows help for the journal and for each of its commands', async () => {
    const help = await eventfoldOk(['journal', '--help']);
    expect(help).toMatch(/^Usage: eventfold journal DIR post /);
    for (const verb of ['post', 'edit', 'delete', 'restore', 'list', 'channels']) {
      expect(help).toContain(`eventfold journal DIR ${verb}`);
      const own = await eventfoldOk(['journal', 'some-dir', verb, '--help']);
      expect(own).toMatch(new RegExp(`^Usage: eventfold journal DIR ${verb}`));
    }
    expect(await eventfoldOk(['--help'])).toMatch(/journal +Write, read, search and import the chat journal/);
  });

  it('attaches files, and verify checks every attachment the journal names against its hash', async () => {
    const dir = await newFolder();
    const files = tempDir();
    const picture = path.join(files, 'ferry.jpg');
    fs.writeFileSync(picture, 'pretend jpeg bytes');
    await eventfoldOk(['journal', dir, 'post', '--attach', picture, 'View from the ferry']);
    const [posted] = await list(dir);
    const ref = posted!.attachments[0]!;
    expect(ref).toMatchObject({ name: 'ferry.jpg', mediaType: 'image/jpeg', size: 18 });
    const stored = path.join(dir, 'attachments', 'sha256', ref.sha256.slice(0, 2), ref.sha256);
    expect(fs.readFileSync(stored, 'utf8')).toBe('pretend jpeg bytes');

    const sound = await eventfoldOk(['verify', dir]);
    expect(sound).toMatch(/is sound: /);
    expect(sound).toContain('attachments: the file the journal names is present and intact (18 bytes)');

    // A file nobody names is information, not a problem.
    const orphan = path.join(dir, 'attachments', 'sha256', 'ab', 'ab'.repeat(32));
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    fs.writeFileSync(orphan, 'left over');
    const informed = await eventfold(['verify', dir]);
    expect(informed.code).toBe(0);
    expect(informed.stdout).toContain(
      `(information: 1 file in attachments/ that no message names: attachments/sha256/ab/${'ab'.repeat(32)})`,
    );

    fs.writeFileSync(stored, 'changed bytes');
    const changed = await eventfold(['verify', dir]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(
      `attachments/sha256/${ref.sha256.slice(0, 2)}/${ref.sha256}: its bytes changed`,
    );
    expect(changed.stderr).toMatch(/is not sound: 1 problem; restore the attachments from a backup/);

    fs.rmSync(stored);
    const missing = await eventfold(['verify', dir, '--json']);
    expect(missing.code).toBe(1);
    const report = JSON.parse(missing.stdout) as {
      sound: boolean;
      attachments: { problems: { problem: string; name: string }[] };
    };
    expect(report.sound).toBe(false);
    expect(report.attachments.problems).toMatchObject([{ problem: 'missing', name: 'ferry.jpg' }]);
  });
});
