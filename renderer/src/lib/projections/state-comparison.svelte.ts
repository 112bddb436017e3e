import type { EventfoldApi } from '../../../../shared/contract.js';
import type { JsonValue } from '../../../../shared/event.js';
import { errorText } from '../../../../shared/error-text.js';
import { LatestAnswer } from './latest-answer.js';

/** A projection's states at two chosen positions (A and B), for their diff. */
export class StateComparison {
  a = $state<number | null>(null);
  b = $state<number | null>(null);
  states = $state<{
    readonly a: number;
    readonly b: number;
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
    this.#answers.cancel();
    this.a = null;
    this.b = null;
    this.states = null;
    this.error = null;
    this.loading = false;
  }

  load(): void {
    const { a, b } = this;
    if (a === null || b === null) return;
    this.loading = true;
    const name = this.#name;
    this.#answers.run(
      () =>
        Promise.all([
          this.#api.call('projection.state', { name, position: a }),
          this.#api.call('projection.state', { name, position: b }),
        ]),
      ([before, after]) => {
        this.states = { a, b, before: before.state, after: after.state };
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
