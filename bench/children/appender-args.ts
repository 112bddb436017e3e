/** What the timed appender children are told: where, how many, how far apart, and how many to ignore first. */
export interface AppenderArgs {
  readonly target: string;
  readonly count: number;
  readonly intervalMs: number;
  readonly warmup: number;
}

export function appenderArgs(args: AppenderArgs): string[] {
  return [args.target, String(args.count), String(args.intervalMs), String(args.warmup)];
}

export function parseAppenderArgs(argv: readonly string[]): AppenderArgs {
  const [target, count, intervalMs, warmup] = argv;
  const numbers = [count, intervalMs, warmup].map(Number);
  if (target === undefined || numbers.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new Error(`usage: TARGET COUNT INTERVAL_MS WARMUP (got ${argv.join(' ')})`);
  }
  const [c, i, w] = numbers as [number, number, number];
  return { target, count: c, intervalMs: i, warmup: w };
}

/** The payload both appenders send: its send time on the clock the two processes share. */
export interface TimedPayload {
  readonly n: number;
  readonly sentAt: number;
}

/** What the store's appender prints when done: how long its own appends took. */
export interface AppenderReport {
  readonly appendP50Ms: number;
  readonly appendP99Ms: number;
}

export const TIMED_TYPE = 'Timed';
export const WARMUP_TYPE = 'Warmup';
