import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalDraft } from '../../shared/journal/index.js';
import { RecentFolders } from '../../electron/api/index.js';
import { useApiFixture } from '../api/api-session-fixture.js';

const fixture = useApiFixture();

const draft = (text: string, updated: string): JournalDraft => ({
  text,
  replyTo: null,
  attachments: [],
  editing: null,
  updated,
});

/** Every file under a folder, relative to it. */
function filesOf(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => !name.startsWith('cache'))
    .sort();
}

describe('drafts', () => {
  it('are kept per channel in the app’s settings, across restarts, and never in the folder', async () => {
    const dir = await fixture.folder();
    const settings = fixture.tempFolder();
    const recent = new RecentFolders(path.join(settings, 'recent-folders.json'));
    const first = fixture.session({ recent });
    await first.call('folder.open', { path: dir });
    const before = filesOf(dir);
    await first.call('journal.draft.save', {
      channel: 'c1',
      draft: draft('half a thought', '2026-03-01T08:00:00.000Z'),
    });
    await first.call('journal.draft.save', {
      channel: 'c2',
      draft: { ...draft('editing', '2026-03-01T09:00:00.000Z'), editing: { message: 'm1', baseVersion: 2 } },
    });
    expect(filesOf(dir)).toStrictEqual(before);
    expect(fs.existsSync(path.join(settings, 'journal-drafts.json'))).toBe(true);

    // Another window, or the app started again, reads them from the settings file.
    const later = fixture.session({ recent: new RecentFolders(path.join(settings, 'recent-folders.json')) });
    await later.call('folder.open', { path: dir });
    expect(await later.call('journal.drafts', undefined)).toStrictEqual([
      {
        channel: 'c2',
        draft: {
          ...draft('editing', '2026-03-01T09:00:00.000Z'),
          editing: { message: 'm1', baseVersion: 2 },
        },
      },
      { channel: 'c1', draft: draft('half a thought', '2026-03-01T08:00:00.000Z') },
    ]);
    await later.call('journal.draft.save', { channel: 'c2', draft: null });
    expect((await first.call('journal.drafts', undefined)).map((d) => d.channel)).toStrictEqual(['c1']);

    // They belong to the folder (by its id): another folder has none.
    const other = fixture.session({ recent });
    const otherDir = path.join(fixture.tempFolder(), 'other');
    await other.call('folder.create', { path: otherDir });
    expect(await other.call('journal.drafts', undefined)).toStrictEqual([]);
  });

  it('counts a damaged settings file as no drafts, and writes a sound one again', async () => {
    const dir = await fixture.folder();
    const settings = fixture.tempFolder();
    fs.writeFileSync(path.join(settings, 'journal-drafts.json'), '{"folders": {"x": ');
    const session = fixture.session({
      recent: new RecentFolders(path.join(settings, 'recent-folders.json')),
    });
    await session.call('folder.open', { path: dir });
    expect(await session.call('journal.drafts', undefined)).toStrictEqual([]);
    await session.call('journal.draft.save', {
      channel: 'c1',
      draft: draft('kept', '2026-03-01T08:00:00.000Z'),
    });
    expect(await session.call('journal.drafts', undefined)).toHaveLength(1);
    const written = JSON.parse(fs.readFileSync(path.join(settings, 'journal-drafts.json'), 'utf8')) as object;
    expect(Object.keys(written)).toStrictEqual(['folders']);
  });

  it('refuses a draft that is not one, naming the field', async () => {
    const session = await fixture.opened(await fixture.folder());
    const refused = await session.refusal('journal.draft.save', { channel: 'c1', draft: { text: 'x' } });
    expect(refused.code).toBe('BadRequest');
    expect(refused.message).toMatch(/^journal.draft.save: draft/);
  });
});
