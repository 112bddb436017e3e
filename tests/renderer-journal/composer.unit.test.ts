import { describe, expect, it } from 'vitest';
import { composerAction, type ComposerKey } from '../../renderer/src/lib/journal/composer-keys.js';
import { Composer } from '../../renderer/src/lib/journal/composer.svelte.js';
import { at } from './memory-journal.js';
import { journalFixture, settle } from './journal-fixture.js';

const key = (name: string, change: Partial<ComposerKey> = {}): ComposerKey => ({
  key: name,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  ...change,
});
const idle = { empty: false, editing: false, replying: false };

describe('composer keys', () => {
  it('Enter sends, Shift+Enter is a new line, and Enter inside an input method confirms the word', () => {
    expect(composerAction(key('Enter'), idle)).toBe('send');
    expect(composerAction(key('Enter', { ctrlKey: true }), idle)).toBe('send');
    expect(composerAction(key('Enter', { shiftKey: true }), idle)).toBeNull();
    expect(composerAction(key('Enter', { isComposing: true }), idle)).toBeNull();
  });

  it('Up edits the last message only from an empty composer; Escape cancels an edit or a reply', () => {
    expect(composerAction(key('ArrowUp'), { ...idle, empty: true })).toBe('edit-last');
    expect(composerAction(key('ArrowUp'), idle)).toBeNull();
    expect(composerAction(key('ArrowUp'), { ...idle, empty: true, editing: true })).toBeNull();
    expect(composerAction(key('Escape'), { ...idle, editing: true })).toBe('cancel');
    expect(composerAction(key('Escape'), { ...idle, replying: true })).toBe('cancel');
    expect(composerAction(key('Escape'), idle)).toBeNull();
  });
});

