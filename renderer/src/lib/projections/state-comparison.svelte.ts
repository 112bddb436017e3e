import type { JsonValue } from '../../../../shared/event.js';
import { ProjectionQuery } from './projection-query.svelte.js';

/** A projection's states at two chosen positions (A and B), for their diff. */
export class StateComparison extends ProjectionQuery {
  a = $state<number | null>(null);
  b = $state<number | null>(null);
  states = $state<{
    readonly a: number;
    readonly b: number;
    readonly before: JsonValue;
    readonly after: JsonValue;
  } | null>(null);

  get ready(): boolean {
    return this.a !== null && this.b !== null;
  }

  /** Sets both ends at once (Shift-click in the log) and reads their states. */
  compare(a: number, b: number): void {
    this.a = a;
    this.b = b;
    this.load();
  }

  mark(end: 'a' | 'b', position: number): void {
    this[end] = position;
    this.load();
  }

  swap(): void {
    if (this.a === null || this.b === null) return;
    this.compare(this.b, this.a);
  }

  clear(): void {
    this.forget();
    this.a = null;
    this.b = null;
    this.states = null;
  }

  load(): void {
    const { a, b } = this;
    if (a === null || b === null) return;
    const { name } = this;
    this.ask(
      () =>
        Promise.all([
          this.api.call('projection.state', { name, position: a }),
          this.api.call('projection.state', { name, position: b }),
        ]),
      ([before, after]) => (this.states = { a, b, before: before.state, after: after.state }),
      () => (this.states = null),
    );
  }
}
