import { HostChannel } from './host-channel.js';
import { nodeSpawner } from './node-spawner.js';
import { MAX_HEADER_BYTES, maxBodyBytes, type SandboxArguments } from './sandbox-protocol.js';
import type { SandboxSpawner } from './spawner.js';

/** A spare nobody took in this long is stopped (it holds some 40 MB). */
const SPARE_IDLE_MS = 30_000;
/**
 * The spare starts once every taken process has had no work for this long. Starting a process costs a
 * few hundred ms of CPU: started at the take, it competed with the very rebuild it was taken for (two
 * cores: the host reading and piping the log, the sandbox folding it). The gaps between a catch-up's
 * pieces are a few ms, so a catch-up does not count as idle.
 */
const SPARE_AFTER_IDLE_MS = 100;

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
 * A spare has loaded no code: it takes its projection's code only once taken. The spare for the next
 * take is started once the processes taken have no work (see `working`), not at the take.
 */
export class SandboxPool {
  private spare: { key: string; channel: HostChannel; timer: NodeJS.Timeout } | undefined;
  /** The arguments of the last take: the spare to start once the taken processes are idle. */
  private wanted: { key: string; args: SandboxArguments } | undefined;
  /** Taken processes whose host has work for them (a take counts until its host says otherwise). */
  private readonly busy = new Set<HostChannel>();
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly spareWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    readonly spawner: SandboxSpawner = nodeSpawner,
    private readonly options: SandboxPoolOptions = {},
  ) {}

  /**
   * A sandbox process started with these limits; the caller owns it (and kills it when done), and tells
   * the pool through `working` when it has no work for it.
   */
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
    if (this.options.spare === true && args.plantHostRealm !== true && !this.closed) {
      this.wanted = { key, args };
    }
    this.working(channel, true);
    return channel;
  }

  /**
   * Whether the host of a taken process has work for it (requests it waits for); false too once the
   * process ended. The spare starts when no taken process has had work for a moment.
   */
  working(channel: HostChannel, busy: boolean): void {
    if (this.options.spare !== true) return;
    if (busy) {
      this.busy.add(channel);
      if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
      return;
    }
    this.busy.delete(channel);
    // A process that ended without its host saying so is not working any more.
    for (const taken of this.busy) if (taken.closed !== undefined) this.busy.delete(taken);
    if (this.wanted === undefined || this.idleTimer !== undefined || this.busy.size > 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      const wanted = this.wanted;
      if (wanted === undefined || this.busy.size > 0 || this.closed) return;
      this.wanted = undefined;
      this.prepare(wanted.key, wanted.args);
    }, SPARE_AFTER_IDLE_MS);
    this.idleTimer.unref();
  }

  /**
   * Resolves once the spare that is wanted has started (said hello, or failed to), at once when none is
   * wanted or the pool is closed. For measurements that must not count a spare's start in what follows.
   */
  async spareReady(): Promise<void> {
    // The spare's timers and process do not keep the host alive; whoever waits for it does.
    const alive = setInterval(() => undefined, 1_000);
    try {
      if (this.wanted !== undefined && !this.closed) {
        await new Promise<void>((resolve) => this.spareWaiters.push(resolve));
      }
      await this.spare?.channel.hello.catch(() => undefined);
    } finally {
      clearInterval(alive);
    }
  }

  /** Stops the spare; later takes start processes as they are needed, without spares. */
  close(): void {
    this.closed = true;
    this.wanted = undefined;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.dropSpare();
    this.wakeSpareWaiters();
  }

  private start(args: SandboxArguments): HostChannel {
    return new HostChannel(this.spawner(args), {
      headerBytes: MAX_HEADER_BYTES,
      bodyBytes: maxBodyBytes(args),
    });
  }

  private prepare(key: string, args: SandboxArguments): void {
    if (this.spare?.key !== key || this.spare.channel.closed !== undefined) {
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
    this.wakeSpareWaiters();
  }

  private wakeSpareWaiters(): void {
    for (const wake of this.spareWaiters.splice(0)) wake();
  }

  private dropSpare(): void {
    const spare = this.spare;
    this.spare = undefined;
    if (spare === undefined) return;
    clearTimeout(spare.timer);
    spare.channel.kill();
  }
}
