/** Stream ids are any non-empty Unicode string up to this many UTF-8 bytes; they never become file paths. */
export const MAX_STREAM_ID_BYTES = 512;

/** Event types are non-empty strings up to this many UTF-8 bytes. */
export const MAX_EVENT_TYPE_BYTES = 256;

/** One stored line (the whole event with its envelope) may be at most this many bytes. */
export const MAX_EVENT_BYTES = 1024 * 1024;

/** As in EventStoreDB: the category of `order-42` is `order`; a stream without '-' is its own category. */
export function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}

/** UTF-8 byte length without allocating (shared/ may not use Buffer or TextEncoder). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
