import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import {
  STATUS_CODES,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { DOWNLOAD_PREFIX, sendDownload, type Downloadable } from './download-route.js';
import { ATTACHMENT_ROUTE, type AttachmentReply } from '../api/index.js';
import { assertUsableToken, createAccessToken, readCookie, tokensMatch } from './access-token.js';
import { CONTENT_SECURITY_POLICY_HEADER } from './content-security-policy.js';
import { contentTypeOf } from './content-types.js';
import { loadRendererFiles, type RendererFile } from './renderer-files.js';
import {
  allowedHostHeaders,
  hostHeaderAllowed,
  listenAddress,
  reachableNames,
  urlHost,
} from './listen-address.js';

/** Takes over a WebSocket upgrade to `/api` that has passed the token, Host and Origin checks. */
export type SocketHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface StaticServerOptions {
  /** The built renderer, usually `out/renderer`. */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /**
   * More names a request may use in its Host header (a DNS name that points at this machine). The names
   * the server is bound to are always allowed, and for 0.0.0.0 or :: every address of this machine.
   */
  readonly allowedHosts?: readonly string[];
  /** A fixed secret instead of a random one (tests, or a caller that shows it elsewhere). */
  readonly token?: string;
  /** Serves the contract's WebSocket at `/api` (browser mode); without it, upgrades are refused. */
  readonly onSocket?: SocketHandler;
  /** Finds a prepared export or report for /download/HANDLE (browser mode); without it, 404. */
  readonly downloads?: (handle: string) => Downloadable | undefined;
  /**
   * Answers `/attachments/FOLDER-ID/SHA256` (a journal's pictures and files, for the page to show), behind
   * the same token as everything else; without it, that route is not found.
   */
  readonly attachments?: (path: string, query: URLSearchParams) => Promise<AttachmentReply>;
}

export interface RunningStaticServer {
  /** The address to open: it carries the token. */
  readonly url: string;
  readonly port: number;
  /** The address the server is bound to (127.0.0.1 unless told otherwise). */
  readonly address: string;
  /** True when it listens where other machines can reach it (not loopback only). */
  readonly remote: boolean;
  /** The names the Host check lets in, the first one the name in `url`. */
  readonly names: readonly string[];
  readonly token: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer for browser mode. Anything on the machine can reach a loopback port, so every
 * request must prove it knows the per-run token: in the query on the first request, then in an HttpOnly
 * cookie that the page's own asset requests carry.
 */
export async function startStaticServer(options: StaticServerOptions): Promise<RunningStaticServer> {
  const host = options.host ?? '127.0.0.1';
  const bound = listenAddress(host);
  const token = options.token ?? createAccessToken();
  assertUsableToken(token);
  const root = await realpath(options.rendererDir);
  const held = await loadRendererFiles(root);
  // Both depend on the port, known once it is bound; no request can arrive before that.
  let cookieName = '';
  let allowedHosts = new Set<string>();

  const server = createServer((request, response) => {
    setSecurityHeaders(response);
    respond(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'Internal error');
      else response.destroy();
    });
  });

  // A foreign page that rebinds its own host name to this machine would still send its own Host header.
  const hostAllowed = (request: IncomingMessage): boolean =>
    hostHeaderAllowed(allowedHosts, request.headers.host);

  /** Whether the request proves it knows the token, by its query or by the page's cookie. */
  function access(request: IncomingMessage, url: URL): Refusal | 'query' | 'cookie' {
    const queryToken = url.searchParams.get('token') ?? undefined;
    if (tokensMatch(token, queryToken)) return 'query';
    if (queryToken !== undefined) return { status: 403, message: 'Wrong token' };
    const cookieToken = readCookie(request.headers.cookie, cookieName);
    if (tokensMatch(token, cookieToken)) return 'cookie';
    return {
      status: 401,
      message: 'Open the address Eventfold printed when it started: it carries the access token',
    };
  }

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostAllowed(request)) return send(response, 403, 'Unexpected Host header');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'Method not allowed');
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const granted = access(request, url);
    if (typeof granted === 'object') return send(response, granted.status, granted.message);
    if (granted === 'query') {
      response.setHeader('Set-Cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (url.pathname.startsWith(DOWNLOAD_PREFIX)) {
      const handle = url.pathname.slice(DOWNLOAD_PREFIX.length);
      return sendDownload(response, request.method, options.downloads?.(handle));
    }
    if (url.pathname.startsWith(ATTACHMENT_ROUTE) && options.attachments !== undefined) {
      return sendAttachment(
        request,
        response,
        await options.attachments(url.pathname.slice(ATTACHMENT_ROUTE.length), url.searchParams),
      );
    }
    const name = heldName(url.pathname);
    const inMemory = name === undefined ? undefined : held.get(name);
    if (inMemory !== undefined) return sendHeld(request, response, inMemory);
    const file = await resolveInside(root, url.pathname);
    if (file === 'outside') return send(response, 403, 'Outside the app');
    if (file === 'missing') return send(response, 404, 'Not found');
    response.writeHead(200, {
      'Content-Type': contentTypeOf(file.path),
      'Content-Length': file.size,
    });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file.path)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that hangs up mid-handshake must not take the server down with an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    const refusal = refuseUpgrade(request);
    if (refusal !== undefined) return refuse(socket, refusal);
    options.onSocket!(request, socket, head);
  });

  /**
   * A socket is the whole api, so it must show the token (the page's cookie, or `?token=`), come to an
   * expected Host, and come from the page's own origin: another site open in the same browser would
   * send the cookie along, but never its own Origin as ours.
   */
  function refuseUpgrade(request: IncomingMessage): Refusal | undefined {
    if (!hostAllowed(request)) return { status: 403, message: 'Unexpected Host header' };
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== API_PATH || options.onSocket === undefined) {
      return { status: 404, message: 'Not found' };
    }
    const granted = access(request, url);
    if (typeof granted === 'object') return granted;
    if (request.headers.origin !== `http://${request.headers.host ?? ''}`) {
      return { status: 403, message: 'The socket must come from the page Eventfold served' };
    }
    return undefined;
  }

  const port = await listen(server, options.port ?? 0, host);
  cookieName = `eventfold_token_${port}`;
  const names = reachableNames(bound, options.allowedHosts);
  allowedHosts = allowedHostHeaders(names, port);
  // On a wildcard the page still opens on this machine through loopback; other machines use `names`.
  const visibleHost = bound.wildcard ? '127.0.0.1' : host;
  const query = new URLSearchParams({ token });
  return {
    url: `http://${urlHost(visibleHost)}:${port}/?${query.toString()}`,
    port,
    address: (server.address() as AddressInfo).address,
    remote: bound.remote,
    names: [visibleHost, ...names.filter((name) => name !== visibleHost)],
    token,
    close: () => close(server),
  };
}

