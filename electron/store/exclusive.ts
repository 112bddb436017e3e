/**
 * Runs async sections one at a time, in call order. The index is updated by both the writer and the
 * watcher; each catch-up must see the state the previous one left.
 */
export class Exclusive {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(section: () => Promise<T>): Promise<T> {
    const result = this.last.then(section, section);
    this.last = result.catch(() => undefined);
    return result;
  }

  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void> {
    return this.last.then(() => undefined);
  }
}
