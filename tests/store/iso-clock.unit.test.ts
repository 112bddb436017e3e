import fc from 'fast-check';
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

  it('writes what Date#toISOString writes for any sequence of times, forwards or back', () => {
    vi.useFakeTimers();
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 8.64e15 }),
            fc.integer({ min: 1.7e12, max: 1.7e12 + 5_000 }),
            fc.integer({ min: 253_402_300_799_000, max: 253_402_300_801_000 }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (times) => {
          const clock = new IsoClock();
          for (const ms of times) {
            vi.setSystemTime(ms);
            expect(clock.now()).toBe(new Date(ms).toISOString());
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
