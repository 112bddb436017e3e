import { createHash, type Hash } from 'node:crypto';
import type { SelectedLine } from './event-selection.js';

const NEWLINE = Buffer.from('\n');

/** The events part of a stamp: count, first and last position, SHA-256 over the stored lines with newlines. */
export class LineDigest {
  private readonly hash: Hash = createHash('sha256');
  count = 0;
  first: number | null = null;
  last: number | null = null;

  add(lines: readonly SelectedLine[]): void {
    for (const line of lines) {
      this.hash.update(line.bytes);
      this.hash.update(NEWLINE);
      this.first ??= line.position;
      this.last = line.position;
    }
    this.count += lines.length;
  }

  private hex: string | undefined;

  /** The hex digest; asking again answers the same (a report may be drawn in several formats). */
  digest(): string {
    this.hex ??= this.hash.digest('hex');
    return this.hex;
  }
}
