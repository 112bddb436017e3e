/**
 * Growable lists of 32-bit unsigned integers. The index holds several numbers per event for millions of
 * events; plain JS arrays would cost 8+ bytes an entry and GC time, typed arrays cost exactly 4.
 */

/** Below this many entries a list is a plain array: a typed array's own objects outweigh its savings. */
const SMALL_LIST = 32;

/**
 * The per-stream lists: most streams are short (an order, a journal day), a few are long. Short lists
 * are plain arrays of small integers; past SMALL_LIST entries a list turns into a Uint32Array that
 * grows by doubling. A warm open lays lists out at their exact size (`over`).
 */
export class U32List {
  private small: number[] | undefined = [];
  private items: Uint32Array | undefined;
  length = 0;

  /** A full list over `values` (shared with others; the first push past it copies). */
  static over(values: Uint32Array): U32List {
    const list = new U32List();
    list.small = undefined;
    list.items = values;
    list.length = values.length;
    return list;
  }

  push(value: number): void {
    if (this.small !== undefined) {
      if (this.length < SMALL_LIST) {
        this.small.push(value);
        this.length++;
        return;
      }
      this.items = Uint32Array.from(this.small);
      this.small = undefined;
    }
    let items = this.items!;
    if (this.length === items.length) {
      const grown = new Uint32Array(items.length * 2);
      grown.set(items);
      this.items = items = grown;
    }
    items[this.length++] = value;
  }

  get(index: number): number {
    return (this.small !== undefined ? this.small[index] : this.items?.[index])!;
  }

  get byteLength(): number {
    return this.small !== undefined ? this.small.length * 8 : (this.items?.byteLength ?? 0);
  }
}

const CHUNK_BITS = 14;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/** Fixed-size chunks, for the per-event lists: growth never copies and wastes at most one chunk. */
export class ChunkedU32List {
  private readonly chunks: Uint32Array[] = [];
  length = 0;

  push(value: number): void {
    const chunkIndex = this.length >>> CHUNK_BITS;
    let chunk = this.chunks[chunkIndex];
    if (chunk === undefined) {
      chunk = new Uint32Array(CHUNK_SIZE);
      this.chunks.push(chunk);
    }
    chunk[this.length & CHUNK_MASK] = value;
    this.length++;
  }

  get(index: number): number {
    return this.chunks[index >>> CHUNK_BITS]![index & CHUNK_MASK]!;
  }

  /** Copies the contents out, for the index cache. */
  toArray(): Uint32Array {
    const out = new Uint32Array(this.length);
    for (let i = 0; i < this.chunks.length; i++) {
      const chunk = this.chunks[i]!;
      const start = i * CHUNK_SIZE;
      out.set(chunk.subarray(0, Math.min(CHUNK_SIZE, this.length - start)), start);
    }
    return out;
  }

  /**
   * A list over `values`. Its full chunks are views of them, not copies: nothing ever writes into a full
   * chunk (push only fills the last), and a warm open then costs no copy of the index cache it read.
   */
  static fromArray(values: Uint32Array): ChunkedU32List {
    const list = new ChunkedU32List();
    const full = values.length >>> CHUNK_BITS;
    for (let c = 0; c < full; c++) list.chunks.push(values.subarray(c * CHUNK_SIZE, (c + 1) * CHUNK_SIZE));
    if ((values.length & CHUNK_MASK) !== 0) {
      const last = new Uint32Array(CHUNK_SIZE);
      last.set(values.subarray(full * CHUNK_SIZE));
      list.chunks.push(last);
    }
    list.length = values.length;
    return list;
  }

  get byteLength(): number {
    return this.chunks.length * CHUNK_SIZE * 4;
  }
}
