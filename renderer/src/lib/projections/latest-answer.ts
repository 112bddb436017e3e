/**
 * Keeps only the answer of the newest request: while the user scrubs, answers for positions already left
 * behind may arrive late, and must not overwrite the state of the position now shown.
 */
export class LatestAnswer {
  #ticket = 0;

  /** Runs `work`; `onanswer` / `onerror` are called only if no later run started meanwhile. */
  run<T>(work: () => Promise<T>, onanswer: (value: T) => void, onerror: (error: unknown) => void): void {
    const ticket = ++this.#ticket;
    work().then(
      (value) => {
        if (ticket === this.#ticket) onanswer(value);
      },
      (error: unknown) => {
        if (ticket === this.#ticket) onerror(error);
      },
    );
  }

  /** Forgets any run still pending. */
  cancel(): void {
    this.#ticket++;
  }
}
