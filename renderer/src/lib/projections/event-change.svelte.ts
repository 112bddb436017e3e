import type { EventfoldApi } from '../../../../shared/contract.js';
import type { JsonValue } from '../../../../shared/event.js';
import { errorText } from '../../../../shared/error-text.js';
import { LatestAnswer } from './latest-answer.js';

/** What one event did to a projection's state: the states before and after it. */
export class EventChange {
  states = $state<{
    readonly position: number;
    readonly before: JsonValue;
    readonly after: JsonValue;
  } | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);

  readonly #api: EventfoldApi;
  readonly #name: string;
  readonly #answers = new LatestAnswer();

  constructor(api: EventfoldApi, name: string) {
    this.#api = api;
    this.#name = name;
  }

  load(position: number): void {
    if (position < 1) {
      this.#answers.cancel();
      this.states = null;
      this.error = null;
      this.loading = false;
      return;
    }
    this.loading = true;
    this.#answers.run(
      () => this.#api.call('projection.around', { name: this.#name, position }),
      ({ before, after }) => {
        this.states = { position, before, after };
        this.error = null;
        this.loading = false;
      },
      (error) => {
        this.states = null;
        this.error = errorText(error);
        this.loading = false;
      },
    );
  }
}
