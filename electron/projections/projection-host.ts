import fs from 'node:fs';
import path from 'node:path';
import type { EventStore } from '../store/index.js';
import { BUILTIN_PROJECTIONS, findBuiltin } from './builtins/index.js';
import type { CheckpointHeader } from './checkpoint-file.js';
import { checkpointMatches } from './checkpoint-match.js';
import { ProjectionCache } from './projection-cache.js';
import { builtinCode, userCode, type ProjectionCode } from './projection-code.js';
import { NO_HOLES } from './holes.js';
import { ProjectionError } from './projection-error.js';
import { projectionFilesIn, ProjectionFilesWatcher } from './projection-files-watcher.js';
import { readProjectionFiles, type ProjectionFiles, type TrustDecision } from './trust/index.js';
import {
  ProjectionRunner,
  type PathChange,
  type ProjectionPath,
  type ProjectionStatus,
  type RunnerOptions,
} from './projection-runner.js';

/** Asks the app's trust about the folder's projection files as they were just read. */
export type TrustCheck = (files: ProjectionFiles) => Promise<TrustDecision>;

export interface HostOptions extends Omit<RunnerOptions, 'onProgress' | 'onStatus'> {
  /**
   * Whether the folder's own projections (projections/*.js) may run: a fixed answer (the command line
   * naming a projection, tests), or a check of the app's trust. The check is asked with the files as the
   * host read them, and what runs is the text it was asked about, so code that changes after the check
   * does not run under it; a change to the files asks again. Built-ins always run.
   */
  readonly trusted: boolean | TrustCheck;
  /** Watch projections/ and reload a file when it changes (default true). */
  readonly watch?: boolean;
}

/**
 * The projections of one open folder, for the api and the CLI: the built-ins, and the folder's
 * projections/*.js when it is trusted. Each starts, in a worker of its own, when something first needs its
 * state (its view, time travel, a what-if that compares with it, a skip or rebuild), not when it is listed:
 * a fold of a large log costs a worker's heap and a pass over every event, and a folder open in the app
 * should not pay that for projections nobody looked at. Once started, it follows the log until the folder
 * closes. Files in projections/ are watched; a changed file is reloaded and, if it runs, rebuilt.
 * Everything here is transport-agnostic.
 */
export class ProjectionHost {
  /** The projections that may run, by name: the built-ins, and the folder's own when it is trusted. */
  private readonly runnable = new Map<string, ProjectionCode>();
  /** The ones started so far. */
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly starts = new Map<string, Promise<ProjectionRunner>>();
  /**
   * Where the ones not started stopped in an earlier session, from their checkpoints' headers (read without
   * their states): a projection that faulted then is listed as faulted, not as merely not started.
   */
  private readonly stoppedAt = new Map<string, CheckpointHeader>();
  /** Folder projections that cannot run: untrusted, named like a built-in, or unreadable. */
  private readonly refused = new Map<string, ProjectionStatus>();
  private watcher: ProjectionFilesWatcher | undefined;
  /** The trust decision in force, and the files it was made about (undefined for a fixed answer). */
  private decision: TrustDecision;
  private files: ProjectionFiles | undefined;
  private readonly trustListeners = new Set<(decision: TrustDecision, files: ProjectionFiles) => void>();
  private work: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(projections: ProjectionStatus[]) => void>();
  private closed = false;

  private constructor(
    private readonly store: EventStore,
    private options: HostOptions,
  ) {
    this.decision = { trusted: options.trusted === true };
  }

  /** Lists the folder's projections and watches their files; starts none of them. */
  static async open(store: EventStore, options: HostOptions): Promise<ProjectionHost> {
    // A projection follows the log from its true end, and a state asked for without a position is at that
    // end: a folder still being indexed after a progressive open waits.
    await store.indexed;
    const host = new ProjectionHost(store, options);
    for (const builtin of BUILTIN_PROJECTIONS) {
      const code = builtinCode(builtin);
      host.runnable.set(builtin.name, code);
      await host.readStoppedAt(code);
    }
    await host.readFiles();
    for (const file of projectionFilesIn(store.folder)) await host.load(file);
    if (options.watch !== false) {
      host.watcher = await ProjectionFilesWatcher.start(store.folder, (file) => {
        void host.serially(async () => {
          if (await host.readFiles()) await host.reloadAll(true);
          else await host.load(file);
        });
      });
    }
    return host;
  }

