/**
 * The time appends are stamped with, as ISO-8601 UTC text. The text is made once per millisecond (an
 * append loop stamps several appends within one), from the date and time up to the second, which is
 * formatted once per second: Date#toISOString costs about a microsecond, more than the rest of a small
 * append's bookkeeping, and a sequential append loop meets a new millisecond at nearly every append.
 */
export class IsoClock {
  private ms = -1;
  private text = '';
  private second = Number.NaN;
  /** "YYYY-MM-DDTHH:MM:SS." of `second`. */
  private prefix = '';

  now(): string {
    const ms = Date.now();
    if (ms !== this.ms) {
      this.ms = ms;
      const second = Math.floor(ms / 1000);
      if (second !== this.second) {
        this.second = second;
        const iso = new Date(second * 1000).toISOString();
        // Without "000Z": years past 9999 make the text longer at the front, never at the end.
        this.prefix = iso.slice(0, iso.length - 4);
      }
      const fraction = ms - second * 1000;
      this.text = this.prefix + (fraction < 10 ? '00' : fraction < 100 ? '0' : '') + String(fraction) + 'Z';
    }
    return this.text;
  }
}
