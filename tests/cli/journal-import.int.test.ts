import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { useTempFolders } from '../store/temp-folders.js';
import { eventfold, eventfoldOk } from './eventfold-process.js';

const tempFolder = useTempFolders('eventfold-cli-import-');
const FIXTURES = path.resolve(import.meta.dirname, '../journal/fixtures');

async function journal(): Promise<string> {
  const dir = path.join(tempFolder(), 'journal');
  await initEventFolder(dir);
  return dir;
}

async function lastPosition(dir: string): Promise<number> {
  const store = await openEventStore(dir, { watch: false, readOnly: true });
  try {
    return store.lastPosition;
  } finally {
    await store.close();
  }
}

describe('eventfold journal DIR import', () => {
  it('imports a Telegram export folder into a channel named after the tool, and adds nothing the second time', async () => {
    const dir = await journal();
    const exported = path.join(FIXTURES, 'telegram-saved');
    const first = await eventfold(['journal', dir, 'import', exported, '--from', 'telegram']);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(
      'imported 7 entries into "Telegram", with 2 attachments, from 2019-06-14 to 2019-06-15\n',
    );
    const after = await lastPosition(dir);
    const second = await eventfoldOk(['journal', dir, 'import', exported, '--from', 'telegram']);
    expect(second).toBe(
      'imported 0 entries into "Telegram" (7 entries already there), with 0 attachments, from 2019-06-14 to 2019-06-15\n',
    );
    expect(await lastPosition(dir)).toBe(after);
    // What was imported is found by search, in its channel.
    const found = JSON.parse(await eventfoldOk(['journal', dir, 'search', 'ferry', '--json'])) as {
      hits: { message: string; channelName: string }[];
    };
    expect(found.hits.map((hit) => [hit.message, hit.channelName])).toEqual([
      ['tg-5012345678-102', 'Telegram'],
    ]);
  });

  it('imports jrnl into a channel named on the command line, in the time zone named, as JSON', async () => {
    const dir = await journal();
    await eventfoldOk(['journal', dir, 'import', path.join(FIXTURES, 'dayone'), '--from', 'dayone']);
    const outcome = JSON.parse(
      await eventfoldOk([
        'journal',
        dir,
        'import',
        path.join(FIXTURES, 'jrnl', 'journal.json'),
        '--from',
        'jrnl',
        '--channel',
        'day one',
        '--time-zone',
        'Asia/Tokyo',
        '--json',
      ]),
    ) as { added: number; firstTime: string };
    expect(outcome).toMatchObject({ added: 4, firstTime: '2021-03-01T09:45:00.000Z' });
  });

  it('previews with --dry-run, and lists the problems of a malformed file', async () => {
    const dir = await journal();
    expect(
      await eventfoldOk([
        'journal',
        dir,
        'import',
        path.join(FIXTURES, 'dayone'),
        '--from',
        'dayone',
        '--dry-run',
      ]),
    ).toBe('Day One export: 3 entries (0 already imported), 2 attachments, from 2019-06-14 to 2019-07-01\n');
    const bad = await eventfold([
      'journal',
      dir,
      'import',
      path.join(FIXTURES, 'malformed', 'dayone-no-uuid.json'),
      '--from',
      'dayone',
      '--dry-run',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(
      "Day One export with 1 problem; importing it would import nothing:\n  entries[1].uuid: must be the entry's id, 32 hex digits\n",
    );
  });

  it('refuses a malformed file naming the key, and appends nothing', async () => {
    const dir = await journal();
    const result = await eventfold([
      'journal',
      dir,
      'import',
      path.join(FIXTURES, 'malformed', 'jrnl-missing-time.json'),
      '--from',
      'jrnl',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'eventfold: jrnl-missing-time.json is not a jrnl export this can import, nothing was imported: entries[1].time must be a time like 18:22\n',
    );
    expect(await lastPosition(dir)).toBe(0);
  });

  it('needs --from, and names a tool it does not know', async () => {
    const dir = await journal();
    const missing = await eventfold(['journal', dir, 'import', 'x.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'eventfold: --from is needed: telegram, jrnl or dayone (see eventfold journal DIR import --help)\n',
    );
    const unknown = await eventfold(['journal', dir, 'import', 'x.json', '--from', 'signal']);
    expect(unknown.stderr).toBe(
      'eventfold: --from must be telegram, jrnl or dayone, not "signal" (see eventfold journal DIR import --help)\n',
    );
  });
});
