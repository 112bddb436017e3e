/**
 * A preview of state that is still loading: readers that come before the state is ready use the preview.
 * The load of the whole state starts once the first readers are done, since it starts with a long
 * synchronous step (a parse) that would otherwise hold up their answers (a page whose texts are still
 * being read from the log); readers that come while it loads use the preview too, until `none`.
 *
 * Until the loader says whether there is one (`offer` or `none`), readers wait; after `none` readers get
 * undefined (they use the whole state).
 */
export class PreviewGate<T> {
  private state: 'unknown' | 'offered' | 'closed' = 'unknown';
  private preview: T | undefined;
  private readers = 0;
  private decided: () => void = () => undefined;
  private readonly known = new Promise<void>((resolve) => (this.decided = resolve));
  private idle: (() => void) | undefined;

  /**
   * Offers a preview; resolves once the readers that came for it are done, which is when the loader goes
   * on (readers already waiting start before that: they are resumed first, and one turn of the event loop
   * is left for them). The preview stays offered until `none`.
   */
  async offer(preview: T): Promise<void> {
    if (this.state !== 'unknown') return;
    this.state = 'offered';
    this.preview = preview;
    this.decided();
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.readers > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    this.idle = undefined;
  }

  /** There is no preview (or no longer one): readers from now on use the whole state. */
  none(): void {
    this.state = 'closed';
    this.preview = undefined;
    this.decided();
  }

  /** Runs `read` on the preview if there is one that `fits`; undefined when there is none. */
  async use<R>(
    fits: (preview: T) => boolean,
    read: (preview: T) => Promise<R>,
  ): Promise<{ value: R } | undefined> {
    await this.known;
    const preview = this.preview;
    if (this.state !== 'offered' || preview === undefined || !fits(preview)) return undefined;
    this.readers++;
    try {
      return { value: await read(preview) };
    } finally {
      this.readers--;
      // A turn later: what the reader does with the answer (send it) runs before the load takes over.
      if (this.readers === 0 && this.idle !== undefined) setImmediate(this.idle);
    }
  }
}
