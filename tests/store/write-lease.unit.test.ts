import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FileLock } from '../../electron/store/file-lock.js';
import { WriteLease } from '../../electron/store/write-lease.js';
import { useTempFolders } from './temp-folders.js';
import { waitUntil } from './wait-until.js';

const tempDir = useTempFolders('eventfold-lease-');
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function leaseIn(dir: string, busy = (): boolean => false): { lease: WriteLease; lockFile: string } {
  const lockFile = path.join(dir, 'write.lock');
  return { lease: new WriteLease(new FileLock(lockFile), busy), lockFile };
}

describe('the write lease', () => {
  it('keeps the lock through an append loop and gives it up 2 ms after the loop stops', async () => {
    // The clock is faked so that the moments between appends are exact, whatever else the machine does.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    try {
      const { lease, lockFile } = leaseIn(tempDir());
      expect(await lease.take()).toBe(true);
      lease.endWhenIdle();
      // Appends 1.5 ms apart keep reusing the lease, past the moment the first idle timer was set for.
      for (let i = 0; i < 10; i++) {
        vi.advanceTimersByTime(1.5);
        expect(await lease.take()).toBe(false);
        lease.endWhenIdle();
      }
      vi.advanceTimersByTime(1.5);
      expect(fs.existsSync(lockFile)).toBe(true);
      vi.advanceTimersByTime(1);
      expect(fs.existsSync(lockFile)).toBe(false);
      expect(lease.lock.held).toBe(false);
      expect(await lease.take()).toBe(true);
      lease.end();
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not let go while the writer is still busy, nor while in use', async () => {
    let busy = true;
    const { lease, lockFile } = leaseIn(tempDir(), () => busy);
    await lease.take();
    lease.endWhenIdle();
    await pause(30);
    expect(fs.existsSync(lockFile)).toBe(true);
    busy = false;
    // Taken again before going idle: the timer left running finds the lease in use.
    expect(await lease.take()).toBe(false);
    await pause(30);
    expect(fs.existsSync(lockFile)).toBe(true);
    lease.endWhenIdle();
    await waitUntil(() => !fs.existsSync(lockFile), 'the lease, idle at last, lets the lock go');
  });

  it('keeps the lock past the idle moment when the idle end is cancelled (close still works under it)', async () => {
    const { lease, lockFile } = leaseIn(tempDir());
    await lease.take();
    lease.endWhenIdle();
    lease.cancelIdleEnd();
    await pause(30);
    expect(fs.existsSync(lockFile)).toBe(true);
    lease.end();
    expect(fs.existsSync(lockFile)).toBe(false);
  });
});
