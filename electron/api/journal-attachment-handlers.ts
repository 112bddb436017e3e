import { UPLOAD_CHUNK_BYTES } from '../../shared/journal/index.js';
import { attachmentUrl } from './attachment-route.js';
import { journalOf } from './journal-handlers.js';
import type { Handler, HandlerMap } from './session-context.js';

type JournalAttachmentRequests = Pick<
  HandlerMap,
  | 'journal.upload.begin'
  | 'journal.upload.chunk'
  | 'journal.upload.finish'
  | 'journal.upload.cancel'
  | 'journal.attachment.read'
  | 'journal.attachment.url'
>;

const begin: Handler<'journal.upload.begin'> = (arg, session) => {
  const { upload, name, mediaType, size } = arg;
  return session.folder('journal.upload.begin').journal.uploads.begin(upload, { name, mediaType, size });
};

const chunk: Handler<'journal.upload.chunk'> = (arg, session) =>
  session.folder('journal.upload.chunk').journal.uploads.chunk(arg.upload, arg.offset, arg.data);

const finish: Handler<'journal.upload.finish'> = (arg, session) =>
  session.folder('journal.upload.finish').journal.uploads.finish(arg.upload, {
    ...(arg.width === undefined ? {} : { width: arg.width }),
    ...(arg.height === undefined ? {} : { height: arg.height }),
  });

const cancel: Handler<'journal.upload.cancel'> = async (arg, session) => {
  await session.folder('journal.upload.cancel').journal.uploads.cancel(arg.upload);
  return null;
};

const read: Handler<'journal.attachment.read'> = async (arg, session) => {
  const offset = arg.offset ?? 0;
  const { bytes, size } = await journalOf(session, 'journal.attachment.read').attachments.read(
    arg.sha256,
    offset,
    arg.length ?? UPLOAD_CHUNK_BYTES,
  );
  return { data: bytes.toString('base64'), offset, size };
};

const url: Handler<'journal.attachment.url'> = (arg, session) => {
  const folder = session.folder('journal.attachment.url');
  return Promise.resolve({ url: attachmentUrl(session.host.mode, folder.store.manifest.id, arg) });
};

/** Attachments: uploaded in chunks and stored by hash before a message names them; read and shown. */
export const journalAttachmentHandlers: JournalAttachmentRequests = {
  'journal.upload.begin': begin,
  'journal.upload.chunk': chunk,
  'journal.upload.finish': finish,
  'journal.upload.cancel': cancel,
  'journal.attachment.read': read,
  'journal.attachment.url': url,
};
