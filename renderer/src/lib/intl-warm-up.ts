/**
 * Starts a worker that makes the Intl formats the first screen uses, so that ICU loads its locale and
 * time zone data there. That data and ICU's caches belong to the whole renderer process: the page's own
 * first Intl.DateTimeFormat (the journal's times and days, 30 to 140 ms cold, on the main thread while the
 * first rows wait) then finds them ready and takes under a millisecond. The formats the page makes are
 * its own, as before; where no worker can start, the first format pays the cost itself.
 */
export function warmUpIntl(): void {
  try {
    const worker = new Worker(new URL('./intl-warm-up.worker.ts', import.meta.url), { type: 'module' });
    const done = (): void => worker.terminate();
    worker.addEventListener('message', done);
    worker.addEventListener('error', done);
  } catch {
    // No worker here (a test runner, a locked-down page): nothing is lost but the head start.
  }
}
