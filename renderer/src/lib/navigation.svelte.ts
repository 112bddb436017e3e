import type { LogSource } from '../../../shared/contract.js';

/** What the main area shows: the folder's overview, a log (of $all, a stream or a category), or a projection. */
export type MainView =
  | { readonly kind: 'overview' }
  | { readonly kind: 'log'; readonly source: LogSource }
  | { readonly kind: 'projection'; readonly name: string };

/** Where the user is in a folder: the main view and the event selected in it (by position). */
export class Navigation {
  view = $state<MainView>({ kind: 'overview' });
  selected = $state<number | null>(null);
  /** Streams opened in this session, latest first, so the navigation can offer them again. */
  openedStreams = $state<string[]>([]);

  showOverview(): void {
    this.view = { kind: 'overview' };
  }

  showLog(source: LogSource): void {
    if (this.view.kind === 'log' && sameSource(this.view.source, source)) return;
    this.view = { kind: 'log', source };
    if (source.kind === 'stream') {
      this.openedStreams = [source.stream, ...this.openedStreams.filter((s) => s !== source.stream)].slice(
        0,
        8,
      );
    }
  }

  showProjection(name: string): void {
    if (this.view.kind === 'projection' && this.view.name === name) return;
    this.view = { kind: 'projection', name };
  }

  select(position: number | null): void {
    this.selected = position;
  }

  reset(): void {
    this.view = { kind: 'overview' };
    this.selected = null;
    this.openedStreams = [];
  }
}

export function sameSource(a: LogSource, b: LogSource): boolean {
  if (a.kind === 'stream' && b.kind === 'stream') return a.stream === b.stream;
  if (a.kind === 'category' && b.kind === 'category') return a.category === b.category;
  return a.kind === b.kind;
}

/** A source's name as the navigation and window title show it. */
export function sourceLabel(source: LogSource): string {
  switch (source.kind) {
    case 'all':
      return 'All events';
    case 'stream':
      return source.stream;
    case 'category':
      return source.category === '' ? '(no category)' : `${source.category}-*`;
  }
}
