import type { JsonValue } from '../../../../shared/event.js';
import { ProjectionQuery } from './projection-query.svelte.js';

/** What one event did to a projection's state: the states before and after it. */
export class EventChange extends ProjectionQuery {
  states = $state<{
    readonly position: number;
    readonly before: JsonValue;
    readonly after: JsonValue;
  } | null>(null);

  load(position: number): void {
    if (position < 1) {
      this.forget();
      this.states = null;
      return;
    }
    this.ask(
      () => this.api.call('projection.around', { name: this.name, position }),
      ({ before, after }) => (this.states = { position, before, after }),
      () => (this.states = null),
    );
  }
}
