import { JOURNAL_EVENT_TYPES, type JournalTime } from '../../shared/journal/index.js';
import type { EventStore } from '../store/index.js';
import { JournalIndex } from './read-model/journal-index.js';

/** Journal events read a page. */
const PAGE = 5000;

interface Fold {
  readonly index: JournalIndex;
  /** The last position read into it. */
  covered: number;
  lastUsed: number;
  /** Reads into this fold take turns. */
  turn: Promise<unknown>;
}

export interface AsOfFoldOptions {
  /** Folds kept at once (default 2: the moment being looked at, and the one before it). */
  readonly keep?: number;
  /** A fold nobody asked for this long is dropped (default 2 minutes). */
  readonly idleMs?: number;
}

/**
 * The journal as of a moment: a temporary JournalIndex of every journal event whose `at` is at or before
 * it, in log order (docs/JOURNAL.md), built next to the live one and never written anywhere. Building it
 * reads every journal event once; it is then kept while it is being used and brought up to date with
 * events appended since (an import may add entries dated before the moment), so paging through the past
 * costs what paging through the present does.
 */
export class AsOfFolds {
  private readonly folds = new Map<JournalTime, Fold>();
  private readonly keep: number;
  private readonly idleMs: number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'lastPosition'>,
    options: AsOfFoldOptions = {},
  ) {
    this.keep = Math.max(1, options.keep ?? 2);
    this.idleMs = options.idleMs ?? 120_000;
  }

  /** The journal as of `at`, including every event appended until now. */
  async at(at: JournalTime): Promise<JournalIndex> {
    let fold = this.folds.get(at);
    if (fold === undefined) {
      fold = { index: new JournalIndex(at), covered: 0, lastUsed: Date.now(), turn: Promise.resolve() };
      this.folds.set(at, fold);
      this.evict();
    }
    fold.lastUsed = Date.now();
    this.sweepLater();
    const target = fold;
    const done = target.turn.then(() => this.catchUp(target));
    target.turn = done.catch(() => undefined);
    await done;
    return target.index;
  }

  /** How many folds are kept now (for tests and the memory bench). */
  get size(): number {
    return this.folds.size;
  }

  close(): void {
    clearTimeout(this.sweeper);
    this.folds.clear();
  }

  private async catchUp(fold: Fold): Promise<void> {
    for (;;) {
      // Read in the same turn as the page starts: the page then covers the log up to this position.
      const last = this.store.lastPosition;
      if (fold.covered >= last) return;
      const page = await this.store.readAll({
        from: fold.covered + 1,
        limit: PAGE,
        types: JOURNAL_EVENT_TYPES,
      });
      for (const event of page.events) {
        // A page read while the folder was still being indexed may reach past `last`: never fold twice.
        if (event.position <= fold.covered) continue;
        fold.index.apply(event);
        fold.covered = event.position;
      }
      fold.covered = Math.max(fold.covered, page.next === null ? last : page.next - 1);
    }
  }

  private evict(): void {
    while (this.folds.size > this.keep) {
      let oldest: [JournalTime, Fold] | undefined;
      for (const entry of this.folds)
        if (oldest === undefined || entry[1].lastUsed < oldest[1].lastUsed) oldest = entry;
      if (oldest === undefined) return;
      this.folds.delete(oldest[0]);
    }
  }

  private sweepLater(): void {
    clearTimeout(this.sweeper);
    this.sweeper = setTimeout(() => {
      const now = Date.now();
      for (const [at, fold] of this.folds) if (now - fold.lastUsed >= this.idleMs) this.folds.delete(at);
      if (this.folds.size > 0) this.sweepLater();
    }, this.idleMs);
    this.sweeper.unref();
  }
}
