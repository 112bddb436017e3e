import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalCommandHandler } from '../../electron/journal/index.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import type { JournalCommand } from '../../shared/journal/index.js';
import { useTempFolders } from '../store/temp-folders.js';
import { eventfold, eventfoldOk } from './eventfold-process.js';

const tempFolder = useTempFolders('eventfold-cli-search-');

let minute = 0;
const at = (): string => new Date(Date.UTC(2026, 2, 1, 8, minute++)).toISOString();

async function journal(commands: readonly JournalCommand[], dir = path.join(tempFolder(), 'journal')) {
  if (!fs.existsSync(dir)) await initEventFolder(dir);
  const store = await openEventStore(dir, { watch: false });
  const handler = new JournalCommandHandler(store);
  for (const command of commands) await handler.handle(command);
  await store.close();
  return dir;
}

const post = (message: string, channel: string, text: string): JournalCommand => ({
  type: 'PostMessage',
  message,
  channel,
  text,
  at: at(),
});

async function sampleJournal(): Promise<string> {
  return journal([
    { type: 'CreateChannel', channel: 'c1', name: 'Journal', at: at() },
    { type: 'CreateChannel', channel: 'c2', name: 'Travel', at: at() },
    post('m1', 'c1', 'Coffee at the café by the harbour'),
    post('m2', 'c2', 'The ferry to the café island 🎉'),
    post('m3', 'c2', 'Nothing to see'),
  ]);
}

interface JsonResults {
  hits: {
    message: string;
    channel: string;
    channelName: string;
    excerpt: { text: string; match: boolean }[];
  }[];
  total: number;
  capped: boolean;
}

describe('eventfold journal DIR search', () => {
  it('prints each hit with its time, channel and excerpt, and says how many were found', async () => {
    const dir = await sampleJournal();
    const result = await eventfold(['journal', dir, 'search', 'cafe']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}Travel {2}The ferry to the café island 🎉$/);
    expect(lines[1]).toMatch(/ {2}Journal {2}Coffee at the café by the harbour$/);
    expect(result.stderr).toBe('2 messages found\n');
  });

  it('prints JSON with the highlighted excerpts, and filters by channel name', async () => {
    const dir = await sampleJournal();
    const results = JSON.parse(
      await eventfoldOk(['journal', dir, 'search', 'cafe', '--channel', 'travel', '--json']),
    ) as JsonResults;
    expect(results.total).toBe(1);
    expect(results.hits[0]).toMatchObject({ message: 'm2', channel: 'c2', channelName: 'Travel' });
    expect(results.hits[0]!.excerpt.filter((part) => part.match).map((part) => part.text)).toEqual(['café']);
    const emoji = JSON.parse(await eventfoldOk(['journal', dir, 'search', '🎉', '--json'])) as JsonResults;
    expect(emoji.hits.map((hit) => hit.message)).toEqual(['m2']);
  });

  it('keeps its index in cache/ and catches up with what was written since', async () => {
    const dir = await sampleJournal();
    await eventfoldOk(['journal', dir, 'search', 'harbour']);
    expect(fs.existsSync(path.join(dir, 'cache', 'journal-search', 'index.json'))).toBe(true);
    await journal([post('m4', 'c1', 'Back at the harbour')], dir);
    const results = JSON.parse(
      await eventfoldOk(['journal', dir, 'search', 'harbour', '--json']),
    ) as JsonResults;
    expect(results.hits.map((hit) => hit.message)).toEqual(['m4', 'm1']);
  });

  it('pages with -n and --offset', async () => {
    const dir = await sampleJournal();
    const first = await eventfold(['journal', dir, 'search', 'cafe', '-n', '1']);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(first.stderr).toBe('2 messages found; showing 1 to 1 (next: --offset 1)\n');
    const second = await eventfold(['journal', dir, 'search', 'cafe', '-n', '1', '--offset', '1']);
    expect(second.stdout).toMatch(/Journal {2}Coffee/);
    expect(second.stderr).toBe('2 messages found; showing 2 to 2\n');
  });

  it('names a channel that does not exist, and a date that is no date', async () => {
    const dir = await sampleJournal();
    const channel = await eventfold(['journal', dir, 'search', 'cafe', '--channel', 'Work']);
    expect(channel.code).toBe(1);
    expect(channel.stderr).toBe(
      'eventfold: there is no channel "Work" (the channels are: Journal, Travel)\n',
    );
    const date = await eventfold(['journal', dir, 'search', 'cafe', '--from', '2026-02-30']);
    expect(date.code).toBe(2);
    expect(date.stderr).toBe(
      'eventfold: --from must be a day like 2026-03-01 or an ISO time, not "2026-02-30" (see eventfold journal DIR search --help)\n',
    );
  });

  it('lists its commands in its help, and suggests one for a typo', async () => {
    const help = await eventfoldOk(['journal', '--help']);
    expect(help).toContain('eventfold journal DIR search QUERY');
    expect(help).toMatch(/\n {2}search +Search the journal's messages\n/);
    const searchHelp = await eventfoldOk(['journal', 'DIR', 'search', '--help']);
    expect(searchHelp).toContain('Usage: eventfold journal DIR search QUERY');
    const typo = await eventfold(['journal', 'some-dir', 'serch', 'cafe']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'eventfold: unknown journal command "serch" (did you mean search?); the commands are post, edit, delete, ' +
        'restore, list, channels, search, import (see eventfold journal --help)\n',
    );
  });
});
