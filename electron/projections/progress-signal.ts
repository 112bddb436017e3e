/**
 * A promise to wait on until something moves on (a fold passed more events, or stopped). Each `settle`
 * wakes whoever waits on `next` and hands out a new `next`, so a waiter checks what changed and waits again.
 */
export class ProgressSignal {
  private wake: () => void = () => undefined;
  next: Promise<void> = this.renew();

  settle(): void {
    const wake = this.wake;
    this.next = this.renew();
    wake();
  }

  private renew(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}