  /** The trust decision in force (for a fixed answer: that answer). */
  get trust(): TrustDecision {
    return this.decision;
  }

  /**
   * Called when a change to the projection files changed the trust decision (the code changed since it
   * was trusted, say): its projections have already started or stopped. Returns the unsubscribe.
   */
  onTrustChanged(listener: (decision: TrustDecision, files: ProjectionFiles) => void): () => void {
    this.trustListeners.add(listener);
    return () => this.trustListeners.delete(listener);
  }

  /**
   * Reads the projection files and asks the trust check about them; true when the decision changed.
   * Without a check (a fixed answer) nothing is read: each file is read as it loads.
   */
  private async readFiles(): Promise<boolean> {
    const check = this.options.trusted;
    if (typeof check !== 'function') return false;
    const files = await readProjectionFiles(this.store.folder).catch(() => undefined);
    const decision =
      files === undefined ? { trusted: false } : await check(files).catch(() => ({ trusted: false }));
    const changed =
      decision.trusted !== this.decision.trusted || decision.askAgain !== this.decision.askAgain;
    this.files = files;
    this.decision = decision;
    return changed;
  }

  /**
   * Every folder projection loaded again, under the decision now in force. `tell`: the decision changed
   * because the files did (nobody decided): the trust listeners hear it once the list is as it now is.
   */
  private async reloadAll(tell = false): Promise<void> {
    for (const code of [...this.runnable.values()]) {
      if (code.kind === 'user') await this.forget(code.name);
    }
    this.refused.clear();
    for (const file of projectionFilesIn(this.store.folder)) await this.load(file);
    this.changed();
    const files = this.files;
    if (tell && files !== undefined)
      for (const listener of this.trustListeners) listener(this.decision, files);
  }

  get projectionsDir(): string {
    return path.join(this.store.folder, 'projections');
  }

  /** Every projection, built-ins first, then the folder's by name; listing starts none. */
  list(): ProjectionStatus[] {
    const all = [
      ...[...this.runnable.values()].map(
        (code) =>
          this.runners.get(code.name)?.describe() ??
          notStarted(code, this.starts.has(code.name) ? 'starting' : 'idle', this.stoppedAt.get(code.name)),
      ),
      ...this.refused.values(),
    ];
    return all.sort(
      (a, b) => Number(a.kind === 'user') - Number(b.kind === 'user') || a.name.localeCompare(b.name),
    );
  }

