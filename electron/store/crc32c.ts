import { createRequire } from 'node:module';

/**
 * CRC-32C (Castagnoli). The native implementation uses the CPU's CRC instruction and is what keeps
 * checksumming out of the way of disk speed; the table-driven fallback keeps folders readable on a
 * platform the native package has no binary for. Both give identical results (a test checks it).
 */
export type Crc32c = (bytes: Uint8Array) => number;

const TABLES = buildTables();

function buildTables(): Uint32Array[] {
  const tables: Uint32Array[] = [];
  const first = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    first[n] = c >>> 0;
  }
  tables.push(first);
  for (let t = 1; t < 8; t++) {
    const prev = tables[t - 1]!;
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      const p = prev[n]!;
      table[n] = ((p >>> 8) ^ first[p & 0xff]!) >>> 0;
    }
    tables.push(table);
  }
  return tables;
}

/** Slicing-by-8 software CRC-32C. */
export const crc32cPortable: Crc32c = (bytes) => {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  let crc = 0xffffffff;
  let i = 0;
  const end8 = bytes.length - (bytes.length % 8);
  while (i < end8) {
    const a =
      (crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>> 0;
    crc =
      t7[a & 0xff]! ^
      t6[(a >>> 8) & 0xff]! ^
      t5[(a >>> 16) & 0xff]! ^
      t4[a >>> 24]! ^
      t3[bytes[i + 4]!]! ^
      t2[bytes[i + 5]!]! ^
      t1[bytes[i + 6]!]! ^
      t0[bytes[i + 7]!]!;
    i += 8;
  }
  while (i < bytes.length) crc = t0[(crc ^ bytes[i++]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

function loadNative(): Crc32c | undefined {
  try {
    const require = createRequire(import.meta.url);
    const native = require('@node-rs/crc32') as { crc32c: (input: Uint8Array, initial?: number) => number };
    if (native.crc32c(Buffer.from('123456789')) !== 0xe3069283) return undefined;
    return (bytes) => native.crc32c(bytes);
  } catch {
    return undefined;
  }
}

export const crc32c: Crc32c = loadNative() ?? crc32cPortable;
