/** The positions of a filtered log view: 4 bytes an entry, so a view over a million matches stays small. */
export class PositionList {
  private items = new Uint32Array(1024);
  length = 0;

  get(index: number): number {
    return this.items[index]!;
  }

  get last(): number {
    return this.length === 0 ? 0 : this.items[this.length - 1]!;
  }

  /** Appends positions that are all greater than the last one (the log only grows). */
  append(positions: Uint32Array | readonly number[]): void {
    const needed = this.length + positions.length;
    if (needed > this.items.length) {
      let size = this.items.length * 2;
      while (size < needed) size *= 2;
      const grown = new Uint32Array(size);
      grown.set(this.items.subarray(0, this.length));
      this.items = grown;
    }
    this.items.set(positions, this.length);
    this.length = needed;
  }

  slice(start: number, end: number): number[] {
    return Array.from(this.items.subarray(start, Math.min(end, this.length)));
  }

  /** Index of the first position >= `position` (length when there is none). */
  lowerBound(position: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.items[mid]! < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
