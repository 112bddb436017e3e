import fs from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../shared/journal/index.js';
import { AttachmentFiles, storeAttachmentFile } from '../../electron/journal/index.js';
import { startBrowserMode, type RunningBrowserMode } from '../../electron/serve/browser-mode.js';
import { initEventFolder, readManifest } from '../../electron/store/index.js';
import { makeTempDir, removeDir } from '../store/temp-folders.js';

let workspace: string;
let folder: string;
let folderId: string;
let server: RunningBrowserMode;
let cookie: string;
let picture: AttachmentRef;
const bytes = Buffer.from('\x89PNG\r\n\x1a\n pretend picture bytes');

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: server.port, path: pathAndQuery, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const address = (type: string, sha = picture.sha256, id = folderId) =>
  `/attachments/${id}/${sha}?type=${encodeURIComponent(type)}&name=ferry.png`;

beforeAll(async () => {
  workspace = makeTempDir('eventfold-attachment-route-');
  const rendererDir = path.join(workspace, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>test build</title>');
  folder = path.join(workspace, 'journal');
  await initEventFolder(folder);
  folderId = (await readManifest(folder)).id;
  const source = path.join(workspace, 'ferry.png');
  fs.writeFileSync(source, bytes);
  picture = await storeAttachmentFile(new AttachmentFiles(folder), { path: source });
  server = await startBrowserMode({
    folder,
    rendererDir,
    recentFoldersFile: path.join(workspace, 'settings', 'recent-folders.json'),
  });
  const page = await get(`/?token=${server.token}`);
  cookie = String(page.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
});

afterAll(async () => {
  await server?.close();
  removeDir(workspace);
});

describe("browser mode's attachment route", () => {
  it('needs the token, like everything else the server answers', async () => {
    expect((await get(address('image/png'))).status).toBe(401);
  });

  it('sends a picture with its type, sandboxed and unsniffed', async () => {
    const reply = await get(address('image/png'), { cookie });
    expect(reply.status).toBe(200);
    expect(reply.body.equals(bytes)).toBe(true);
    expect(reply.headers['content-type']).toBe('image/png');
    expect(reply.headers['content-security-policy']).toBe('sandbox');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['content-disposition']).toBe("inline; filename*=UTF-8''ferry.png");
    expect(picture.mediaType).toBe('image/png');
  });

  it('sends anything a page must not render (HTML, SVG, unknown types) as a download', async () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/x-whatever']) {
      const reply = await get(address(type), { cookie });
      expect(reply.status, type).toBe(200);
      expect(reply.headers['content-type'], type).toBe('application/octet-stream');
      expect(reply.headers['content-disposition'], type).toMatch(/^attachment;/);
      expect(reply.headers['content-security-policy'], type).toBe('sandbox');
    }
  });

  it('answers 400 to a bad address, 404 to a folder that is not open or a file that is not there, 409 to a changed file', async () => {
    // The URL is normalised before routing: this asks for /etc/passwd inside the app, which is not there.
    expect((await get('/attachments/../../etc/passwd', { cookie })).status).toBe(404);
    expect((await get(`/attachments/${folderId}/not-a-hash`, { cookie })).status).toBe(400);
    expect((await get(address('image/png', picture.sha256, 'another-folder'), { cookie })).status).toBe(404);
    expect((await get(address('image/png', 'cd'.repeat(32)), { cookie })).status).toBe(404);
    const file = path.join(folder, 'attachments', 'sha256', picture.sha256.slice(0, 2), picture.sha256);
    fs.writeFileSync(file, 'changed on disk, and longer than before');
    const changed = await get(address('image/png'), { cookie });
    expect(changed.status).toBe(409);
    expect(changed.body.toString()).toMatch(/was changed on disk/);
  });
});
