/** Milliseconds `work` takes, measured with the monotonic clock. */
export async function elapsedMs(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export function perSecond(count: number, ms: number): number {
  return count / (ms / 1000);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile: the value below which `p` percent of the samples lie. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('No samples');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Wall-clock time in milliseconds that two processes on one machine agree on (sub-millisecond). */
export function sharedClockMs(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `done()` holds, or after `timeoutMs` (the caller checks which). */
export async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await sleep(10);
}
