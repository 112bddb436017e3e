/** Promises that settle once a position has been reached, or fail together when that can no longer happen. */
export class PositionWaiters {
  private waiting: { position: number; resolve: () => void; reject: (error: Error) => void }[] = [];

  wait(position: number): Promise<void> {
    return new Promise((resolve, reject) => this.waiting.push({ position, resolve, reject }));
  }

  /** Settles every wait for a position at or before `position`. */
  reached(position: number): void {
    if (this.waiting.length === 0) return;
    const still: typeof this.waiting = [];
    for (const waiter of this.waiting) {
      if (waiter.position <= position) waiter.resolve();
      else still.push(waiter);
    }
    this.waiting = still;
  }

  failAll(error: Error): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.reject(error);
  }
}
