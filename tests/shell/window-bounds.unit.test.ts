import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, placeWindow } from '../../electron/main/window-bounds.js';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const monitorOnTheRight = { x: 1440, y: 0, width: 2560, height: 1400 };

const saved = (x: number, y: number, width = 1000, height = 700, maximized = false): unknown => ({
  bounds: { x, y, width, height },
  maximized,
});

describe('placeWindow', () => {
  it('puts a window back where it was when that is on a screen', () => {
    expect(placeWindow(saved(100, 80), [laptop])).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(placeWindow(saved(2000, 300, 1600, 900, true), [laptop, monitorOnTheRight])).toEqual({
      x: 2000,
      y: 300,
      width: 1600,
      height: 900,
      maximized: true,
    });
  });

  it('drops the position of a window left on a monitor that is gone, keeping its size', () => {
    expect(placeWindow(saved(2000, 300), [laptop])).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('drops a position whose title bar would be above, below or just off the edge of every screen', () => {
    expect(placeWindow(saved(100, -500), [laptop])).not.toHaveProperty('x');
    expect(placeWindow(saved(100, 850), [laptop])).not.toHaveProperty('x');
    // Only 60 pixels of the window reach into the screen: too little to grab.
    expect(placeWindow(saved(1380, 100), [laptop])).not.toHaveProperty('x');
    expect(placeWindow(saved(-940, 100), [laptop])).not.toHaveProperty('x');
    // 200 pixels are enough.
    expect(placeWindow(saved(1240, 100), [laptop])).toMatchObject({ x: 1240, y: 100 });
  });

  it('shrinks a window larger than its screen, and never below the minimum size', () => {
    expect(placeWindow(saved(0, 0, 3000, 2000), [laptop])).toMatchObject({ width: 1440, height: 860 });
    expect(placeWindow(saved(0, 0, 100, 50), [laptop])).toMatchObject(MIN_SIZE);
  });

  it('starts at the default size when nothing sensible is remembered', () => {
    const defaults = { ...DEFAULT_SIZE, maximized: false };
    for (const value of [
      undefined,
      null,
      'big',
      {},
      { bounds: { x: 0, y: 0, width: -5, height: 700 } },
      { bounds: { x: '0', y: 0, width: 1000, height: 700 } },
      { bounds: { x: Number.NaN, y: 0, width: 1000, height: 700 } },
    ]) {
      expect(placeWindow(value, [laptop])).toEqual(defaults);
    }
  });
});
