import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { EventStore } from '../store/index.js';
import { BUILTIN_PROJECTIONS, findBuiltin } from './builtins/index.js';
import { builtinCode, userCode, type ProjectionCode } from './projection-code.js';
import { ProjectionError } from './projection-error.js';
import {
  ProjectionRunner,
  type PathChange,
  type ProjectionPath,
  type ProjectionStatus,
  type RunnerOptions,
} from './projection-runner.js';

export interface HostOptions extends Omit<RunnerOptions, 'onProgress' | 'onStatus'> {
  /**
   * Whether the folder's own projections (projections/*.js) may run: the folder's trust, decided by the
   * caller (the app's settings, or the command line naming a projection). Built-ins always run.
   */
  readonly trusted: boolean;
  /** Watch projections/ and reload a file when it changes (default true). */
  readonly watch?: boolean;
}

/** Changes to one file within this long count as one (editors write in several steps). */
const RELOAD_SETTLE_MS = 150;

/**
 * The projections of one open folder, for the api and the CLI: the built-ins, and the folder's
 * projections/*.js when it is trusted, each in a worker of its own. Files in projections/ are watched; a
 * changed file is reloaded and, its code hash being new, rebuilt. Everything here is transport-agnostic.
 */
export class ProjectionHost {
  private readonly runners = new Map<string, ProjectionRunner>();
  /** Folder projections that do not run: untrusted, or named like a built-in. */
  private readonly idle = new Map<string, ProjectionStatus>();
  private watcher: FSWatcher | undefined;
  private readonly reloads = new Map<string, NodeJS.Timeout>();
  private work: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(projections: ProjectionStatus[]) => void>();
  private closed = false;

  private constructor(
    private readonly store: EventStore,
    private options: HostOptions,
  ) {}

  static async open(store: EventStore, options: HostOptions): Promise<ProjectionHost> {
    // Following the log needs its true end: a folder still being indexed after a progressive open waits.
    await store.indexed;
    const host = new ProjectionHost(store, options);
    for (const builtin of BUILTIN_PROJECTIONS) await host.startRunner(builtinCode(builtin));
    for (const file of host.projectionFiles()) await host.load(file);
    if (options.watch !== false) await host.startWatching();
    return host;
  }

  get projectionsDir(): string {
    return path.join(this.store.folder, 'projections');
  }

  /** Every projection, built-ins first, then the folder's by name. */
  list(): ProjectionStatus[] {
    const all = [...[...this.runners.values()].map((runner) => runner.describe()), ...this.idle.values()];
    return all.sort(
      (a, b) => Number(a.kind === 'user') - Number(b.kind === 'user') || a.name.localeCompare(b.name),
    );
  }

  /**
   * Called with the whole list when a projection's status changes: it faulted, caught up after appends,
   * was skipped, rebuilt, reloaded, added or removed, or trust changed. Returns the unsubscribe.
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

  /** Resolves once every running projection has folded the log as it stands. */
  async caughtUp(): Promise<ProjectionStatus[]> {
    await this.work;
    await Promise.all([...this.runners.values()].map((runner) => runner.caughtUp()));
    return this.list();
  }

  /** The state at `position`, by default at the end of the log. */
  async stateAt(name: string, position = this.store.lastPosition): Promise<unknown> {
    return this.runner(name).stateAt(position);
  }

  async around(name: string, position: number): Promise<{ before: unknown; after: unknown }> {
    return this.runner(name).around(position);
  }

  async history(
    name: string,
    path: ProjectionPath,
    range?: { readonly from?: number; readonly to?: number; readonly limit?: number },
  ): Promise<{ changes: PathChange[]; next: number | null }> {
    return this.runner(name).history(path, range);
  }

  async skip(name: string, position: number): Promise<ProjectionStatus> {
    const status = await this.runner(name).skip(position);
    this.changed();
    return status;
  }

  async rebuild(name: string): Promise<ProjectionStatus> {
    const status = await this.runner(name).rebuild();
    this.changed();
    return status;
  }

  /**
   * Loads projections/NAME.js again now, not after the watcher's settling time (the app just saved it):
   * resolves once its worker has loaded the new code and its rebuild has started.
   */
  async reload(name: string): Promise<ProjectionStatus | undefined> {
    await this.serially(() => this.load(path.join(this.projectionsDir, `${name}.js`)));
    return this.list().find((projection) => projection.name === name);
  }