  /**
   * Called with the whole list when a projection's status changes: it started, faulted, caught up after
   * appends, was skipped, rebuilt, reloaded, added or removed, or trust changed. Returns the unsubscribe.
   */
  onChanged(listener: (projections: ProjectionStatus[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (this.closed || this.listeners.size === 0) return;
    const projections = this.list();
    for (const listener of this.listeners) listener(projections);
  }

  /** Resolves once every started projection has folded the log as it stands (the others stay idle). */
  async caughtUp(): Promise<ProjectionStatus[]> {
    await this.work;
    await Promise.all([...this.starts.values()].map((start) => start.catch(() => undefined)));
    await Promise.all([...this.runners.values()].map((runner) => runner.caughtUp()));
    return this.list();
  }

  /** The state at `position`, by default at the end of the log; starts the projection if it is idle. */
  async stateAt(name: string, position = this.store.lastPosition): Promise<unknown> {
    return (await this.started(name)).stateAt(position);
  }

  async around(name: string, position: number): Promise<{ before: unknown; after: unknown }> {
    return (await this.started(name)).around(position);
  }

  async history(
    name: string,
    path: ProjectionPath,
    range?: { readonly from?: number; readonly to?: number; readonly limit?: number },
  ): Promise<{ changes: PathChange[]; next: number | null }> {
    return (await this.started(name)).history(path, range);
  }

  /** Skips the event the projection faulted at; a projection not started yet starts (and finds its fault). */
  async skip(name: string, position: number): Promise<ProjectionStatus> {
    const status = await (await this.started(name)).skip(position);
    this.changed();
    return status;
  }

  async rebuild(name: string): Promise<ProjectionStatus> {
    const running = this.runners.get(name) ?? this.starts.get(name);
    const status =
      running === undefined
        ? (await this.started(name, 'fresh')).describe()
        : await (await running).rebuild();
    this.changed();
    return status;
  }

  /**
   * Loads projections/NAME.js again now, not after the watcher's settling time, and starts it (the app just
   * saved it and shows it): resolves once its worker has loaded the new code and its rebuild has started.
   */
  async reload(name: string): Promise<ProjectionStatus | undefined> {
    await this.serially(async () => {
      if (await this.readFiles()) await this.reloadAll(true);
      else await this.load(path.join(this.projectionsDir, `${name}.js`));
    });
    if (this.runnable.has(name)) await this.started(name);
    return this.list().find((projection) => projection.name === name);
  }

  /**
   * The folder was trusted or distrusted: its projections may start, or those started stop. A host with
   * a trust check asks it again (the decision was saved where the check reads it); a fixed answer is
   * replaced by `trusted`.
   */
  async setTrusted(trusted: boolean): Promise<void> {
    await this.serially(async () => {
      if (typeof this.options.trusted === 'function') {
        // Whoever decided tells the others: the trust listeners are for changes nobody decided.
        if (!(await this.readFiles())) return;
      } else {
        if (trusted === this.options.trusted) return;
        this.options = { ...this.options, trusted };
        this.decision = { trusted };
      }
      await this.reloadAll();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.watcher?.close();
    await this.work;
    await Promise.all([...this.starts.values()].map((start) => start.catch(() => undefined)));
    await Promise.all([...this.runners.values()].map((runner) => runner.close()));
    this.runners.clear();
  }

  /** The projection's runner, started now if nothing had asked for it yet; one start at a time. */
  private started(name: string, from: 'checkpoint' | 'fresh' = 'checkpoint'): Promise<ProjectionRunner> {
    const running = this.runners.get(name);
    if (running !== undefined) return Promise.resolve(running);
    const starting = this.starts.get(name);
    if (starting !== undefined) return starting;
    const code = this.runnable.get(name);
    if (code === undefined) return Promise.reject(this.cannotRun(name));
    if (this.closed) return Promise.reject(closedError(name));
    const start = this.startRunner(code, from).finally(() => {
      this.starts.delete(name);
      this.changed();
    });
    this.starts.set(name, start);
    this.changed();
    return start;
  }

  private async startRunner(code: ProjectionCode, from: 'checkpoint' | 'fresh'): Promise<ProjectionRunner> {
    const options: RunnerOptions = {
      ...this.options,
      onStatus: () => this.changed(),
      // Positions grow while a long rebuild catches up: listeners (the page) throttle as they need.
      onProgress: () => this.changed(),
    };
    const runner =
      from === 'fresh'
        ? await ProjectionRunner.startFresh(this.store, code, options)
        : await ProjectionRunner.start(this.store, code, options);
    // While it started, the folder may have closed, or the file changed, gone or lost its trust.
    for (;;) {
      const wanted = this.runnable.get(code.name);
      if (this.closed || wanted === undefined) {
        await runner.close();
        throw this.closed ? closedError(code.name) : this.cannotRun(code.name);
      }
      if (wanted.hash === runner.hash) break;
      await runner.rebuild(wanted);
    }
    this.runners.set(code.name, runner);
    return runner;
  }

  /** Why `name` cannot run: its folder is not trusted, its file cannot load, or there is no such projection. */
  private cannotRun(name: string): ProjectionError {
    const refused = this.refused.get(name);
    if (refused?.status === 'untrusted') {
      return new ProjectionError('NotTrusted', `projection ${name} runs only once the folder is trusted`);
    }
    if (refused !== undefined)
      return new ProjectionError(
        'UnknownProjection',
        refused.fault?.error ?? `projection ${name} cannot run`,
      );
    return new ProjectionError('UnknownProjection', `there is no projection named ${name}`);
  }

  /** A folder projection that may no longer run (its file is gone, or trust was revoked): stopped if it ran. */
  private async forget(name: string): Promise<void> {
    // projections/NAME.js named like a built-in never ran, and its removal leaves the built-in alone.
    if (this.runnable.get(name)?.kind !== 'user') return;
    this.runnable.delete(name);
    this.stoppedAt.delete(name);
    // A start under way sees that and stops the runner itself.
    await this.starts.get(name)?.catch(() => undefined);
    const running = this.runners.get(name);
    this.runners.delete(name);
    await running?.close();
  }

  /**
   * Lists the projection of one file as runnable (rebuilt with the new code if it runs), or as one that
   * cannot run, or drops it when the file is gone.
   */
  private async load(file: string): Promise<void> {
    const name = path.basename(file, '.js');
    if (!fs.existsSync(file)) {
      this.refused.delete(name);
      await this.forget(name);
      this.changed();
      return;
    }
    const notRunning = (status: ProjectionStatus['status'], error: string | null): void => {
      this.refused.set(name, {
        name,
        kind: 'user',
        file,
        status,
        position: 0,
        fault: error === null ? null : { position: null, error },
        skipped: [],
        holes: NO_HOLES,
        shape: null,
      });
    };
    if (findBuiltin(name) !== undefined) {
      notRunning('invalid', `projections/${name}.js has the name of a built-in projection: rename the file`);
      this.changed();
      return;
    }
    if (!this.decision.trusted) {
      notRunning('untrusted', null);
      this.changed();
      return;
    }
    let code: ProjectionCode;
    try {
      // The text the trust check was asked about, when there was a check: not the file as it is by now.
      const text =
        this.files === undefined
          ? undefined
          : (this.files.files.find((entry) => entry.name === path.basename(file))?.text ?? null);
      if (text === null) throw new Error('it could not be read, or changed while it was being read');
      code = await userCode(file, this.store.folder, text);
    } catch (error) {
      await this.forget(name);
      notRunning('invalid', `cannot read projections/${name}.js: ${(error as Error).message}`);
      this.changed();
      return;
    }
    this.refused.delete(name);
    this.runnable.set(name, code);
    await this.readStoppedAt(code);
    // One still starting is rebuilt by its start, which compares its code with this.
    const running = this.runners.get(name);
    if (running !== undefined && running.hash !== code.hash) await running.rebuild(code);
    this.changed();
  }

  /**
   * Reads the header of the projection's checkpoint, if it has one made by this code over this log; the
   * state after it stays unread until the projection starts.
   */
  private async readStoppedAt(code: ProjectionCode): Promise<void> {
    this.stoppedAt.delete(code.name);
    try {
      const header = await new ProjectionCache(this.store.folder, code.cacheName).readCheckpointHeader();
      if (header !== null && (await checkpointMatches(this.store, code, header))) {
        this.stoppedAt.set(code.name, header);
      }
    } catch {
      // An unreadable cache only means the list knows nothing until the projection starts.
    }
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const run = this.work.then(async () => {
      if (!this.closed) await work();
    });
    this.work = run.catch(() => undefined);
    return run;
  }
}

/**
 * How the list shows a projection that may run but has no runner (yet): where its checkpoint says it
 * stopped, and faulted if it stopped at a fault, starting or not (the start resumes at that same fault).
 */
function notStarted(
  code: ProjectionCode,
  status: 'idle' | 'starting',
  stoppedAt: CheckpointHeader | undefined,
): ProjectionStatus {
  return {
    name: code.name,
    kind: code.kind,
    file: code.file,
    status: stoppedAt?.fault != null ? 'faulted' : status,
    position: stoppedAt?.position ?? 0,
    fault: stoppedAt?.fault ?? null,
    skipped: stoppedAt?.skipped ?? [],
    holes:
      stoppedAt?.holes === undefined
        ? NO_HOLES
        : { count: stoppedAt.holes.count, positions: stoppedAt.holes.positions },
    shape: null,
  };
}

function closedError(name: string): ProjectionError {
  return new ProjectionError('Closed', `projection ${name}: the folder was closed`);
}
