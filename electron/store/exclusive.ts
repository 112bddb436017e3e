/**
 * Runs async sections one at a time, in call order. The index is updated by both the writer and the
 * watcher; each catch-up must see the state the previous one left.
 */
export class Exclusive {
  private last: Promise<unknown> = Promise.resolve();
  /** Sections queued or running: while there are none, `runNow` may run one at once. */
  private active = 0;
  private readonly done = (): void => {
    this.active--;
  };

  run<T>(section: () => T | Promise<T>): Promise<T> {
    this.active++;
    const result = this.last.then(section, section);
    this.last = result.then(this.done, this.done);
    return result;
  }

  /**
   * Like `run`, but when nothing is queued or running the section starts at once, and a section that
   * finishes without waiting answers without a promise. An append loop's writes are synchronous: this
   * keeps each of them from costing a chain of promises and turns of the microtask queue. A section run
   * here must not wait on a section it queues itself before it returns.
   */
  runNow(section: () => Promise<void> | undefined): Promise<void> | undefined {
    if (this.active > 0) return this.run(section);
    this.active++;
    let result: Promise<void> | undefined;
    try {
      result = section();
    } catch (error) {
      this.active--;
      throw error;
    }
    if (result === undefined) this.active--;
    else this.last = result.then(this.done, this.done);
    return result;
  }

  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void> {
    return this.last.then(() => undefined);
  }
}
