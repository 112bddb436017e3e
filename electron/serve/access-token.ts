import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Tokens travel in a URL and a cookie, so they are restricted to characters that need no escaping there. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,}$/;

export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function assertUsableToken(token: string): void {
  if (!TOKEN_SHAPE.test(token)) {
    throw new Error('A browser-mode token must be at least 16 characters of A-Z, a-z, 0-9, "_" or "-".');
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares in constant time, so response timing does not reveal how much of a guess was right. */
export function tokensMatch(expected: string, candidate: string | undefined): boolean {
  return candidate !== undefined && timingSafeEqual(digest(expected), digest(candidate));
}

/** One cookie value out of a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
