import { encodeFrame, FrameError, FrameReader, type FrameLimits } from './frames.js';
import { sandboxMessage } from './sandbox-messages.js';
import type { SandboxMessage, SandboxWalls } from './sandbox-protocol.js';
import type { SpawnedSandbox } from './spawner.js';

/** Kept of what a sandbox prints (V8's out-of-memory report is what matters): the last this many characters. */
const ERROR_TAIL_CHARS = 8 * 1024;
/** A sandbox that has not said hello by then is not going to. */
const HELLO_TIMEOUT_MS = 30_000;

/** Why a channel ended: the process exited, or it broke the protocol (and was killed for it). */
export type ChannelEnd =
  | {
      readonly kind: 'exit';
      readonly code: number | null;
      readonly signal: string | null;
      readonly errors: string;
    }
  | { readonly kind: 'broken'; readonly reason: string };

/**
 * The host's end of the channel to one sandbox process: frames out, and frames in, cut with a size limit
 * and checked against the protocol (sandbox-messages.ts). A frame too large or malformed ends the channel
 * and kills the process: the host never buffers more than one frame of a sandbox's output and never
 * evaluates anything it sends beyond parsing bounded JSON.
 */
export class HostChannel {
  /** What the process says of its own walls, once it runs; rejects when it ends first. */
  readonly hello: Promise<SandboxWalls>;
  private readonly reader: FrameReader;
  private listener: ((message: SandboxMessage, body: Buffer) => void) | undefined;
  private endListener: ((end: ChannelEnd) => void) | undefined;
  private errors = '';
  private end: ChannelEnd | undefined;
  private greeted: ((walls: SandboxWalls) => void) | undefined;
  private refused: ((error: Error) => void) | undefined;

  constructor(
    readonly spawned: SpawnedSandbox,
    limits: FrameLimits,
  ) {
    this.reader = new FrameReader(limits);
    this.hello = new Promise<SandboxWalls>((resolve, reject) => {
      this.greeted = resolve;
      this.refused = reject;
    });
    this.hello.catch(() => undefined);
    const timer = setTimeout(() => this.broken('did not start (no hello within 30 s)'), HELLO_TIMEOUT_MS);
    timer.unref();
    void this.hello.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
    spawned.output.on('data', (bytes: Buffer) => this.take(bytes));
    spawned.errors?.setEncoding('utf8');
    spawned.errors?.on('data', (text: string) => {
      this.errors = (this.errors + text).slice(-ERROR_TAIL_CHARS);
    });
    spawned.onExit((code, signal) => {
      // What it printed last may still be on its way: let the pipes drain first.
      setImmediate(() => this.ended({ kind: 'exit', code, signal, errors: this.errors }));
    });
  }

  /** Receives every message after hello, with the frame's body. */
  onMessage(listener: (message: SandboxMessage, body: Buffer) => void): void {
    this.listener = listener;
  }

  /** Told once, when the channel ends (at once if it already has). */
  onEnd(listener: (end: ChannelEnd) => void): void {
    this.endListener = listener;
    if (this.end !== undefined) listener(this.end);
  }

  /** How the channel ended; undefined while it is open. */
  get closed(): ChannelEnd | undefined {
    return this.end;
  }

  send(header: Record<string, unknown>, body?: Buffer | string): void {
    if (this.end === undefined) this.spawned.send(encodeFrame(header, body));
  }

  kill(): void {
    this.spawned.kill('SIGKILL');
  }

  private take(bytes: Buffer): void {
    if (this.end !== undefined) return;
    try {
      for (const frame of this.reader.push(bytes)) {
        const message = sandboxMessage(frame.header);
        if (message.kind === 'hello') {
          this.greeted?.(message.walls);
          this.greeted = undefined;
        } else if (this.greeted !== undefined) {
          throw new FrameError(`a ${message.kind} message before it said hello`);
        } else this.listener?.(message, frame.body);
      }
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      this.broken(`sent ${error.message}`);
    }
  }

  private broken(reason: string): void {
    this.kill();
    this.ended({ kind: 'broken', reason });
  }

  private ended(end: ChannelEnd): void {
    if (this.end !== undefined) return;
    this.end = end;
    this.refused?.(new Error(describeEnd(end)));
    this.endListener?.(end);
  }
}

/**
 * An end in words, to follow "the projection's sandbox": "sent a message of 300 MB (at most 72 MB are
 * allowed); it was stopped", "exited (code 1)".
 */
export function describeEnd(end: ChannelEnd): string {
  if (end.kind === 'broken') return `${end.reason}; it was stopped`;
  if (end.signal !== null) return `was stopped (${end.signal})`;
  return `exited (code ${String(end.code)})`;
}
