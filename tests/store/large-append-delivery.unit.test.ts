import { describe, expect, it } from 'vitest';
import { MemoryEventStore } from '../../electron/store/index.js';

describe('a subscription and one very large append', () => {
  it('receives every event of an atomic append of 200,000 events (more than a call takes arguments)', async () => {
    const store = new MemoryEventStore();
    const errors: unknown[] = [];
    let received = 0;
    let last = 0;
    const subscription = store.subscribe({ onError: (error) => errors.push(error) }, (event) => {
      received++;
      last = event.position;
    });
    await subscription.caughtUp;
    const events = Array.from({ length: 200_000 }, (_, i) => ({ type: 'Imported', data: i }));
    await store.appendMany(
      [
        { stream: 'import-1', events: events.slice(0, 1000) },
        { stream: 'import-2', events: events.slice(1000) },
      ],
      {
        atomic: true,
      },
    );
    while (received < 200_000 && errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors).toEqual([]);
    expect([received, last]).toEqual([200_000, 200_000]);
    await store.close();
  });
});