  /** The folder was trusted or distrusted: its projections start or stop. */
  async setTrusted(trusted: boolean): Promise<void> {
    if (trusted === this.options.trusted) return;
    this.options = { ...this.options, trusted };
    await this.serially(async () => {
      for (const runner of [...this.runners.values()]) {
        if (runner.describe().kind === 'user') {
          this.runners.delete(runner.name);
          await runner.close();
        }
      }
      this.idle.clear();
      for (const file of this.projectionFiles()) await this.load(file);
    });
    this.changed();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.reloads.values()) clearTimeout(timer);
    await this.watcher?.close();
    await this.work;
    await Promise.all([...this.runners.values()].map((runner) => runner.close()));
    this.runners.clear();
  }

  private runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (runner !== undefined) return runner;
    const idle = this.idle.get(name);
    if (idle?.status === 'untrusted') {
      throw new ProjectionError('NotTrusted', `projection ${name} runs only once the folder is trusted`);
    }
    if (idle !== undefined)
      throw new ProjectionError('UnknownProjection', idle.fault?.error ?? `projection ${name} cannot run`);
    throw new ProjectionError('UnknownProjection', `there is no projection named ${name}`);
  }

  private projectionFiles(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.projectionsDir);
    } catch {
      return [];
    }
    return names.filter((name) => name.endsWith('.js')).map((name) => path.join(this.projectionsDir, name));
  }

  /** Starts (or restarts with new code) the projection of one file, or lists it as not running. */
  private async load(file: string): Promise<void> {
    const name = path.basename(file, '.js');
    if (!fs.existsSync(file)) {
      this.idle.delete(name);
      const gone = this.runners.get(name);
      this.runners.delete(name);
      await gone?.close();
      this.changed();
      return;
    }
    const notRunning = (status: ProjectionStatus['status'], error: string | null): void => {
      this.idle.set(name, {
        name,
        kind: 'user',
        file,
        status,
        position: 0,
        fault: error === null ? null : { position: null, error },
        skipped: [],
        shape: null,
      });
    };
    if (findBuiltin(name) !== undefined) {
      notRunning('invalid', `projections/${name}.js has the name of a built-in projection: rename the file`);
      this.changed();
      return;
    }
    if (!this.options.trusted) {
      notRunning('untrusted', null);
      this.changed();
      return;
    }
    let code: ProjectionCode;
    try {
      code = await userCode(file, this.store.folder);
    } catch (error) {
      notRunning('invalid', `cannot read projections/${name}.js: ${(error as Error).message}`);
      return;
    }
    this.idle.delete(name);
    const running = this.runners.get(name);
    if (running === undefined) await this.startRunner(code);
    else if (running.hash !== code.hash) await running.rebuild(code);
    this.changed();
  }

  private async startRunner(code: ProjectionCode): Promise<void> {
    const runner = await ProjectionRunner.start(this.store, code, {
      ...this.options,
      onStatus: () => this.changed(),
      // Positions grow while a long rebuild catches up: listeners (the page) throttle as they need.
      onProgress: () => this.changed(),
    });
    if (this.closed) await runner.close();
    else this.runners.set(code.name, runner);
  }

  private async startWatching(): Promise<void> {
    // Watching the folder root (one level) sees projections/ appear as well as its files change.
    const watcher = watch(this.store.folder, {
      ignoreInitial: true,
      depth: 1,
      ignored: (file) => {
        const relative = path.relative(this.store.folder, file);
        return (
          relative !== '' && relative !== 'projections' && !relative.startsWith(`projections${path.sep}`)
        );
      },
    });
    this.watcher = watcher;
    const changed = (file: string): void => {
      if (!file.endsWith('.js') || path.dirname(file) !== this.projectionsDir) return;
      clearTimeout(this.reloads.get(file));
      this.reloads.set(
        file,
        setTimeout(() => {
          this.reloads.delete(file);
          void this.serially(() => this.load(file));
        }, RELOAD_SETTLE_MS),
      );
    };
    watcher.on('add', changed).on('change', changed).on('unlink', changed);
    watcher.on('addDir', (dir) => {
      if (dir === this.projectionsDir) for (const file of this.projectionFiles()) changed(file);
    });
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const run = this.work.then(async () => {
      if (!this.closed) await work();
    });
    this.work = run.catch(() => undefined);
    return run;
  }
}
