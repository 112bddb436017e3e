import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StoreError } from '../../shared/store-error.js';
import { diskFullError } from './disk-full.js';
import { inspectEntry, unsafeEntry } from './folder-entry.js';

/** What a lock file says about its holder, so that others can tell a live holder from a dead one. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly since: string;
}

export interface FileLockOptions {
  /** A lock older than this is taken over even if its holder seems alive (a hung or foreign holder). */
  readonly staleAfterMs?: number;
  /** How long `acquire` waits before failing with LockTimeout. */
  readonly timeoutMs?: number;
}

const STALE_CHECK_EVERY_MS = 50;
const UNREADABLE_LOCK_GRACE_MS = 2000;

/**
 * A cross-process write lock made of a file created with O_EXCL, because Node has no flock and the
 * lock must work for the CLI, other windows and programs written from docs/FORMAT.md alone.
 *
 * - A holder that died (same host, pid gone) or a lock older than `staleAfterMs` is stale and taken over.
 *   Taking over happens under a second lock (`.steal`), so two waiters cannot both remove it and one of
 *   them delete the fresh lock of the other.
 * - A waiter leaves a ticket (`.next`); a holder about to re-acquire defers to a ticket that is not its own,
 *   so a busy writer cannot starve the others.
 */
export class FileLock {
  private readonly token = randomBytes(8).toString('hex');
  private readonly ticketPath: string;
  private readonly stealPath: string;
  private readonly staleAfterMs: number;
  private readonly timeoutMs: number;
  private holdsTicket = false;
  held = false;

  constructor(
    readonly path: string,
    options: FileLockOptions = {},
  ) {
    this.ticketPath = path + '.next';
    this.stealPath = path + '.steal';
    this.staleAfterMs = options.staleAfterMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** One attempt, without waiting. */
  tryAcquire(): boolean {
    if (!this.holdsTicket && fs.existsSync(this.ticketPath) && !this.clearIfStale(this.ticketPath))
      return false;
    if (!this.create(this.path)) return false;
    this.held = true;
    if (this.holdsTicket) {
      this.holdsTicket = false;
      removeQuietly(this.ticketPath);
    }
    return true;
  }

  async acquire(): Promise<void> {
    if (this.tryAcquire()) return;
    const started = Date.now();
    let lastStaleCheck = started;
    let delay = 0;
    for (;;) {
      if (!this.holdsTicket) this.holdsTicket = this.create(this.ticketPath);
      await sleep(delay);
      delay = Math.min(8, delay + 1);
      const now = Date.now();
      if (now - lastStaleCheck >= STALE_CHECK_EVERY_MS) {
        lastStaleCheck = now;
        this.clearIfStale(this.path);
      }
      if (this.tryAcquire()) return;
      if (now - started > this.timeoutMs) {
        if (this.holdsTicket) {
          this.holdsTicket = false;
          removeQuietly(this.ticketPath);
        }
        const owner = readOwner(this.path);
        throw new StoreError(
          'LockTimeout',
          `Timed out after ${this.timeoutMs} ms waiting for the write lock ${this.path}` +
            (owner === undefined
              ? ''
              : ` held by process ${owner.pid} on ${owner.host} since ${owner.since}`),
          { lock: this.path, ...(owner === undefined ? {} : { owner }) },
        );
      }
    }
  }

  /** Removes the lock file, unless it is no longer ours (taken over as stale): then it is the new holder's. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (readOwner(this.path)?.token === this.token) removeQuietly(this.path);
  }

  /** Whether the lock file still holds our token (a holder suspended past the stale limit loses it). */
  stillOurs(): boolean {
    return this.held && readOwner(this.path)?.token === this.token;
  }

  /** True when another writer has left a ticket: a long holder should let go. */
  othersWaiting(): boolean {
    return !this.holdsTicket && fs.existsSync(this.ticketPath);
  }

  /** Refreshes the lock file's age, so that a long but live holder is not mistaken for a stale one. */
  touch(): void {
    const now = new Date();
    try {
      fs.utimesSync(this.path, now, now);
    } catch {
      // If the file is gone, the next tryAcquire notices; nothing to refresh.
    }
  }

  private create(file: string): boolean {
    const owner: LockOwner = {
      pid: process.pid,
      host: os.hostname(),
      token: this.token,
      since: new Date().toISOString(),
    };
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      assertLockFile(file);
      return false;
    }
    const text = JSON.stringify(owner);
    try {
      fs.writeSync(fd, text);
    } catch (error) {
      // A full disk (ENOSPC) leaves the file created but empty: others would wait 2 s for it to go stale.
      fs.closeSync(fd);
      removeQuietly(file);
      throw diskFullError(error, path.dirname(file), `taking the write lock (${file})`, text.length);
    }
    fs.closeSync(fd);
    return true;
  }

  /** Removes `file` when its holder is gone; true when it is gone (or was never there). */
  private clearIfStale(file: string): boolean {
    const seen = inspect(file);
    if (seen === undefined) return true;
    if (!this.isStale(seen)) return false;
    if (!this.create(this.stealPath)) {
      const steal = inspect(this.stealPath);
      // A taker that died mid-takeover leaves `.steal` behind; it only ever lives for microseconds.
      if (steal !== undefined && Date.now() - steal.mtimeMs > UNREADABLE_LOCK_GRACE_MS)
        removeQuietly(this.stealPath);
      return false;
    }
    try {
      const now = inspect(file);
      if (now === undefined) return true;
      if (now.raw === seen.raw && now.mtimeMs === seen.mtimeMs) {
        removeQuietly(file);
        return true;
      }
      return false;
    } finally {
      removeQuietly(this.stealPath);
    }
  }

  private isStale(seen: Inspected): boolean {
    const age = Date.now() - seen.mtimeMs;
    if (seen.owner === undefined) return age > UNREADABLE_LOCK_GRACE_MS;
    if (seen.owner.host === os.hostname() && !isAlive(seen.owner.pid)) return true;
    return age > this.staleAfterMs;
  }
}

interface Inspected {
  readonly raw: string;
  readonly owner: LockOwner | undefined;
  readonly mtimeMs: number;
}

function inspect(file: string): Inspected | undefined {
  try {
    // Only a regular file is read: a FIFO in its place would block the read forever.
    if (!fs.lstatSync(file).isFile()) return undefined;
    const raw = fs.readFileSync(file, 'utf8');
    const { mtimeMs } = fs.statSync(file);
    return { raw, owner: parseOwner(raw), mtimeMs };
  } catch {
    return undefined;
  }
}

function readOwner(file: string): LockOwner | undefined {
  return inspect(file)?.owner;
}

function parseOwner(raw: string): LockOwner | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') {
      return {
        pid: value.pid,
        host: value.host,
        token: String(value.token),
        since: String(value.since),
      };
    }
  } catch {
    // An empty or half-written lock file: judged by its age alone.
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lock file's name taken by something else (a directory, a link, a FIFO) would make every writer wait
 * for a lock nobody holds: say so at once, naming it.
 */
function assertLockFile(file: string): void {
  const entry = inspectEntry(file);
  if (entry.kind === 'file' || entry.kind === 'missing') return;
  throw unsafeEntry(path.dirname(file), path.basename(file), entry, 'a lock file');
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone: someone else cleaned it up, which is the state we wanted.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => (ms === 0 ? setImmediate(resolve) : setTimeout(resolve, ms)));
}
