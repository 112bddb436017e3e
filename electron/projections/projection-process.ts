import type { CheckedChunk } from '../store/index.js';
import { checkProjectionCode, CodeRefused } from './code-check.js';
import { ProjectionFault } from './projection-fault.js';
import { describeEnd, type ChannelEnd, type HostChannel } from './sandbox/host-channel.js';
import { MemoryWatch } from './sandbox/memory-watch.js';
import { firstLinesApart } from './first-lines.js';
import {
  foldAnswerWithState,
  foldOutcome,
  stateAnswer,
  type FoldAnswer,
} from './sandbox/sandbox-messages.js';
import { hardLimitMb } from './sandbox/node-spawner.js';
import { SandboxPool } from './sandbox/sandbox-pool.js';
import { STATE_SERIALISATION_MS } from './sandbox/sandbox-protocol.js';
import type {
  FoldTarget,
  ProjectionShape,
  SandboxCode,
  SandboxFault,
  SandboxMessage,
  SandboxRequest,
  SandboxWalls,
} from './sandbox/sandbox-protocol.js';
import type { SpawnWalls } from './sandbox/spawner.js';

export type { FoldAnswer } from './sandbox/sandbox-messages.js';

export interface WorkerLimits {
  /** Each handler gets at least this long; one still running at twice this is faulted. Default 1,000 ms. */
  readonly eventTimeoutMs?: number;
  /** Memory of the projection's process (heap, ArrayBuffers, everything), in MiB. Default 512. */
  readonly memoryMb?: number;
  /** The largest state the projection may hold, as JSON, in MiB. Default 64. */
  readonly maxStateMb?: number;
  /** Where its process comes from (default: Node child processes, with a warm spare). */
  readonly sandbox?: SandboxPool;
}

/** Tests only: options no folder, command line or contract request can set. */
export interface SandboxTestOptions {
  /** Put an object of the sandbox process's own realm into the context (see SandboxArguments). */
  readonly plantHostRealm?: boolean;
  /** Send the code without the parser's check, to test the walls behind it. */
  readonly skipCodeCheck?: boolean;
}

/** Where a projection's lines come from: the store's checked read. */
export interface LineSource {
  readCheckedLines(from: number, to: number): AsyncGenerator<CheckedChunk>;
}

/** Beyond the handlers' own limit: a sandbox silent this much longer is stuck where the vm cannot stop it. */
const WATCHDOG_GRACE_MS = 10_000;
/** A sandbox interrupted for its memory that has not ended by then is killed. */
const INTERRUPT_GRACE_MS = 1_000;

let defaultPool: SandboxPool | undefined;

/** The pool of hosts that were given none: Node child processes with a warm spare. */
export function defaultSandboxPool(): SandboxPool {
  defaultPool ??= new SandboxPool(undefined, { spare: true });
  return defaultPool;
}

interface Pending {
  readonly op: SandboxRequest['op'];
  readonly target: FoldTarget | undefined;
  /** A fold that announces each event: a fault without one is still exact. */
  readonly announce: boolean;
  readonly resolve: (value: Buffer) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A target's lines as the host reads them for it, from the position after the last it sent up to `until`.
 * It outlives a fold when asked to read ahead (a catch-up folds the log in pieces, one a snapshot): the next
 * piece's lines are then already read and sent, queued in the sandbox, so that the sandbox does not sit idle
 * at every snapshot while the host reads and pipes the first chunk of the next piece.
 */
interface Feed {
  readonly lines: AsyncGenerator<CheckedChunk>;
  readonly until: number;
  next: Promise<IteratorResult<CheckedChunk>> | undefined;
  /** The lines of the first chunk after its head (see first-lines.ts): what the next 'more' gets. */
  rest: CheckedChunk | undefined;
  /** A chunk has been sent (the first one goes in two frames). */
  sent: boolean;
}

/**
 * One projection's sandbox process, seen from its host. The host reads the log through the store's
 * checked path and feeds the lines; the process folds them and answers. A fault of the projection (a
 * throw, the time limit, too much memory, a state that cannot be kept, a process that breaks the protocol
 * or stops answering) rejects with a ProjectionFault naming the event when it is known; only this process
 * dies, so other projections and the host go on.
 */
export class ProjectionProcess {
  private readonly pending = new Map<number, Pending>();
  private readonly feeds: Record<FoldTarget, Feed | undefined> = { live: undefined, scratch: undefined };
  /** Where each target's current (or last) fold stops. */
  private readonly foldTo: Record<FoldTarget, number> = { live: 0, scratch: 0 };
  /** The last position sent to each fold: where its next lines start. */
  private readonly fed: Record<FoldTarget, number> = { live: 0, scratch: 0 };
  private nextId = 1;
  private dead: ProjectionFault | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private progressListener: ((position: number) => void) | undefined;
  /** Every fold announces its events (see SandboxRequest): set while finding the event of a crash. */
  announcing = false;
  /** How far each fold is known to have come (for a fault the sandbox could not name the event of). */
  private readonly known: Record<FoldTarget, number> = { live: 0, scratch: 0 };
  private memoryFault: string | undefined;
  private readonly memory: MemoryWatch;

