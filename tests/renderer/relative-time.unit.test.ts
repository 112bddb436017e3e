import { describe, expect, it } from 'vitest';
import { absoluteTime, relativeTime } from '../../renderer/src/lib/relative-time.js';

const now = Date.parse('2026-11-26T09:30:00.000Z');
const before = (ms: number) => new Date(now - ms).toISOString();

describe('relativeTime', () => {
  it('says how long ago, in the largest whole unit', () => {
    expect(relativeTime(before(2_000), now)).toBe('just now');
    expect(relativeTime(before(42_000), now)).toBe('42 s ago');
    expect(relativeTime(before(5 * 60_000 + 59_000), now)).toBe('5 min ago');
    expect(relativeTime(before(3 * 3_600_000), now)).toBe('3 h ago');
    expect(relativeTime(before(2 * 86_400_000 + 1), now)).toBe('2 d ago');
  });

  it('gives the date once a count of days stops helping', () => {
    expect(relativeTime('2026-03-12T08:00:00.000Z', now)).toBe('12 Mar 2026');
  });

  it('reads a time from a clock ahead of ours as just now, and leaves text that is no time alone', () => {
    expect(relativeTime(before(-60_000), now)).toBe('just now');
    expect(relativeTime('yesterday', now)).toBe('yesterday');
  });
});

describe('absoluteTime', () => {
  it('shows the stored UTC time to the millisecond', () => {
    expect(absoluteTime('2026-11-26T09:31:19.123Z')).toBe('2026-11-26 09:31:19.123 UTC');
  });
});
