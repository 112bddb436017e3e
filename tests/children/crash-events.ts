import type { JsonValue } from '../../shared/event.js';

/**
 * `small`: appends of 1 to 3 events of a few hundred bytes, the everyday shape.
 * `big`: appends of 20 to 60 events of 3 to 6 KB, so that a group commit is one write() of a few hundred
 * kilobytes to a megabyte. Linux stops copying a write at a page boundary when the process is killed, so
 * only a write of many pages is ever torn by SIGKILL; small writes practically never are.
 */
export type CrashMode = 'small' | 'big';

export const CRASH_STREAMS = ['account-1', 'account-2', 'account-3', 'ledger-main'] as const;

export function crashAppendLength(mode: CrashMode, seq: number): number {
  return mode === 'small' ? 1 + (seq % 3) : 20 + ((seq * 37) % 41);
}

/**
 * The content of event `i` of append `seq` of round `round`: a pure function of those numbers, so the
 * parent can check stored content from the acknowledgement alone (which carries only ids and positions).
 */
export function crashEvent(
  round: number,
  seq: number,
  i: number,
  mode: CrashMode,
): { type: string; data: JsonValue } {
  const varied = seq * 31 + i * 17;
  const length = mode === 'small' ? 40 + (varied % 160) : 3000 + (varied % 3000);
  return {
    type: mode === 'big' ? 'Imported' : ['Deposited', 'Withdrawn', 'Noted'][(seq + i) % 3]!,
    data: {
      round,
      seq,
      i,
      note: i % 7 === 0 ? 'ünïcødé ✓ "quoted"\n' : null,
      text: filler(length, round * 7919 + varied),
    },
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789 ';

/** Varied text, cheap to make: a seeded 64-character pattern, repeated. */
function filler(length: number, seed: number): string {
  let state = seed >>> 0;
  let pattern = '';
  for (let k = 0; k < 64; k++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    pattern += ALPHABET[(state >>> 16) % ALPHABET.length];
  }
  return pattern.repeat(Math.ceil(length / 64)).slice(0, length);
}
