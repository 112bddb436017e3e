import type { EventfoldApi, PushEvents } from '../../../../shared/contract.js';
import type { CommandOutcome } from '../../../../shared/journal/command-outcome.js';
import type { JournalCommand } from '../../../../shared/journal/commands.js';
import type { JournalId, JournalTime } from '../../../../shared/journal/journal-values.js';

/** A command as the page issues it: the session stamps the time. */
export type JournalCommandInput = JournalCommand extends infer C
  ? C extends JournalCommand
    ? Omit<C, 'at'>
    : never
  : never;

export type JournalChange = PushEvents['journal.changed'];

/** What the session needs from the page around it; tests pass their own clock and ids. */
export interface JournalSessionOptions {
  /** IANA zone of the user's days (day separators, the calendar, statistics). */
  readonly timeZone: string;
  readonly now?: () => Date;
  readonly newId?: () => JournalId;
  /** Whether links open through the desktop shell (the page still uses target=_blank; main routes it). */
  readonly mode?: 'desktop' | 'browser';
}

/**
 * One journal folder as the chat view sees it: the contract, the user's time zone, the moment the view
 * shows (now, or a past moment for the journal "as of" a date, which is read-only), and the one
 * subscription to `journal.changed` that every list of the view shares. Components reach it by context
 * (journal-context.ts) instead of passing api and session down.
 */
export class JournalSession {
  /** A past moment the whole view shows, or null for the journal as it is now. */
  asOf = $state<JournalTime | null>(null);
  /** True once an `asOf` is set: the journal as it was cannot be changed. */
  readonly readOnly = $derived(this.asOf !== null);

  readonly api: EventfoldApi;
  readonly timeZone: string;
  readonly mode: 'desktop' | 'browser';
  readonly #now: () => Date;
  readonly #newId: () => JournalId;
  #listeners: ((change: JournalChange) => void)[] = [];
  #unsubscribe: (() => void) | null = null;

  constructor(api: EventfoldApi, options: JournalSessionOptions) {
    this.api = api;
    this.timeZone = options.timeZone;
    this.mode = options.mode ?? 'browser';
    // A clock, read once a call: not state that a view should follow.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** Starts hearing the folder's journal changes; returns the stop. Call once, from the view's root. */
  follow(): () => void {
    this.#unsubscribe?.();
    const stop = this.api.on('journal.changed', (change) => {
      for (const listener of this.#listeners) listener(change);
    });
    this.#unsubscribe = stop;
    return () => {
      stop();
      if (this.#unsubscribe === stop) this.#unsubscribe = null;
    };
  }

  /** Calls `listener` after each committed journal change (this window's, another's, the CLI's). */
  onChange(listener: (change: JournalChange) => void): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((known) => known !== listener);
    };
  }

  /** Runs a command stamped with the current time. Refusals reject with the journal's code and message. */
  run(command: JournalCommandInput): Promise<CommandOutcome> {
    if (this.asOf !== null) {
      return Promise.reject(
        new Error('The journal as of a past date is read-only: go back to now to change it.'),
      );
    }
    const stamped: JournalCommand = { ...command, at: this.now().toISOString() };
    return this.api.call('journal.command', stamped);
  }

  newId(): JournalId {
    return this.#newId();
  }

  now(): Date {
    return this.#now();
  }

  /** The `asOf` argument of a read: present only when the view shows a past moment. */
  asOfArg(): { asOf?: JournalTime } {
    return this.asOf === null ? {} : { asOf: this.asOf };
  }
}