  private constructor(
    readonly name: string,
    private readonly channel: HostChannel,
    private readonly pool: SandboxPool,
    private readonly lines: LineSource,
    private readonly limits: { eventTimeoutMs: number; memoryMb: number },
    readonly shape: ProjectionShape,
    /** What the process reported of its walls, and what it was started inside. */
    readonly walls: SandboxWalls & SpawnWalls,
  ) {
    channel.onMessage((message, body) => this.received(message, body));
    channel.onEnd((end) => this.ended(end));
    this.memory = new MemoryWatch(channel.spawned.processId(), limits.memoryMb * 1024 * 1024, () =>
      this.overMemory(),
    );
  }

  /** Starts a process and loads the code; refused code or a load failure (no projection defined) is a fault. */
  static async start(
    name: string,
    lines: LineSource,
    code: SandboxCode,
    limits: WorkerLimits = {},
    test: SandboxTestOptions = {},
  ): Promise<ProjectionProcess> {
    if (code.kind === 'user' && test.skipCodeCheck !== true) {
      try {
        checkProjectionCode(code.text, code.filename);
      } catch (error) {
        if (error instanceof CodeRefused) throw new ProjectionFault(name, null, error.message);
        throw error;
      }
    }
    const eventTimeoutMs = limits.eventTimeoutMs ?? 1_000;
    const memoryMb = limits.memoryMb ?? 512;
    const pool = limits.sandbox ?? defaultSandboxPool();
    const channel = pool.take({
      eventTimeoutMs,
      memoryMb,
      maxStateBytes: (limits.maxStateMb ?? 64) * 1024 * 1024,
      ...(test.plantHostRealm === true ? { plantHostRealm: true } : {}),
    });
    try {
      const walls = { ...(await channel.hello), ...channel.spawned.walls };
      const ready = await new Promise<Extract<SandboxMessage, { kind: 'ready' }>>((resolve, reject) => {
        channel.onMessage((message) => {
          if (message.kind === 'ready') resolve(message);
          else reject(new Error(`sent a ${message.kind} message before it loaded`));
        });
        channel.onEnd((end) => reject(new Error(describeEnd(end))));
        // Top-level code has the vm's time limit; this is for a process stuck where that cannot reach.
        const timer = setTimeout(
          () => reject(new Error('did not finish loading (stuck where its time limit cannot reach)')),
          eventTimeoutMs * 2 + WATCHDOG_GRACE_MS,
        );
        timer.unref();
        if (code.kind === 'user')
          channel.send({ op: 'load', code: { kind: 'user', filename: code.filename } }, code.text);
        else channel.send({ op: 'load', code });
      });
      if ('fault' in ready) throw new ProjectionFault(name, null, ready.fault.message);
      const started = new ProjectionProcess(
        name,
        channel,
        pool,
        lines,
        { eventTimeoutMs, memoryMb },
        ready.shape,
        walls,
      );
      pool.working(channel, false);
      return started;
    } catch (error) {
      channel.kill();
      pool.working(channel, false);
      if (error instanceof ProjectionFault) throw error;
      throw new ProjectionFault(name, null, `the projection's sandbox ${(error as Error).message}`);
    }
  }

  /** Folds events after the target's position up to `to` (inclusive). */
  async fold(
    target: FoldTarget,
    to: number,
    options: {
      readonly watch?: { readonly path: readonly (string | number)[]; readonly limit: number };
      readonly holesAfter?: number;
      readonly announce?: boolean;
      /** Read the lines on past `to`, up to here: the next fold of the target goes on from `to`. */
      readonly readAhead?: number;
      /** Answer with the state too (checked as `state` checks it). */
      readonly withState?: boolean;
    } = {},
  ): Promise<FoldAnswer> {
    const { readAhead, ...sent } = options;
    const request: SandboxRequest = {
      op: 'fold',
      target,
      to,
      ...sent,
      ...(this.announcing ? { announce: true } : {}),
    };
    this.foldTo[target] = to;
    const until = Math.max(to, readAhead ?? to);
    const current = this.feeds[target];
    // Lines already read ahead for this target continue where it stands; otherwise a read starts there.
    if (current === undefined || current.until < to) {
      this.dropFeed(target);
      const lines = this.lines.readCheckedLines(this.fed[target] + 1, until);
      // Read at once, while the request travels: the sandbox asks for these lines first thing.
      const next = lines.next();
      next.catch(() => undefined);
      this.feeds[target] = { lines, until, next, rest: undefined, sent: false };
    }
    try {
      const body = await this.request(request);
      let answer: FoldAnswer;
      try {
        answer = request.withState === true ? foldAnswerWithState(body) : foldOutcome(body);
      } catch (error) {
        throw this.broken(`sent ${(error as Error).message}`);
      }
      this.known[target] = answer.position;
      return answer;
    } finally {
      // A feed that reads no further than this fold has done its work (or the fold stopped early).
      if ((this.feeds[target]?.until ?? Infinity) <= to) this.dropFeed(target);
    }
  }

