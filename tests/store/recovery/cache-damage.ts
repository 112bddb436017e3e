import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

export type CacheDamage =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'random'; readonly bytes: Uint8Array }
  | { readonly kind: 'another folder' };

export const cacheDamageArb: fc.Arbitrary<CacheDamage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 2000 }) }),
  fc.constant({ kind: 'another folder' as const }),
);

export const cachePath = (dir: string): string => path.join(dir, 'cache', 'index-v1.bin');

/** Writes a file in place, as an editor or a sync tool would; its modification time moves on, as it would later. */
export function rewriteInPlace(file: string, bytes: Buffer): void {
  const before = fs.statSync(file).mtimeMs;
  fs.writeFileSync(file, bytes);
  if (fs.statSync(file).mtimeMs === before)
    fs.utimesSync(file, new Date(), new Date(Math.floor(before) + 1000));
}
