import type { EventfoldApi } from '../../../../shared/contract.js';
import { errorText } from '../../../../shared/error-text.js';
import { LatestAnswer } from './latest-answer.js';

/**
 * What the projection panes ask the main process about one projection (its states around an event, at two
 * positions, a path's history): only the newest answer counts, and the pane shows whether one is on its way
 * and what went wrong. That protocol lives here once; each subclass keeps only what it asks and what it holds.
 */
export abstract class ProjectionQuery {
  error = $state<string | null>(null);
  loading = $state(false);

  protected readonly api: EventfoldApi;
  protected readonly name: string;
  readonly #answers = new LatestAnswer();

  constructor(api: EventfoldApi, name: string) {
    this.api = api;
    this.name = name;
  }

  /** Runs `work`; `onanswer` (or `onfailed`) runs only if no later request started meanwhile. */
  protected ask<T>(work: () => Promise<T>, onanswer: (value: T) => void, onfailed?: () => void): void {
    this.loading = true;
    this.#answers.run(
      work,
      (value) => {
        onanswer(value);
        this.error = null;
        this.loading = false;
      },
      (error) => {
        onfailed?.();
        this.error = errorText(error);
        this.loading = false;
      },
    );
  }

  /** Drops any request on its way and the error shown. */
  protected forget(): void {
    this.#answers.cancel();
    this.error = null;
    this.loading = false;
  }
}
