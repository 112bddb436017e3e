import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { assertUsableToken, createAccessToken, readCookie, tokensMatch } from './access-token.js';
import { CONTENT_SECURITY_POLICY_HEADER } from './content-security-policy.js';
import { contentTypeOf } from './content-types.js';

export interface StaticServerOptions {
  /** The event folder the page is about; it travels to the renderer in the URL. */
  readonly folder: string;
  /** The built renderer, usually `out/renderer`. */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** A fixed secret instead of a random one (tests, or a caller that shows it elsewhere). */
  readonly token?: string;
}

export interface RunningStaticServer {
  /** The address to open: it carries the token and the folder. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);

/**
 * Serves the built renderer for browser mode. Anything on the machine can reach a loopback port, so every
 * request must prove it knows the per-run token: in the query on the first request, then in an HttpOnly
 * cookie that the page's own asset requests carry.
 */
export async function startStaticServer(options: StaticServerOptions): Promise<RunningStaticServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? createAccessToken();
  assertUsableToken(token);
  const root = await realpath(options.rendererDir);
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

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A foreign page that rebinds its own host name to 127.0.0.1 would still send its own Host header.
    if (!WILDCARD_HOSTS.has(host) && !allowedHosts.has(request.headers.host ?? '')) {
      return send(response, 403, 'Unexpected Host header');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'Method not allowed');
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const queryToken = url.searchParams.get('token') ?? undefined;
    if (tokensMatch(token, queryToken)) {
      response.setHeader('Set-Cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    } else if (queryToken !== undefined) {
      return send(response, 403, 'Wrong token');
    } else if (!tokensMatch(token, readCookie(request.headers.cookie, cookieName))) {
      return send(
        response,
        401,
        'Open the address Eventfold printed when it started: it carries the access token',
      );
    }
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

  const port = await listen(server, options.port ?? 0, host);
  cookieName = `eventfold_token_${port}`;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  allowedHosts = new Set([`${urlHost}:${port}`, ...(host === '127.0.0.1' ? [`localhost:${port}`] : [])]);
  const visibleHost = WILDCARD_HOSTS.has(host) ? '127.0.0.1' : urlHost;
  const query = new URLSearchParams({ token, folder: path.resolve(options.folder) });
  return {
    url: `http://${visibleHost}:${port}/?${query.toString()}`,
    port,
    token,
    close: () => close(server),
  };
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
  // The page's address carries a secret and the files change with every build: keep neither in a cache.
  response.setHeader('Cache-Control', 'no-store');
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
