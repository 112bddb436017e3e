/**
 * The framing of the channel between a host and its sandbox process: each message is a frame of
 *
 *   u32 header length | u32 body length | header (UTF-8 JSON object) | body (bytes)
 *
 * lengths big-endian. The header says what the message is; the body carries bulk bytes as they are (log
 * lines to the sandbox, a state's JSON text back), so nothing large is escaped into JSON or parsed twice.
 * A reader is given limits and refuses a frame past them before buffering it: a sandbox that went rogue
 * cannot make its host hold more than one frame's worth of its output.
 */

const PREFIX_BYTES = 8;

export interface Frame {
  readonly header: Record<string, unknown>;
  readonly body: Buffer;
}

export interface FrameLimits {
  /** Largest header, in bytes. */
  readonly headerBytes: number;
  /** Largest body, in bytes. */
  readonly bodyBytes: number;
}

/** A frame that breaks the channel's rules: the other side is not to be believed any more. */
export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

/** The bytes of one frame: the prefix and header in one buffer, then the body (not copied). */
export function encodeFrame(header: Record<string, unknown>, body?: Buffer | string): Buffer[] {
  const headerBytes = Buffer.from(JSON.stringify(header));
  const bodyBytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  const prefix = Buffer.allocUnsafe(PREFIX_BYTES + headerBytes.length);
  prefix.writeUInt32BE(headerBytes.length, 0);
  prefix.writeUInt32BE(bodyBytes?.length ?? 0, 4);
  headerBytes.copy(prefix, PREFIX_BYTES);
  return bodyBytes === undefined || bodyBytes.length === 0 ? [prefix] : [prefix, bodyBytes];
}

/** Cuts a byte stream into frames; `push` throws FrameError at the first frame that breaks the limits. */
export class FrameReader {
  private readonly pieces: Buffer[] = [];
  private buffered = 0;
  /** The lengths of the frame being read, once its prefix is in. */
  private expected: { header: number; body: number } | undefined;

  constructor(private readonly limits: FrameLimits) {}

  /** Adds bytes; returns the frames they complete, in order. */
  push(bytes: Buffer): Frame[] {
    if (bytes.length > 0) {
      this.pieces.push(bytes);
      this.buffered += bytes.length;
    }
    const frames: Frame[] = [];
    for (;;) {
      if (this.expected === undefined) {
        if (this.buffered < PREFIX_BYTES) return frames;
        const prefix = this.take(PREFIX_BYTES);
        this.expected = this.lengths(prefix.readUInt32BE(0), prefix.readUInt32BE(4));
      }
      const { header, body } = this.expected;
      if (this.buffered < header + body) return frames;
      this.expected = undefined;
      frames.push({ header: parseHeader(this.take(header)), body: this.take(body) });
    }
  }

  /** Bytes held for a frame not complete yet (a channel that ends with some was cut mid-frame). */
  get pending(): number {
    return this.buffered + (this.expected === undefined ? 0 : PREFIX_BYTES);
  }

  private lengths(header: number, body: number): { header: number; body: number } {
    if (header === 0 || header > this.limits.headerBytes) {
      throw new FrameError(
        `a message header of ${header} bytes (at most ${this.limits.headerBytes} are allowed)`,
      );
    }
    if (body > this.limits.bodyBytes) {
      throw new FrameError(
        `a message of ${megabytes(body)} (at most ${megabytes(this.limits.bodyBytes)} are allowed)`,
      );
    }
    return { header, body };
  }

  /** The next `count` buffered bytes, copied only when they span pieces. */
  private take(count: number): Buffer {
    if (count === 0) return Buffer.alloc(0);
    const first = this.pieces[0]!;
    let taken: Buffer;
    if (first.length >= count) {
      taken = first.subarray(0, count);
      if (first.length === count) this.pieces.shift();
      else this.pieces[0] = first.subarray(count);
    } else {
      taken = Buffer.allocUnsafe(count);
      let filled = 0;
      while (filled < count) {
        const piece = this.pieces[0]!;
        const used = Math.min(piece.length, count - filled);
        piece.copy(taken, filled, 0, used);
        filled += used;
        if (used === piece.length) this.pieces.shift();
        else this.pieces[0] = piece.subarray(used);
      }
    }
    this.buffered -= count;
    return taken;
  }
}

function parseHeader(bytes: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new FrameError('a message header that is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FrameError('a message header that is not a JSON object');
  }
  return value as Record<string, unknown>;
}

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1).replace(/\.0$/, '') : Math.round(mb)} MB`;
}
