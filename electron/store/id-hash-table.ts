/**
 * Positions by id hash, so that an append with a caller-chosen id finds an earlier event with that id
 * without walking its whole stream. Open addressing over a Uint32Array of positions (0 = empty), the
 * hashes themselves read from the index's per-position list: 8 bytes an event at most, and built only
 * when the first append with an id arrives (most logs never pay for it).
 */
export class IdHashTable {
  private slots = new Uint32Array(1024);
  private count = 0;

  constructor(private readonly hashOf: (position: number) => number) {}

  insert(position: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    this.place(this.slots, position);
    this.count++;
  }

  /** Positions whose id hash is `hash` (ids that merely collide included: the caller compares ids). */
  find(hash: number): number[] {
    const found: number[] = [];
    const mask = this.slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const position = this.slots[i]!;
      if (position === 0) return found;
      if (this.hashOf(position) === hash) found.push(position);
    }
  }

  private place(slots: Uint32Array, position: number): void {
    const mask = slots.length - 1;
    let i = this.hashOf(position) & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = position;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (const position of old) if (position !== 0) this.place(this.slots, position);
  }
}
