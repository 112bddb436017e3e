/**
 * The time appends are stamped with, as ISO-8601 UTC text. The text is made once per millisecond: an
 * append loop stamps several appends within one, and formatting a date costs more than the rest of a
 * small append's bookkeeping.
 */
export class IsoClock {
  private ms = -1;
  private text = '';

  now(): string {
    const ms = Date.now();
    if (ms !== this.ms) {
      this.ms = ms;
      this.text = new Date(ms).toISOString();
    }
    return this.text;
  }
}
