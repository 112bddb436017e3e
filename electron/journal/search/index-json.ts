import type MiniSearch from 'minisearch';

/**
 * MiniSearch's own serialization (`JSON.stringify(index.toJSON())`), produced in pieces. `toJSON()` builds
 * the whole index again as plain objects and the string of it is written at once: for 100,000 messages
 * that is a few hundred MB on top of the index for the seconds a save takes (and what the worker's
 * memory peaks at). Here the terms are turned into JSON a slice at a time, so a save holds one slice
 * beside the index. The output is byte for byte what `toJSON()` gives (a unit test holds it to that), so
 * `MiniSearch.loadJS` reads it as before.
 *
 * It reads MiniSearch's fields (the 7.x layout): if a version changes them, a save fails with this error
 * (and the index is rebuilt from the log on the next open), it never writes something that loads wrong.
 */
interface MiniSearchFields {
  readonly _index: Iterable<[string, Map<number, Map<number, number>>]>;
  readonly _documentCount: number;
  readonly _nextId: number;
  readonly _documentIds: Map<number, unknown>;
  readonly _fieldIds: Record<string, number>;
  readonly _fieldLength: Map<number, number[]>;
  readonly _avgFieldLength: number[];
  readonly _storedFields: Map<number, unknown>;
  readonly _dirtCount: number;
}

/**
 * Postings turned into JSON at once, at most (unless one term has more): about half a megabyte of text.
 * Counted in postings, not terms, because a common word alone occurs in most messages.
 */
const POSTINGS_A_SLICE = 50_000;

function fieldsOf<T>(index: MiniSearch<T>): MiniSearchFields {
  const fields = index as unknown as Partial<MiniSearchFields>;
  if (
    fields._index === undefined ||
    !(fields._documentIds instanceof Map) ||
    !(fields._fieldLength instanceof Map) ||
    !(fields._storedFields instanceof Map) ||
    typeof fields._documentCount !== 'number'
  ) {
    throw new Error(
      'the search index cannot be saved: this MiniSearch version lays out its data differently',
    );
  }
  return fields as MiniSearchFields;
}

/** The index as JSON text, in pieces that joined are `JSON.stringify(index.toJSON())`. */
export function* indexJsonPieces<T>(
  index: MiniSearch<T>,
  postingsASlice = POSTINGS_A_SLICE,
): Generator<string> {
  const fields = fieldsOf(index);
  yield '{"documentCount":';
  yield JSON.stringify(fields._documentCount);
  yield ',"nextId":';
  yield JSON.stringify(fields._nextId);
  yield ',"documentIds":';
  yield JSON.stringify(Object.fromEntries(fields._documentIds));
  yield ',"fieldIds":';
  yield JSON.stringify(fields._fieldIds);
  yield ',"fieldLength":';
  yield JSON.stringify(Object.fromEntries(fields._fieldLength));
  yield ',"averageFieldLength":';
  yield JSON.stringify(fields._avgFieldLength);
  yield ',"storedFields":';
  yield JSON.stringify(Object.fromEntries(fields._storedFields));
  yield ',"dirtCount":';
  yield JSON.stringify(fields._dirtCount);
  yield ',"index":[';
  let slice: [string, Record<number, Record<number, number>>][] = [];
  let postings = 0;
  let first = true;
  const flush = (): string => {
    const text = JSON.stringify(slice);
    const piece = `${first ? '' : ','}${text.slice(1, -1)}`;
    first = false;
    slice = [];
    postings = 0;
    return piece;
  };
  for (const [term, fieldIndex] of fields._index) {
    let size = 0;
    for (const freqs of fieldIndex.values()) size += freqs.size;
    if (postings > 0 && postings + size > postingsASlice) yield flush();
    const data: Record<number, Record<number, number>> = {};
    for (const [fieldId, freqs] of fieldIndex) data[fieldId] = Object.fromEntries(freqs);
    slice.push([term, data]);
    postings += size;
  }
  if (slice.length > 0) yield flush();
  yield '],"serializationVersion":2}';
}

/** Rows as a JSON array, in pieces of `perPiece` rows (joined: `JSON.stringify(rows)`). */
export function* arrayJsonPieces<R>(rows: Iterable<R>, perPiece = 1_000): Generator<string> {
  yield '[';
  let slice: R[] = [];
  let first = true;
  const flush = (): string => {
    const piece = `${first ? '' : ','}${JSON.stringify(slice).slice(1, -1)}`;
    first = false;
    slice = [];
    return piece;
  };
  for (const row of rows) {
    slice.push(row);
    if (slice.length >= perPiece) yield flush();
  }
  if (slice.length > 0) yield flush();
  yield ']';
}
