import { describe, expect, it } from 'vitest';
import { sameSource, sourceLabel } from '../../renderer/src/lib/navigation.svelte.js';

describe('log sources', () => {
  it('are the same when they show the same events', () => {
    expect(sameSource({ kind: 'all' }, { kind: 'all' })).toBe(true);
    expect(sameSource({ kind: 'stream', stream: 'order-1' }, { kind: 'stream', stream: 'order-1' })).toBe(
      true,
    );
    expect(sameSource({ kind: 'stream', stream: 'order-1' }, { kind: 'stream', stream: 'order-2' })).toBe(
      false,
    );
    expect(sameSource({ kind: 'category', category: 'order' }, { kind: 'stream', stream: 'order' })).toBe(
      false,
    );
  });

  it('are named as the navigation shows them', () => {
    expect(sourceLabel({ kind: 'all' })).toBe('All events');
    expect(sourceLabel({ kind: 'stream', stream: 'order-1' })).toBe('order-1');
    expect(sourceLabel({ kind: 'category', category: 'order' })).toBe('order-*');
    expect(sourceLabel({ kind: 'category', category: '' })).toBe('(no category)');
  });
});
