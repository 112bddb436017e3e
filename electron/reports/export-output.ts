import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { ReportError } from './report-error.js';

/** Bytes gathered before a write: big writes keep a 1M-event export near the disk's speed. */
const FLUSH_BYTES = 1 << 20;

/**
 * Where an export goes: a file (written beside its final name and renamed into place once complete, so a
 * failed or cancelled export never leaves a half file under the name asked for) or a stream (stdout).
 * Everything written through `write` counts towards the content hash; the stamp's own line does not.
 */
export abstract class ExportOutput {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly content: Hash = createHash('sha256');
  /** Bytes written so far (the content, and the stamp once written). */
  written = 0;

  /** True when the stamp may be written over a space reserved at the start (see reserve). */
  abstract readonly seekable: boolean;

  /** Content: hashed, buffered. */
  async write(chunk: string | Buffer): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.content.update(bytes);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  /** The stamp's line: written in place, not hashed. */
  async writeStamp(line: string): Promise<void> {
    this.pending.push(Buffer.from(line, 'utf8'));
    this.pendingBytes += line.length;
    await this.flush();
  }

  contentSha256(): string {
    return this.content.copy().digest('hex');
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const bytes = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.put(bytes);
    this.written += bytes.length;
  }

  /** Writes the stamp's line over the space reserved at offset 0 (seekable outputs only). */
  abstract writeAtStart(line: string): Promise<void>;
  protected abstract put(bytes: Buffer): Promise<void>;
  /** Makes the output final (a file gets its name). */
  abstract commit(): Promise<void>;
  /** Gives up: a file's partial bytes are removed. */
  abstract abort(): Promise<void>;
}

/** A file written as NAME.partial beside the destination, renamed into place on commit. */
export class FileOutput extends ExportOutput {
  readonly seekable = true;
  private readonly partial: string;

  private constructor(
    readonly destination: string,
    private readonly handle: fs.FileHandle,
    partial: string,
  ) {
    super();
    this.partial = partial;
  }

  static async create(destination: string): Promise<FileOutput> {
    const absolute = path.resolve(destination);
    const partial = path.join(path.dirname(absolute), `.${path.basename(absolute)}.${process.pid}.partial`);
    try {
      return new FileOutput(absolute, await fs.open(partial, 'w'), partial);
    } catch (error) {
      throw new ReportError(
        'WriteFailed',
        `Cannot write ${destination}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  }

  async writeAtStart(line: string): Promise<void> {
    await this.flush();
    await this.handle.write(line, 0, 'utf8');
  }

  protected async put(bytes: Buffer): Promise<void> {
    await this.handle.write(bytes);
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.handle.close();
    await fs.rename(this.partial, this.destination);
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await fs.rm(this.partial, { force: true });
  }
}

/** A stream such as stdout: written in order, waiting when it is full. */
export class StreamOutput extends ExportOutput {
  readonly seekable = false;

  constructor(private readonly stream: Writable) {
    super();
  }

  writeAtStart(): Promise<void> {
    return Promise.reject(new Error('a stream cannot be written at its start again'));
  }

  protected put(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }

  async commit(): Promise<void> {
    await this.flush();
  }

  abort(): Promise<void> {
    return Promise.resolve();
  }
}
