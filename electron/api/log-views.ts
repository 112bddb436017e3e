import type { LogFilter, LogSource, LogView as LogViewInfo, PushEvents } from '../../shared/contract.js';
import type { EventStore } from '../store/index.js';
import { ContractFailure } from './contract-failure.js';
import { compileLogFilter } from './log-filter.js';
import { LogView } from './log-view.js';
import { errorText } from '../../shared/error-text.js';

/**
 * A page that forgets to close its views must not grow the process without bound: past this many, opening
 * one closes the least recently used.
 */
export const MAX_OPEN_VIEWS = 32;

/** The log views one session has open on its folder. */
export class LogViews {
  private readonly views = new Map<string, LogView>();
  private opened = 0;

  constructor(
    private readonly store: EventStore,
    private readonly push: <P extends keyof PushEvents>(name: P, payload: PushEvents[P]) => void,
  ) {}

  async open(source: LogSource, filter: LogFilter | undefined): Promise<LogViewInfo> {
    const compiled = compileLogFilter(source, filter);
    const id = `view-${++this.opened}`;
    const view = new LogView(
      id,
      this.store,
      compiled,
      (payload) => this.push('log.progress', payload),
      (error) =>
        this.push('app.error', {
          message: `The log view could not read on: ${errorText(error)}`,
        }),
    );
    this.views.set(id, view);
    if (this.views.size > MAX_OPEN_VIEWS) this.close(this.views.keys().next().value!);
    if (compiled.test === undefined && !this.store.indexing) {
      // Filters the index answers are final at once: the answer carries the final count.
      view.refresh();
      await view.settled();
    } else {
      // A scan starts after the answer has gone out, so that the page knows the view before its first
      // log.progress arrives.
      setImmediate(() => view.refresh());
    }
    return { view: id, count: view.count, complete: view.complete };
  }

  get(id: string): LogView {
    const view = this.views.get(id);
    if (view === undefined) {
      throw new ContractFailure(
        'BadRequest',
        `There is no log view "${id}": it was closed, or belongs to another window or folder; open a new one with log.open`,
        { view: id },
      );
    }
    // Most recently used last, so that the oldest is the one closed first.
    this.views.delete(id);
    this.views.set(id, view);
    return view;
  }

  close(id: string): void {
    this.views.get(id)?.close();
    this.views.delete(id);
  }

  /** New events were committed: every view takes in those that match. */
  appended(): void {
    for (const view of this.views.values()) view.refresh();
  }

  indexingProgressed(): void {
    for (const view of this.views.values()) view.indexingProgressed();
  }

  closeAll(): void {
    for (const view of this.views.values()) view.close();
    this.views.clear();
  }
}
