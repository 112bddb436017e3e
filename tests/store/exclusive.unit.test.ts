import { describe, expect, it } from 'vitest';
import { Exclusive } from '../../electron/store/exclusive.js';

/** A section that logs its start and end, and waits for `release` in between. */
function section(log: string[], name: string, release: Promise<void>): () => Promise<void> {
  return async () => {
    log.push(`${name} start`);
    await release;
    log.push(`${name} end`);
  };
}

describe('Exclusive', () => {
  it('runs a section at once, and answers without a promise, when nothing else is queued', () => {
    const exclusive = new Exclusive();
    const log: string[] = [];
    const result = exclusive.runNow(() => {
      log.push('ran');
      return undefined;
    });
    expect(result).toBeUndefined();
    expect(log).toEqual(['ran']);
  });

  it('queues a section behind one that is still running, whichever way each was started', async () => {
    const exclusive = new Exclusive();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = exclusive.run(section(log, 'first', new Promise((resolve) => (releaseFirst = resolve))));
    const second = exclusive.runNow(section(log, 'second', Promise.resolve()));
    expect(second).toBeInstanceOf(Promise);
    let releaseThird!: () => void;
    const third = exclusive.run(section(log, 'third', new Promise((resolve) => (releaseThird = resolve))));
    await Promise.resolve();
    expect(log).toEqual(['first start']);
    releaseFirst();
    await second;
    const fourth = exclusive.runNow(section(log, 'fourth', Promise.resolve()));
    releaseThird();
    await Promise.all([first, third, fourth]);
    expect(log).toEqual([
      'first start',
      'first end',
      'second start',
      'second end',
      'third start',
      'third end',
      'fourth start',
      'fourth end',
    ]);
  });

  it('counts a section started at once that waits as running until it ends', async () => {
    const exclusive = new Exclusive();
    const log: string[] = [];
    let release!: () => void;
    const waiting = exclusive.runNow(section(log, 'waits', new Promise((resolve) => (release = resolve))));
    const next = exclusive.runNow(section(log, 'next', Promise.resolve()));
    await Promise.resolve();
    expect(log).toEqual(['waits start']);
    release();
    await Promise.all([waiting, next]);
    await exclusive.idle();
    expect(log).toEqual(['waits start', 'waits end', 'next start', 'next end']);
  });

  it('lets a section that throws at once leave the queue free for the next', () => {
    const exclusive = new Exclusive();
    expect(() =>
      exclusive.runNow(() => {
        throw new Error('broken');
      }),
    ).toThrow('broken');
    expect(exclusive.runNow(() => undefined)).toBeUndefined();
  });
});
