import { encodeFrame, FrameReader, type Frame, type FrameLimits } from './frames.js';

/** Electron's utility process receives its host's messages here (Node's child process has no parentPort). */
interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
}

/**
 * The sandbox's side of its channel. Frames come in on stdin (a Node child process) or as messages on
 * Electron's parentPort (a utility process, whose stdin cannot be a pipe); frames go out on stdout in both,
 * so the host reads them as bytes it frames and bounds itself. Nothing else may be written to stdout.
 */
export class ChildChannel {
  private readonly reader: FrameReader;

  constructor(
    limits: FrameLimits,
    private readonly received: (frame: Frame) => void,
    /** The host is gone (stdin ended) or broke the framing: the process should end. */
    private readonly ended: (reason: string) => void,
  ) {
    this.reader = new FrameReader(limits);
    const parentPort = (process as { parentPort?: ParentPort }).parentPort;
    if (parentPort !== undefined) {
      parentPort.on('message', ({ data }) => {
        if (data instanceof Uint8Array) this.take(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
        else this.ended('the host sent something other than bytes');
      });
    } else {
      process.stdin.on('data', (bytes: Buffer) => this.take(bytes));
      process.stdin.on('end', () => this.ended('the host closed the channel'));
      process.stdin.on('error', () => this.ended('the channel failed'));
    }
  }

  send(header: Record<string, unknown>, body?: Buffer | string): void {
    for (const bytes of encodeFrame(header, body)) process.stdout.write(bytes);
  }

  private take(bytes: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.reader.push(bytes);
    } catch (error) {
      this.ended((error as Error).message);
      return;
    }
    for (const frame of frames) this.received(frame);
  }
}
