import { describe, expect, it } from 'vitest';
import { clampPosition, keyStep, parsePosition } from '../../renderer/src/lib/projections/scrub-position.js';

describe('clampPosition', () => {
  it('keeps the scrubber between the initial state (0) and the newest event', () => {
    expect(clampPosition(-3, 40)).toBe(0);
    expect(clampPosition(17, 40)).toBe(17);
    expect(clampPosition(99, 40)).toBe(40);
    expect(clampPosition(12.6, 40)).toBe(13);
    expect(clampPosition(Number.NaN, 40)).toBe(0);
    expect(clampPosition(5, 0)).toBe(0);
  });
});

describe('parsePosition', () => {
  it('reads positions as the view prints them', () => {
    expect(parsePosition('17', 40)).toEqual({ position: 17 });
    expect(parsePosition(' #1,204 ', 5000)).toEqual({ position: 1204 });
    expect(parsePosition('0', 40)).toEqual({ position: 0 });
  });

  it('names what is wrong with anything else', () => {
    expect(parsePosition('', 40)).toEqual({ error: 'Type a position' });
    expect(parsePosition('2x', 40)).toEqual({ error: '"2x" is not a position: use digits only' });
    expect(parsePosition('-4', 40)).toEqual({ error: '"-4" is not a position: use digits only' });
    expect(parsePosition('1200', 1000)).toEqual({
      error: 'Position 1,200 is past the newest event (1,000)',
    });
  });
});

describe('keyStep', () => {
  it('moves one event with the arrows, ten with Shift, a tenth of the log with Page keys', () => {
    expect(keyStep('ArrowLeft', 10, 100)).toBe(9);
    expect(keyStep('ArrowRight', 10, 100)).toBe(11);
    expect(keyStep('ArrowRight', 10, 100, true)).toBe(20);
    expect(keyStep('PageUp', 10, 100)).toBe(20);
    expect(keyStep('PageDown', 5, 100)).toBe(0);
    expect(keyStep('Home', 50, 100)).toBe(0);
    expect(keyStep('End', 50, 100)).toBe(100);
  });

  it('stops at both ends and leaves other keys alone', () => {
    expect(keyStep('ArrowLeft', 0, 100)).toBe(0);
    expect(keyStep('ArrowUp', 100, 100)).toBe(100);
    expect(keyStep('Enter', 10, 100)).toBeNull();
  });
});