  private dropFeed(target: FoldTarget): void {
    const feed = this.feeds[target];
    this.feeds[target] = undefined;
    void feed?.lines.return(undefined);
  }

  /** Sets a fold's state (JSON text, or null for the initial state) and position. */
  async reset(target: FoldTarget, state: string | null, position: number): Promise<void> {
    // Lines read for the old state do not follow the new one (the sandbox drops what it queued of them).
    this.dropFeed(target);
    this.fed[target] = position;
    this.known[target] = position;
    await this.request({ op: 'reset', target, hasState: state !== null, position }, state ?? undefined);
  }

  /** A fold's state as JSON text (checked in the sandbox: plain JSON, not larger than the limit). */
  async state(target: FoldTarget): Promise<string> {
    const body = await this.request({ op: 'state', target });
    try {
      return stateAnswer(body);
    } catch (error) {
      throw this.broken(`answered with ${(error as Error).message}`);
    }
  }

  /** Events every fold passes over (skipped after a fault). */
  async skips(positions: readonly number[]): Promise<void> {
    await this.request({ op: 'skips', positions });
  }

  onProgress(listener: ((position: number) => void) | undefined): void {
    this.progressListener = listener;
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  async terminate(): Promise<void> {
    this.died(new ProjectionFault(this.name, null, 'the projection was stopped'));
    this.channel.kill();
    await new Promise<void>((resolve) => {
      if (this.channel.closed !== undefined) resolve();
      else this.channel.onEnd(() => resolve());
    });
  }

  private request(request: SandboxRequest, body?: string): Promise<Buffer> {
    if (this.dead !== undefined) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        op: request.op,
        target: 'target' in request ? request.target : undefined,
        announce: request.op === 'fold' && request.announce === true,
        resolve,
        reject,
      });
      this.channel.send({ op: 'request', id, request }, body);
      this.memory.setBusy(true);
      this.pool.working(this.channel, true);
      this.armWatchdog();
    });
  }

  private received(message: SandboxMessage, body: Buffer): void {
    this.armWatchdog();
    switch (message.kind) {
      case 'progress':
        this.known[message.target] = message.position;
        this.progressListener?.(message.position);
        return;
      case 'at':
        // Announce mode: everything before this event is done, and this one runs now.
        this.known[message.target] = message.position - 1;
        return;
      case 'more':
        // It has taken everything it was sent (lines read ahead past the fold count from the next fold).
        this.known[message.target] = Math.min(this.fed[message.target], this.foldTo[message.target]);
        void this.feed(message.fold, message.target);
        return;
      case 'answer':
        this.answered(message, body);
        return;
      default:
        void this.broken(`sent a ${message.kind} message while running`);
    }
  }

  private answered(message: Extract<SandboxMessage, { kind: 'answer' }>, body: Buffer): void {
    const waiting = this.pending.get(message.id);
    if (waiting === undefined) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) {
      this.disarmWatchdog();
      this.memory.setBusy(false);
      this.pool.working(this.channel, false);
    }
    if ('fault' in message) {
      const fault = this.faultOf(message.fault);
      waiting.reject(fault);
      if (message.fault.fatal === true) {
        // The process is done for with this fault: requests already sent after this one (the next piece's
        // fold) fail with it too, not with "stopped unexpectedly" once the kill below ends the channel.
        this.died(fault);
        this.channel.kill();
      }
    } else if ('error' in message) waiting.reject(new Error(`projection ${this.name}: ${message.error}`));
    else waiting.resolve(body);
  }

  /** Sends the next chunk of lines a fold asked for, read through the store's checked path. */
  private async feed(fold: number, target: FoldTarget): Promise<void> {
    const feed = this.feeds[target];
    if (feed === undefined) {
      this.channel.send({ op: 'input', fold, target, last: 0, end: true });
      return;
    }
    let chunk = feed.rest;
    feed.rest = undefined;
    if (chunk === undefined) {
      let next: IteratorResult<CheckedChunk>;
      try {
        next = await (feed.next ?? feed.lines.next());
      } catch (error) {
        // The log could not be read (a segment vanished): the fold stops where it is, and the runner says
        // so. The next fold reads again (a feed read ahead would otherwise end every later fold here too).
        if (this.feeds[target] === feed) this.dropFeed(target);
        this.channel.send({ op: 'input', fold, target, last: 0, end: true });
        void error;
        return;
      }
      // The fold may have ended while its lines were read, and its target been reset since: the lines would
      // follow the old state, so they are not sent (the sandbox hears an end, and asks again if it needs to).
      if (next.done === true || this.feeds[target] !== feed) {
        feed.next = undefined;
        this.channel.send({ op: 'input', fold, target, last: 0, end: true });
        return;
      }
      // The next chunk is read while this one is folded.
      feed.next = feed.lines.next();
      feed.next.catch(() => undefined);
      chunk = next.value;
      if (!feed.sent) [chunk, feed.rest] = firstLinesApart(chunk);
      feed.sent = true;
    }
    this.fed[target] = chunk.last;
    this.channel.send({ op: 'input', fold, target, last: chunk.last }, chunk.bytes);
  }

  private faultOf(fault: SandboxFault): ProjectionFault {
    if (fault.uncertain !== true) return new ProjectionFault(this.name, fault.position, fault.message);
    return new ProjectionFault(
      this.name,
      fault.position,
      `${fault.message} (this event or one before it: folding them one at a time names it)`,
      true,
    );
  }

  private overMemory(): void {
    this.memoryFault = `the projection ran out of memory: it used more than ${this.limits.memoryMb} MB`;
    // An interruption lets the sandbox name the event; a sandbox that does not answer it is killed.
    this.channel.spawned.kill('SIGINT');
    setTimeout(() => this.channel.kill(), INTERRUPT_GRACE_MS).unref();
  }

  /** The sandbox broke the protocol: it is killed, and its fault is returned (to throw). */
  private broken(reason: string): ProjectionFault {
    this.died(this.faultAfterKnown(`the projection's sandbox ${reason}; it was stopped`));
    this.channel.kill();
    return this.dead!;
  }

  private ended(end: ChannelEnd): void {
    this.memory.stop();
    this.disarmWatchdog();
    if (end.kind === 'broken') {
      this.died(this.faultAfterKnown(`the projection's sandbox ${describeEnd(end)}`));
      return;
    }
    if (this.memoryFault !== undefined) {
      this.died(this.faultAfterKnown(this.memoryFault));
      return;
    }
    if (/heap out of memory|heap limit|allocation failed/i.test(end.errors)) {
      this.died(
        this.faultAfterKnown(
          `the projection ran out of memory: its heap reached the hard limit of ${hardLimitMb(this.limits.memoryMb)} MB`,
        ),
      );
      return;
    }
    this.died(this.faultAfterKnown(`the projection's sandbox ${describeEnd(end)} unexpectedly`));
  }

  /**
   * A fault where the sandbox could not name the event (it was killed, or crashed): the request it was
   * working on is the oldest one pending, and for a fold, the event after the last it is known to have
   * done is the first that may have caused it.
   */
  private faultAfterKnown(reason: string): ProjectionFault {
    const [first] = this.pending.values();
    const target = first?.target;
    if (first === undefined || target === undefined) return new ProjectionFault(this.name, null, reason);
    if (first.op === 'state') {
      return new ProjectionFault(
        this.name,
        this.known[target] || null,
        `${reason}, while its state was serialised`,
      );
    }
    if (first.op !== 'fold') return new ProjectionFault(this.name, this.known[target] || null, reason);
    if (first.announce) return new ProjectionFault(this.name, this.known[target] + 1, reason);
    return new ProjectionFault(
      this.name,
      this.known[target] + 1,
      `${reason} (at this event or one after it: the process was stopped before it could say which)`,
      true,
    );
  }

  private armWatchdog(): void {
    this.disarmWatchdog();
    if (this.pending.size === 0) return;
    this.watchdog = setTimeout(
      () => {
        this.died(
          this.faultAfterKnown(
            'the projection stopped answering (blocked where its time limit cannot reach)',
          ),
        );
        this.channel.kill();
      },
      this.limits.eventTimeoutMs * 2 + STATE_SERIALISATION_MS + WATCHDOG_GRACE_MS,
    );
  }

  private disarmWatchdog(): void {
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private died(fault: ProjectionFault): void {
    if (this.dead !== undefined) return;
    this.disarmWatchdog();
    this.memory.stop();
    this.dead = fault;
    this.pool.working(this.channel, false);
    for (const waiting of this.pending.values()) waiting.reject(fault);
    this.pending.clear();
    this.dropFeed('live');
    this.dropFeed('scratch');
  }
}
