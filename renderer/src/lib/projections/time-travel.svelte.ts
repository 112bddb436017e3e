import type { EventfoldApi } from '../../../../shared/contract.js';
import type { JsonValue, RecordedEvent } from '../../../../shared/event.js';
import { errorText } from '../../../../shared/error-text.js';
import { LatestAnswer } from './latest-answer.js';
import { clampPosition } from './scrub-position.js';

/** Dragging the scrubber asks for the state this long after it stops, not for every position passed. */
const SCRUB_PAUSE_MS = 120;

/**
 * A projection's state at the scrubber's position, and the event at that position. At the newest position
 * the scrubber follows appends; moved back, it stays where the user put it.
 */
export class TimeTravel {
  readonly name: string;
  position = $state(0);
  last = $state(0);
  following = $state(true);
  /** The state shown, with the position it belongs to (it lags `position` while a request runs). */
  state = $state<{ readonly position: number; readonly value: JsonValue } | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  /** The position the user stopped at: what the views that cost more (the event's diff) follow. */
  settled = $state(0);
  /** The event at `position`; null at 0 (the initial state) and while it is read. */
  event = $state<RecordedEvent | null>(null);

  readonly #api: EventfoldApi;
  readonly #states = new LatestAnswer();
  readonly #events = new LatestAnswer();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Starts at `start` (default: the newest event, following appends). */
  constructor(api: EventfoldApi, name: string, last: number, start?: number) {
    this.#api = api;
    this.name = name;
    this.last = last;
    this.position = start === undefined ? last : clampPosition(start, last);
    this.following = this.position === last;
    this.settled = this.position;
    this.#load(0);
  }

  /** Moves the scrubber; the state follows once the user pauses. */
  moveTo(position: number): void {
    const next = clampPosition(position, this.last);
    this.following = next === this.last;
    if (next === this.position && this.state?.position === next) return;
    this.position = next;
    this.#load(SCRUB_PAUSE_MS);
  }

  /** The folder grew (or shrank, after a repair): a following scrubber goes to the new end. */
  setLast(last: number): void {
    if (last === this.last) return;
    this.last = last;
    if (this.following || this.position > last) {
      this.position = clampPosition(last, last);
      this.#load(SCRUB_PAUSE_MS);
    }
  }

  /** Reads the state again (the projection was skipped, rebuilt or reloaded). */
  reload(): void {
    this.#load(0);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#states.cancel();
    this.#events.cancel();
  }

  #load(delay: number): void {
    clearTimeout(this.#timer);
    this.loading = true;
    const position = this.position;
    if (this.event?.position !== position) this.event = null;
    this.#timer = setTimeout(() => {
      this.settled = position;
      this.#states.run(
        () => this.#api.call('projection.state', { name: this.name, position }),
        (answer) => {
          this.state = { position: answer.position, value: answer.state };
          this.error = null;
          this.loading = false;
        },
        (error) => {
          this.state = null;
          this.error = errorText(error);
          this.loading = false;
        },
      );
      if (position === 0) {
        this.#events.cancel();
        this.event = null;
        return;
      }
      this.#events.run(
        () => this.#api.call('event.get', { position }),
        (detail) => (this.event = detail.event),
        () => (this.event = null),
      );
    }, delay);
  }
}
