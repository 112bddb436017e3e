import { HostChannel } from './host-channel.js';
import { nodeSpawner } from './node-spawner.js';
import { MAX_HEADER_BYTES, maxBodyBytes, type SandboxArguments } from './sandbox-protocol.js';
import type { SandboxSpawner } from './spawner.js';

/** A spare nobody took in this long is stopped (it holds some 40 MB). */
const SPARE_IDLE_MS = 30_000;

export interface SandboxPoolOptions {
  /**
   * Keep one started process ready after the first is taken, so that the next projection (a rebuild, a
   * what-if, time travel after a fault) does not wait for a process to start. Off for a one-shot host
   * such as `eventfold project`.
   */
  readonly spare?: boolean;
}

/**
 * Where projection hosts get their sandbox processes: started by the spawner the host was given (Node's
 * child processes, or Electron's utility processes in the desktop app), with a warm spare when asked.
 * A spare has loaded no code: it takes its projection's code only once taken.
 */
export class SandboxPool {
  private spare: { key: string; channel: HostChannel; timer: NodeJS.Timeout } | undefined;
  private closed = false;

  constructor(
    readonly spawner: SandboxSpawner = nodeSpawner,
    private readonly options: SandboxPoolOptions = {},
  ) {}

  /** A sandbox process started with these limits; the caller owns it (and kills it when done). */
  take(args: SandboxArguments): HostChannel {
    const key = JSON.stringify(args);
    const spare = this.spare;
    let channel: HostChannel;
    if (spare?.key === key && spare.channel.closed === undefined) {
      this.spare = undefined;
      clearTimeout(spare.timer);
      channel = spare.channel;
      channel.spawned.ref();
    } else channel = this.start(args);
    // A test's planted sandbox is never the template for a spare.
    if (this.options.spare === true && args.plantHostRealm !== true && !this.closed) this.prepare(key, args);
    return channel;
  }

  /** Stops the spare; later takes start processes as they are needed, without spares. */
  close(): void {
    this.closed = true;
    this.dropSpare();
  }

  private start(args: SandboxArguments): HostChannel {
    return new HostChannel(this.spawner(args), {
      headerBytes: MAX_HEADER_BYTES,
      bodyBytes: maxBodyBytes(args),
    });
  }

  private prepare(key: string, args: SandboxArguments): void {
    if (this.spare?.key === key && this.spare.channel.closed === undefined) return;
    this.dropSpare();
    const channel = this.start(args);
    // A spare must not keep the host process alive.
    channel.spawned.unref();
    const timer = setTimeout(() => this.dropSpare(), SPARE_IDLE_MS);
    timer.unref();
    this.spare = { key, channel, timer };
    channel.onEnd(() => {
      if (this.spare?.channel === channel) {
        clearTimeout(this.spare.timer);
        this.spare = undefined;
      }
    });
  }

  private dropSpare(): void {
    const spare = this.spare;
    this.spare = undefined;
    if (spare === undefined) return;
    clearTimeout(spare.timer);
    spare.channel.kill();
  }
}
