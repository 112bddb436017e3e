/**
 * Polls until `condition` holds. Tests wait for things that happen in other processes or through the
 * file watcher this way: the timeout is generous and never part of what is being checked.
 */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`Gave up after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
