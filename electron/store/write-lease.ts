import type { FileLock } from './file-lock.js';

/** How long the write lock is kept after the queue runs dry, so that an append loop does not re-take it each time. */
const LEASE_IDLE_MS = 2;
/** After holding the lock this long, a writer gives it up as soon as another process is waiting. */
const LEASE_FAIR_MS = 20;
/** How often a long holder looks for a waiting writer's ticket (a small part of LEASE_FAIR_MS). */
const WAITERS_CHECK_MS = 4;
/** A lock file older than the lock's stale limit would be taken over; a long holder refreshes it well before. */
const LEASE_TOUCH_MS = 5_000;

/**
 * The cross-process write lock, leased: taken once and kept while appends keep coming (creating and
 * removing a lock file costs as much as the synced write itself on ext4, since both go through the
 * file system's journal), given up after a short idle moment, or early when another process has left
 * a ticket; refreshed while held long, and checked to be still ours after a long pause.
 */
export class WriteLease {
  private idleTimer: NodeJS.Timeout | undefined;
  /** When the lease last fell idle; undefined while in use. */
  private idleSince: number | undefined;
  private since = 0;
  private touched = 0;
  private waitersChecked = 0;

  constructor(
    readonly lock: FileLock,
    /** Whether appends are still being written: the idle end never cuts into them. */
    private readonly busy: () => boolean,
  ) {}

  /**
   * Keeps the lease for one more write, without waiting: false when the lock must be taken (again) with
   * `take`. The idle timer is left running (an append loop would otherwise set and clear one per append);
   * it finds the lease in use and lets it be.
   */
  keep(): boolean {
    this.idleSince = undefined;
    if (!this.lock.held) return false;
    const now = Date.now();
    if (now - this.since > LEASE_FAIR_MS && this.othersWaiting(now)) {
      this.lock.release();
      return false;
    }
    if (now - this.touched > LEASE_TOUCH_MS) {
      // Suspended past the stale limit (a laptop asleep), the lease was taken over: others may have written.
      if (!this.lock.stillOurs()) {
        this.lock.release();
        return false;
      }
      this.lock.touch();
      this.touched = now;
    }
    return true;
  }

  /** Takes the lock unless the lease still holds it; true when newly taken (others may have written). */
  async take(): Promise<boolean> {
    if (this.keep()) return false;
    if (!this.lock.tryAcquire()) await this.lock.acquire();
    this.since = this.touched = Date.now();
    return true;
  }

  /** Ends the lease after a short idle moment, unless appends keep it busy. */
  endWhenIdle(): void {
    if (!this.lock.held) return;
    this.idleSince = performance.now();
    this.armIdleTimer(LEASE_IDLE_MS);
  }

  private armIdleTimer(ms: number): void {
    this.idleTimer ??= setTimeout(() => {
      this.idleTimer = undefined;
      if (this.idleSince === undefined) return;
      const idleFor = performance.now() - this.idleSince;
      if (idleFor < LEASE_IDLE_MS) this.armIdleTimer(Math.ceil(LEASE_IDLE_MS - idleFor));
      else if (!this.busy()) this.lock.release();
    }, ms);
  }

  /** Ends the lease now (after an error, or at close): the next writer must read the log afresh. */
  end(): void {
    this.cancelIdleEnd();
    this.lock.release();
  }

  /** Keeps the lock past the idle moment (close still has work to do under it). */
  cancelIdleEnd(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.idleSince = undefined;
  }

  /** Looks for another process's ticket at most every few milliseconds: an append loop need not pay a syscall each time. */
  private othersWaiting(now: number): boolean {
    if (now - this.waitersChecked < WAITERS_CHECK_MS) return false;
    this.waitersChecked = now;
    return this.lock.othersWaiting();
  }
}
