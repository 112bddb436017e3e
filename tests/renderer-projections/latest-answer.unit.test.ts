import { describe, expect, it } from 'vitest';
import { LatestAnswer } from '../../renderer/src/lib/projections/latest-answer.js';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('LatestAnswer', () => {
  it('drops an answer that arrives after a newer request started', async () => {
    const latest = new LatestAnswer();
    const shown: string[] = [];
    const old = deferred<string>();
    const fresh = deferred<string>();
    latest.run(
      () => old.promise,
      (value) => shown.push(value),
      () => shown.push('error'),
    );
    latest.run(
      () => fresh.promise,
      (value) => shown.push(value),
      () => shown.push('error'),
    );
    fresh.resolve('state at 17');
    old.resolve('state at 3');
    await settle();
    expect(shown).toEqual(['state at 17']);
  });

  it('reports the newest request’s failure, and nothing after cancel', async () => {
    const latest = new LatestAnswer();
    const errors: unknown[] = [];
    const failing = deferred<string>();
    latest.run(
      () => failing.promise,
      () => undefined,
      (error) => errors.push(error),
    );
    failing.reject(new Error('faulted at 5'));
    await settle();
    expect(errors).toEqual([new Error('faulted at 5')]);

    const cancelled = deferred<string>();
    const answers: string[] = [];
    latest.run(
      () => cancelled.promise,
      (value) => answers.push(value),
      (error) => errors.push(error),
    );
    latest.cancel();
    cancelled.resolve('late');
    await settle();
    expect(answers).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
