import type MiniSearch from 'minisearch';

/**
 * The messages a term occurs in, with how often (MiniSearch's `Map<shortId, count>` for one term and one
 * field), held as one number per message in an array in id order instead of a Map. A journal of 100,000
 * messages has millions of these (term, message) pairs; a Map costs 40 to 60 bytes for each, this 8 (plus
 * room to grow), which is most of the search worker's memory. The array stays on the JavaScript heap
 * (typed arrays would put millions of small buffers in malloc, where freed ones are not given back).
 * MiniSearch hands out short ids in increasing order, so adding a message appends; looking one up is a
 * binary search, and the lookup MiniSearch makes right after iterating to a key is found at the cursor.
 *
 * A slot is `id * 32 + count`; a count of 31 or more is kept beside, in `large`. A removed pair keeps its
 * slot with count 0, because MiniSearch removes pairs while it iterates (a Map allows that); removed
 * slots are swept out when pairs are added, which MiniSearch never does while iterating.
 */
export class Postings implements Map<number, number> {
  private slots: number[] = [];
  private large: Map<number, number> | undefined;
  private removed = 0;
  private cursor = 0;

  static of(entries: Iterable<readonly [number, number]>): Postings {
    const postings = new Postings();
    for (const [id, count] of entries) postings.set(id, count);
    return postings;
  }

  get size(): number {
    return this.slots.length - this.removed;
  }

  readonly [Symbol.toStringTag] = 'Postings';

  get(id: number): number | undefined {
    const at = this.find(id);
    return at < 0 ? undefined : this.countAt(at, id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, count: number): this {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`a term count must be a positive integer, not ${count}`);
    }
    if (!Number.isInteger(id) || id < 0 || id >= 2 ** 47) {
      throw new RangeError(`a document's short id must be a natural number, not ${id}`);
    }
    let at = this.find(id);
    if (at < 0) {
      this.sweep();
      const last = this.slots.length === 0 ? -1 : idOf(this.slots[this.slots.length - 1]!);
      if (id > last) {
        at = this.slots.length;
        this.slots.push(id * SLOT);
      } else {
        at = this.lowerBound(id);
        this.slots.splice(at, 0, id * SLOT);
      }
    } else if (this.slots[at]! % SLOT === 0) {
      this.removed--;
    }
    if (count < LARGE) {
      this.slots[at] = id * SLOT + count;
      this.large?.delete(id);
    } else {
      this.slots[at] = id * SLOT + LARGE;
      (this.large ??= new Map()).set(id, count);
    }
    return this;
  }

  delete(id: number): boolean {
    const at = this.find(id);
    if (at < 0 || this.slots[at]! % SLOT === 0) return false;
    this.slots[at] = id * SLOT;
    this.large?.delete(id);
    this.removed++;
    return true;
  }

  clear(): void {
    this.slots = [];
    this.large = undefined;
    this.removed = 0;
    this.cursor = 0;
  }

  *entries(): MapIterator<[number, number]> {
    // By slot, re-read each time: pairs removed during the iteration are skipped, none is moved.
    for (let at = 0; at < this.slots.length; at++) {
      const slot = this.slots[at]!;
      if (slot % SLOT === 0) continue;
      this.cursor = at;
      const id = idOf(slot);
      yield [id, this.countAt(at, id)!];
    }
  }

  // keys() and values() walk the slots themselves: MiniSearch scores a query by iterating keys(), and a
  // pair allocated for each of tens of thousands of postings would be most of that time.
  *keys(): MapIterator<number> {
    for (let at = 0; at < this.slots.length; at++) {
      const slot = this.slots[at]!;
      if (slot % SLOT === 0) continue;
      this.cursor = at;
      yield idOf(slot);
    }
  }

  *values(): MapIterator<number> {
    for (let at = 0; at < this.slots.length; at++) {
      const slot = this.slots[at]!;
      if (slot % SLOT === 0) continue;
      this.cursor = at;
      yield this.countAt(at, idOf(slot))!;
    }
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }

  forEach(callback: (value: number, key: number, map: Map<number, number>) => void, thisArg?: unknown): void {
    for (const [id, count] of this.entries()) callback.call(thisArg, count, id, this);
  }

  /** The count in slot `at` (of `id`), or undefined when the pair was removed. */
  private countAt(at: number, id: number): number | undefined {
    const count = this.slots[at]! % SLOT;
    if (count === 0) return undefined;
    return count === LARGE ? this.large?.get(id) : count;
  }

  /** The slot of `id` (its pair may be removed: count 0), or -1. */
  private find(id: number): number {
    const { slots } = this;
    let at: number;
    if (this.cursor < slots.length && idOf(slots[this.cursor]!) === id) at = this.cursor;
    else if (slots.length > 0 && idOf(slots[slots.length - 1]!) === id) at = slots.length - 1;
    else at = this.lowerBound(id);
    return at < slots.length && idOf(slots[at]!) === id ? at : -1;
  }

  /** The first slot whose id is not below `id`. */
  private lowerBound(id: number): number {
    let low = 0;
    let high = this.slots.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (idOf(this.slots[mid]!) < id) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Cuts the removed pairs out once they are a quarter of the slots. */
  private sweep(): void {
    if (this.removed === 0 || this.removed * 4 < this.slots.length) return;
    this.slots = this.slots.filter((slot) => slot % SLOT !== 0);
    this.removed = 0;
    this.cursor = 0;
  }
}

/** A slot holds the id times this plus the count (below LARGE), exactly, as a double holds 53 bits. */
const SLOT = 32;
const LARGE = SLOT - 1;
const idOf = (slot: number): number => Math.floor(slot / SLOT);

type FieldTermData = Map<number, Map<number, number>>;

interface MiniSearchInternals {
  readonly _index: Iterable<[string, FieldTermData]> & {
    fetch(term: string, create: () => FieldTermData): FieldTermData;
  };
  addTerm?: unknown;
}

/**
 * Makes a MiniSearch keep its postings as Postings: those it has now (an index loaded from the cache) and
 * those it adds (MiniSearch's `addTerm`, which otherwise creates a Map, is replaced on this instance).
 * Searching, removing and saving work unchanged: they use only what a Map offers. This reaches into
 * MiniSearch's 7.x fields; with a version that lays them out otherwise it throws rather than half work.
 */
export function withCompactPostings<T>(search: MiniSearch<T>): MiniSearch<T> {
  const internals = search as unknown as MiniSearchInternals;
  if (typeof internals.addTerm !== 'function' || typeof internals._index?.fetch !== 'function') {
    throw new Error('the search index needs MiniSearch 7: this version lays out its data differently');
  }
  for (const [, fields] of internals._index) {
    for (const [fieldId, freqs] of fields) {
      if (!(freqs instanceof Postings)) fields.set(fieldId, Postings.of(freqs));
    }
  }
  const addTerm = (fieldId: number, documentId: number, term: string): void => {
    const fields = internals._index.fetch(term, () => new Map());
    const freqs = fields.get(fieldId);
    if (freqs === undefined) fields.set(fieldId, Postings.of([[documentId, 1]]));
    else freqs.set(documentId, (freqs.get(documentId) ?? 0) + 1);
  };
  Object.defineProperty(search, 'addTerm', { value: addTerm });
  return search;
}
