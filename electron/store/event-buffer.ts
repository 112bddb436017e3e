import type { RecordedEvent } from '../../shared/event.js';

/** Events a subscription hands over ahead of the reader before its handler waits (back pressure). */
const CAPACITY = 256;

/**
 * What turns a subscription into an async iterable: the subscription's handler puts events in, and waits
 * while the buffer is full; `read` takes them out. A subscription delivers one event at a time and awaits
 * its handler, so a slow `for await` loop slows the subscription down instead of piling events up.
 */
export class EventBuffer {
  private events: RecordedEvent[] = [];
  private taken = 0;
  private ended = false;
  private failure: { readonly error: unknown } | undefined;
  private wakeReader: (() => void) | undefined;
  private wakeWriter: (() => void) | undefined;
  private reading = false;

  /** The subscription's handler. */
  readonly put = (event: RecordedEvent): Promise<void> | undefined => {
    this.events.push(event);
    this.wake();
    if (this.events.length - this.taken < CAPACITY) return undefined;
    return new Promise<void>((resolve) => (this.wakeWriter = resolve));
  };

  /** No more events will come: the reader gets those buffered, then its loop ends. */
  end(): void {
    this.ended = true;
    this.wake();
    this.releaseWriter();
  }

  /** The subscription failed: the reader gets the events buffered, then the error. */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.end();
  }

  /** The events, once: `stop` is called when the reader leaves its loop (break, return, throw) or the end comes. */
  async *read(stop: () => void): AsyncGenerator<RecordedEvent, void, undefined> {
    if (this.reading) throw new TypeError('A subscription can be iterated only once');
    this.reading = true;
    try {
      for (;;) {
        if (this.taken < this.events.length) {
          const event = this.events[this.taken++]!;
          if (this.taken === this.events.length) {
            this.events = [];
            this.taken = 0;
          }
          this.releaseWriter();
          yield event;
          continue;
        }
        if (this.failure !== undefined) throw this.failure.error;
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wakeReader = resolve));
      }
    } finally {
      stop();
    }
  }

  private wake(): void {
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
  }

  private releaseWriter(): void {
    if (this.events.length - this.taken >= CAPACITY && !this.ended) return;
    const wake = this.wakeWriter;
    this.wakeWriter = undefined;
    wake?.();
  }
}
