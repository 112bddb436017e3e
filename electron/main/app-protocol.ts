import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol, type CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY_HEADER } from '../serve/content-security-policy.js';
import { contentTypeOf } from '../serve/content-types.js';
import { APP_HOST, APP_SCHEME } from './app-page.js';

/**
 * Before Electron is ready: `app:` is a standard scheme (relative URLs, an origin of its own for the CSP's
 * 'self') and a secure one (like https: the page may use what browsers keep from insecure pages).
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Once Electron is ready: `app://eventfold/…` answers with the built renderer's files, and nothing else. */
export function serveAppScheme(root: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(root, request));
}

/**
 * The answer to one request of the page: a file under `root` (the built renderer), with the one CSP as a
 * header too. Anything that would leave it (`..`, encoded slashes, a link), another host, another method
 * or a missing file is refused; the main process never reads anything else for the page.
 */
export async function appResponse(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refusal(404, 'Not found');
  const found = await fileInside(root, url.pathname);
  if (found === 'outside') return refusal(403, 'Outside the app');
  if (found === 'missing') return refusal(404, 'Not found');
  const file = found.path;
  const body = request.method === 'HEAD' ? null : await readFile(file);
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': contentTypeOf(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}

type Found = { readonly path: string } | 'outside' | 'missing';

/** The regular file a URL path names under root, if it is one; never a link, never outside. */
async function fileInside(root: string, pathname: string): Promise<Found> {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return 'missing';
  }
  if (relative.includes('\0') || relative.includes('\\')) return 'outside';
  if (relative.endsWith('/')) relative += 'index.html';
  const base = path.resolve(root);
  const candidate = path.resolve(base, `.${path.sep}${relative}`);
  if (!candidate.startsWith(base + path.sep)) return 'outside';
  // Every step is looked at without following links (in app.asar there are none; a dev build has none).
  for (let at = candidate; at !== base; at = path.dirname(at)) {
    try {
      const stat = await lstat(at);
      if (stat.isSymbolicLink()) return 'outside';
      if (at === candidate && !stat.isFile()) return 'missing';
    } catch {
      return 'missing';
    }
  }
  return { path: candidate };
}

function refusal(status: 403 | 404 | 405, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
