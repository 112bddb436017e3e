import { afterEach, describe, expect, it, vi } from 'vitest';
import { IsoClock } from '../../electron/store/iso-clock.js';

describe('IsoClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stamps with the current millisecond, as Date#toISOString writes it', () => {
    vi.useFakeTimers();
    const clock = new IsoClock();
    vi.setSystemTime(Date.UTC(2026, 11, 7, 23, 59, 59, 998));
    expect(clock.now()).toBe('2026-12-07T23:59:59.998Z');
    expect(clock.now()).toBe('2026-12-07T23:59:59.998Z');
    vi.setSystemTime(Date.UTC(2026, 11, 7, 23, 59, 59, 999));
    expect(clock.now()).toBe('2026-12-07T23:59:59.999Z');
    vi.setSystemTime(Date.UTC(2026, 11, 8, 0, 0, 0, 0));
    expect(clock.now()).toBe('2026-12-08T00:00:00.000Z');
  });
});
