import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, type AttachmentRef } from '../../shared/journal/index.js';
import { useApiFixture, type SessionUnderTest } from '../api/api-session-fixture.js';
import { JournalPage } from './journal-session.js';

const fixture = useApiFixture();

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function journal() {
  const dir = await fixture.folder();
  const session = await fixture.opened(dir);
  const page = new JournalPage(session);
  await page.channel('c1', 'Journal');
  return { dir, session, page };
}

/** Uploads bytes the way the page does: begin, chunks of at most chunkBytes, finish. */
async function upload(
  session: SessionUnderTest,
  id: string,
  bytes: Buffer,
  meta: { name: string; mediaType: string; width?: number; height?: number },
): Promise<AttachmentRef> {
  const { chunkBytes } = await session.call('journal.upload.begin', {
    upload: id,
    name: meta.name,
    mediaType: meta.mediaType,
    size: bytes.length,
  });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const data = bytes.subarray(offset, offset + chunkBytes).toString('base64');
    await session.call('journal.upload.chunk', { upload: id, offset, data });
  }
  const { width, height } = meta;
  return session.call('journal.upload.finish', {
    upload: id,
    ...(width === undefined ? {} : { width }),
    ...(height === undefined ? {} : { height }),
  });
}

describe('attachments', () => {
  it('are stored once by their hash inside the folder before a message names them, and read back', async () => {
    const { dir, session, page } = await journal();
    // A little over two chunks, so the upload takes three.
    const bytes = Buffer.alloc(2 * 1024 * 1024 + 17, 7);
    bytes.write('not really a png', 0);
    const ref = await upload(session, 'u1', bytes, {
      name: 'Ferry.PNG',
      mediaType: 'Image/PNG',
      width: 1280,
      height: 960,
    });
    expect(ref).toStrictEqual({
      sha256: sha(bytes),
      size: bytes.length,
      mediaType: 'image/png',
      name: 'Ferry.PNG',
      width: 1280,
      height: 960,
    });
    const file = path.join(dir, 'attachments', 'sha256', ref.sha256.slice(0, 2), ref.sha256);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    // Nothing is left of the upload's temp file.
    expect(fs.readdirSync(path.join(dir, 'cache', 'incoming-attachments'))).toStrictEqual([]);

    // The same bytes again (another message, another name) are stored once.
    const again = await upload(session, 'u2', bytes, { name: 'copy.png', mediaType: 'image/png' });
    expect(again.sha256).toBe(ref.sha256);
    expect(fs.readdirSync(path.dirname(file))).toStrictEqual([ref.sha256]);

    const posted = await session.call('journal.command', {
      type: 'PostMessage',
      message: 'm1',
      channel: 'c1',
      text: '',
      attachments: [ref],
      at: '2026-03-01T08:00:00.000Z',
    });
    expect(posted.message?.attachments).toStrictEqual([ref]);
    const latest = await session.call('journal.messages', { channel: 'c1', page: { kind: 'latest' } });
    expect(latest.messages[0]?.attachments).toStrictEqual([ref]);

    const chunk = await session.call('journal.attachment.read', {
      sha256: ref.sha256,
      offset: 0,
      length: 16,
    });
    expect(chunk).toStrictEqual({
      data: Buffer.from('not really a png').toString('base64'),
      offset: 0,
      size: bytes.length,
    });
    const tail = await session.call('journal.attachment.read', {
      sha256: ref.sha256,
      offset: bytes.length - 2,
    });
    expect(Buffer.from(tail.data, 'base64')).toStrictEqual(Buffer.from([7, 7]));
    await page.post('m2', 'text only');
  });

  it('refuses a message naming an attachment that is not in the folder', async () => {
    const { session } = await journal();
    const bytes = Buffer.from('never uploaded');
    const refusal = await session.refusal('journal.command', {
      type: 'PostMessage',
      message: 'm1',
      channel: 'c1',
      text: 'see attached',
      attachments: [{ sha256: sha(bytes), size: bytes.length, mediaType: 'text/plain', name: 'note.txt' }],
      at: '2026-03-01T08:00:00.000Z',
    });
    expect(refusal).toMatchObject({
      code: 'AttachmentMissing',
      message: '"note.txt" is not stored in this journal\'s folder yet: upload it before sending the message',
    });
    expect((await session.call('journal.status', undefined)).messages).toBe(0);
  });

  it('refuses what it cannot store, saying what is wrong: too large, a bad name or type, chunks out of order, a short upload', async () => {
    const { dir, session } = await journal();
    const tooLarge = await session.refusal('journal.upload.begin', {
      upload: 'u1',
      name: 'film.mov',
      mediaType: 'video/quicktime',
      size: MAX_ATTACHMENT_BYTES + 1,
    });
    expect(tooLarge).toMatchObject({
      code: 'AttachmentTooLarge',
      message: '"film.mov" is 64.0 MiB; an attachment may be at most 64 MiB',
    });
    const badName = await session.refusal('journal.upload.begin', {
      upload: 'u1',
      name: '../../etc/passwd',
      mediaType: 'text/plain',
      size: 3,
    });
    expect(badName.code).toBe('InvalidAttachment');
    expect(badName.message).toMatch(/no "\/", "\\" or control characters/);
    expect(
      (
        await session.refusal('journal.upload.begin', {
          upload: 'u1',
          name: 'a',
          mediaType: 'nonsense',
          size: 3,
        })
      ).message,
    ).toMatch(/mediaType must be a lowercase type\/subtype/);

    await session.call('journal.upload.begin', {
      upload: 'u2',
      name: 'a.txt',
      mediaType: 'text/plain',
      size: 6,
    });
    const outOfOrder = await session.refusal('journal.upload.chunk', {
      upload: 'u2',
      offset: 3,
      data: Buffer.from('abc').toString('base64'),
    });
    expect(outOfOrder).toMatchObject({ code: 'InvalidAttachment' });
    expect(outOfOrder.message).toMatch(/came for byte 3, but 0 bytes have arrived/);
    await session.call('journal.upload.chunk', {
      upload: 'u2',
      offset: 0,
      data: Buffer.from('abc').toString('base64'),
    });
    const short = await session.refusal('journal.upload.finish', { upload: 'u2' });
    expect(short.message).toBe('Only 3 of the 6 bytes of "a.txt" arrived');
    const tooMuch = await session.refusal('journal.upload.chunk', {
      upload: 'u2',
      offset: 3,
      data: Buffer.from('defg').toString('base64'),
    });
    expect(tooMuch.code).toBe('AttachmentTooLarge');
    await session.call('journal.upload.cancel', { upload: 'u2' });
    expect(await session.refusalCode('journal.upload.chunk', { upload: 'u2', offset: 3, data: 'ZGVm' })).toBe(
      'UnknownUpload',
    );
    expect(fs.readdirSync(path.join(dir, 'cache', 'incoming-attachments'))).toStrictEqual([]);
    expect(fs.existsSync(path.join(dir, 'attachments'))).toBe(false);
  });

  it('drops a window’s unfinished uploads when it closes', async () => {
    const { dir, session } = await journal();
    await session.call('journal.upload.begin', {
      upload: 'u1',
      name: 'a.txt',
      mediaType: 'text/plain',
      size: 10,
    });
    await session.call('journal.upload.chunk', { upload: 'u1', offset: 0, data: 'YWJj' });
    expect(fs.readdirSync(path.join(dir, 'cache', 'incoming-attachments'))).toHaveLength(1);
    await session.session.dispose();
    expect(fs.readdirSync(path.join(dir, 'cache', 'incoming-attachments'))).toStrictEqual([]);
  });

  it('reports a file changed or removed on disk instead of showing it', async () => {
    const { dir, session } = await journal();
    const ref = await upload(session, 'u1', Buffer.from('original bytes'), {
      name: 'a.txt',
      mediaType: 'text/plain',
    });
    const file = path.join(dir, 'attachments', 'sha256', ref.sha256.slice(0, 2), ref.sha256);
    fs.writeFileSync(file, 'tampered bytes');
    const changed = await session.refusal('journal.attachment.read', { sha256: ref.sha256 });
    expect(changed.code).toBe('AttachmentMismatch');
    fs.rmSync(file);
    expect(await session.refusalCode('journal.attachment.read', { sha256: ref.sha256 })).toBe(
      'AttachmentMissing',
    );
  });

  it('gives an address to show an attachment from: the browser route, or the desktop protocol', async () => {
    const { dir } = await journal();
    const browser = await fixture.opened(dir);
    const id = (await browser.call('folder.current', undefined))!.id;
    const sha256 = 'ab'.repeat(32);
    const arg = { sha256, mediaType: 'image/jpeg', name: 'ferry boat.jpg' };
    expect(await browser.call('journal.attachment.url', arg)).toStrictEqual({
      url: `/attachments/${id}/${sha256}?type=image%2Fjpeg&name=ferry+boat.jpg`,
    });
    const desktop = fixture.session({ host: { mode: 'desktop' } });
    await desktop.call('folder.open', { path: dir });
    expect(await desktop.call('journal.attachment.url', arg)).toStrictEqual({
      url: `eventfold-attachment://${id}/${sha256}?type=image%2Fjpeg&name=ferry+boat.jpg`,
    });
  });
});