/** Where browser mode's page finds the contract's socket, on its own origin. */
export const API_PATH = '/api';

interface Refusal {
  readonly status: 401 | 403 | 404;
  readonly message: string;
}

/** Answers a refused upgrade in plain HTTP and drops the connection. */
function refuse(socket: Duplex, { status, message }: Refusal): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/**
 * The name a request's path would have among the files held in memory (`assets/app.js`), or undefined.
 * Only exact names match there, so `..`, doubled or encoded slashes find nothing and go on to
 * resolveInside's checks.
 */
function heldName(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const name = decoded.slice(1);
  return name === '' ? 'index.html' : name;
}

/** A held file in one write; a hashed asset may stay in the browser's cache (it holds no secret). */
function sendHeld(request: IncomingMessage, response: ServerResponse, file: RendererFile): void {
  if (file.immutable) response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
  response.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.length });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

type ResolvedFile = { readonly path: string; readonly size: number } | 'outside' | 'missing';

/** Maps a URL path to a file under root, refusing anything that would leave it (`..`, encoded slashes, links). */
async function resolveInside(root: string, pathname: string): Promise<ResolvedFile> {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return 'missing';
  }
  if (relative.includes('\0')) return 'outside';
  if (relative.endsWith('/')) relative += 'index.html';
  const candidate = path.resolve(root, `.${path.sep}${relative}`);
  if (!isInside(root, candidate)) return 'outside';
  try {
    const real = await realpath(candidate);
    if (!isInside(root, real)) return 'outside';
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : 'missing';
  } catch {
    return 'missing';
  }
}

const isInside = (root: string, candidate: string): boolean => candidate.startsWith(root + path.sep);

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY_HEADER);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  // The page's address carries a secret and the files change with every build: keep neither in a cache
  // (only assets named after their content's hash may stay; see sendHeld).
  response.setHeader('Cache-Control', 'no-store');
}

/** Sends an attachment with its own headers (a sandboxing CSP in place of the app's). */
function sendAttachment(request: IncomingMessage, response: ServerResponse, reply: AttachmentReply): void {
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  if (reply.status !== 200) {
    response.writeHead(reply.status);
    response.end(`${reply.message}\n`);
    return;
  }
  response.writeHead(200);
  if (request.method === 'HEAD') return void response.end();
  createReadStream(reply.file)
    .on('error', () => response.destroy())
    .pipe(response);
}

function send(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${message}\n`);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections from a browser would otherwise hold close() open until they time out.
    server.closeAllConnections();
  });
}
