import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { protocol, type CustomScheme } from 'electron';
import { ATTACHMENT_SCHEME, attachmentReply, type FolderRegistry } from '../api/index.js';

/**
 * `eventfold-attachment://FOLDER-ID/SHA256?type=…&name=…`: the desktop app's way to show a journal's
 * pictures and files in its pages (browser mode has a route on its server instead). Privileged as a
 * standard, secure scheme so that img, audio and video load from it.
 */
export const attachmentScheme: CustomScheme = {
  scheme: ATTACHMENT_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
};

/** Serves the scheme from the folders open in the app's windows (the answer is the api's, bytes streamed). */
export function serveAttachments(registry: FolderRegistry): void {
  protocol.handle(ATTACHMENT_SCHEME, async (request) => {
    const url = new URL(request.url);
    const reply = await attachmentReply(registry, `${url.host}${url.pathname}`, url.searchParams);
    if (reply.status !== 200)
      return new Response(reply.message, { status: reply.status, headers: reply.headers });
    const body = Readable.toWeb(createReadStream(reply.file)) as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers: reply.headers });
  });
}