describe('the composer', () => {
  it('posts what was typed to the channel shown and empties itself', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    const composer = new Composer(journal.session);
    await composer.loadDrafts();
    composer.switchTo(channel);
    composer.text = 'Coffee by the harbour #morning';
    const id = await composer.send();

    expect(id).not.toBeNull();
    expect(composer.text).toBe('');
    const posted = journal.api.views().find((view) => view.message === id);
    expect(posted).toMatchObject({ channel, text: 'Coffee by the harbour #morning', tags: ['morning'] });
    expect(posted?.at).toBe('2026-03-02T12:00:00.000Z');
  });

  it('sends nothing when there is nothing to send', async () => {
    const journal = journalFixture();
    const composer = new Composer(journal.session);
    composer.switchTo(journal.channel('c1', 'Journal'));
    composer.text = '   ';
    expect(composer.canSend).toBe(false);
    expect(await composer.send()).toBeNull();
    expect(journal.api.views()).toHaveLength(0);
  });

  it('replies to a message and then forgets the reply', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 1);
    const original = journal.api.views()[0]!;
    const composer = new Composer(journal.session);
    composer.switchTo(channel);
    composer.startReply(original);
    composer.text = 'It was 40 minutes late.';
    const id = await composer.send();
    expect(journal.api.views().find((view) => view.message === id)?.replyTo?.message).toBe('m0');
    expect(composer.replyTo).toBeNull();
  });

  it('edits a message from the version shown, then gives back the draft it put aside', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 1);
    const composer = new Composer(journal.session);
    composer.switchTo(channel);
    composer.text = 'half a thought';
    composer.startEdit(journal.api.views()[0]!);
    expect(composer.text).toBe('Message 0');
    composer.text = 'Message 0, corrected';
    await composer.send();

    expect(journal.api.views()[0]).toMatchObject({ text: 'Message 0, corrected', version: 2 });
    expect(composer.editing).toBeNull();
    expect(composer.text).toBe('half a thought');
  });

  it('Escape ends an edit and the draft comes back untouched', () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 1);
    const composer = new Composer(journal.session);
    composer.switchTo(channel);
    composer.text = 'draft';
    composer.startEdit(journal.api.views()[0]!);
    composer.cancel();
    expect(composer.editing).toBeNull();
    expect(composer.text).toBe('draft');
  });

  it('keeps an edit that lost a race as a conflict and says so, losing neither text', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 1);
    const composer = new Composer(journal.session);
    composer.switchTo(channel);
    composer.startEdit(journal.api.views()[0]!);
    // Another window edits the same version first.
    journal.api.command({
      type: 'EditMessage',
      message: 'm0',
      edit: 'other',
      baseVersion: 1,
      text: 'Theirs',
      at: at(5),
    });
    composer.text = 'Mine';
    await composer.send();

    expect(composer.error).toMatch(/both texts are kept/);
    const message = journal.api.views()[0]!;
    expect(message.text).toBe('Theirs');
    expect(message.conflicts.map((conflict) => conflict.text)).toEqual(['Mine']);
  });

  it('keeps the text and says why when the journal refuses it', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.api.command({ type: 'ArchiveChannel', channel, at: at(1) });
    const composer = new Composer(journal.session);
    composer.switchTo(channel);
    composer.text = 'Hello';
    expect(await composer.send()).toBeNull();
    expect(composer.text).toBe('Hello');
    expect(composer.error).toMatch(/archived/i);
  });

  it('keeps a draft per channel, across a restart of the page', async () => {
    const journal = journalFixture();
    const one = journal.channel('c1', 'One');
    const two = journal.channel('c2', 'Two');
    journal.posts(one, 1);
    const composer = new Composer(journal.session);
    await composer.loadDrafts();
    composer.switchTo(one);
    composer.text = 'for one';
    composer.startReply(journal.api.views()[0]!);
    composer.edited();
    composer.switchTo(two);
    composer.text = 'for two';
    composer.edited();
    composer.dispose();
    expect(journal.api.drafts.get(one)).toMatchObject({ text: 'for one', replyTo: 'm0' });

    const again = new Composer(journal.session);
    await again.loadDrafts();
    again.switchTo(two);
    expect(again.text).toBe('for two');
    again.switchTo(one);
    expect(again.text).toBe('for one');
    await settle();
    expect(again.replyTo?.message).toBe('m0');
  });

  it('forgets the draft once it is sent', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    const composer = new Composer(journal.session);
    await composer.loadDrafts();
    composer.switchTo(channel);
    composer.text = 'soon sent';
    composer.edited();
    composer.flush();
    expect(journal.api.drafts.has(channel)).toBe(true);
    await composer.send();
    expect(journal.api.drafts.has(channel)).toBe(false);
  });

  it('uploads attached files in chunks with progress, and the post carries them', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    const composer = new Composer(journal.session, {
      measure: () => Promise.resolve({ width: 4, height: 3 }),
      preview: () => Promise.resolve('data:image/png;base64,AAAA'),
    });
    composer.switchTo(channel);
    const picture = new File([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], 'ferry.png', {
      type: 'image/png',
    });
    const attaching = composer.attach([picture]);
    expect(composer.uploading).toBe(true);
    expect(composer.canSend).toBe(false);
    await attaching;

    const [file] = composer.files;
    expect(file).toMatchObject({ status: 'ready', sent: 10, preview: 'data:image/png;base64,AAAA' });
    expect(file?.ref).toMatchObject({
      size: 10,
      mediaType: 'image/png',
      name: 'ferry.png',
      width: 4,
      height: 3,
    });
    // The memory journal takes 4 bytes a chunk: 10 bytes are 3 chunks, in order.
    expect(journal.api.calls.filter((call) => call.name === 'journal.upload.chunk')).toHaveLength(3);

    await composer.send();
    const [posted] = journal.api.views();
    expect(posted?.text).toBe('');
    expect(posted?.attachments).toEqual([file?.ref]);
  });

  it('refuses files past the size limit before sending a byte, and names the file', async () => {
    const journal = journalFixture();
    const composer = new Composer(journal.session);
    composer.switchTo(journal.channel('c1', 'Journal'));
    const huge = { name: 'film.mov', size: 65 * 2 ** 20, type: 'video/quicktime' } as unknown as File;
    await composer.attach([huge]);
    expect(composer.files[0]).toMatchObject({ status: 'failed' });
    expect(composer.files[0]?.error).toMatch(/film\.mov .* at most 64\.0 MB/);
    expect(journal.api.calls.some((call) => call.name === 'journal.upload.begin')).toBe(false);
  });
});
