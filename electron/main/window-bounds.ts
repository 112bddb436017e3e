/** A rectangle in screen coordinates, as Electron's Rectangle. */
export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What is remembered of a window between runs. */
export interface WindowState {
  /** The bounds of the window when not maximized. */
  readonly bounds: Bounds;
  readonly maximized: boolean;
}

/** Where and how big a new window starts: a position only when the remembered one is on a screen now. */
export interface WindowPlacement {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 780 } as const;
export const MIN_SIZE = { width: 720, height: 480 } as const;

/** The strip at a window's top that holds its title bar, and how much of it must lie on a screen to grab. */
const TITLE_BAR_HEIGHT = 32;
const GRABBABLE = { width: 120, height: 16 } as const;

/**
 * Reads a remembered state (from a settings file anyone could have edited) and keeps its position only
 * if the window's title bar would be on one of the screens attached now: a window restored onto a
 * monitor that was unplugged is a window the user cannot reach.
 */
export function placeWindow(saved: unknown, workAreas: readonly Bounds[]): WindowPlacement {
  const state = readWindowState(saved);
  if (!state) return { ...DEFAULT_SIZE, maximized: false };
  const { bounds, maximized } = state;
  const screen = workAreas.find((area) => titleBarVisible(bounds, area));
  if (!screen) {
    const largest = workAreas.reduce<Bounds | undefined>(
      (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
      undefined,
    );
    return { ...fitSize(bounds, largest), maximized };
  }
  const size = fitSize(bounds, screen);
  return { x: bounds.x, y: bounds.y, ...size, maximized };
}

export function readWindowState(value: unknown): WindowState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return undefined;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (![x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  if ((width as number) <= 0 || (height as number) <= 0) return undefined;
  return {
    bounds: { x: x as number, y: y as number, width: width as number, height: height as number },
    maximized: maximized === true,
  };
}

function titleBarVisible(window: Bounds, area: Bounds): boolean {
  const left = Math.max(window.x, area.x);
  const right = Math.min(window.x + window.width, area.x + area.width);
  const top = Math.max(window.y, area.y);
  const bottom = Math.min(window.y + TITLE_BAR_HEIGHT, area.y + area.height);
  return right - left >= GRABBABLE.width && bottom - top >= GRABBABLE.height;
}

/** The remembered size, no smaller than the minimum and no larger than the screen it lands on. */
function fitSize(bounds: Bounds, area: Bounds | undefined): { width: number; height: number } {
  const clamp = (value: number, min: number, max: number | undefined): number =>
    Math.round(Math.max(min, max === undefined ? value : Math.min(value, max)));
  return {
    width: clamp(bounds.width, MIN_SIZE.width, area?.width),
    height: clamp(bounds.height, MIN_SIZE.height, area?.height),
  };
}
