import { describe, expect, it } from 'vitest';
import type { ProjectionSummary } from '../../shared/contract.js';
import {
  holesText,
  projectionFile,
  statusText,
} from '../../renderer/src/lib/projections/projection-status.js';

const summary = (overrides: Partial<ProjectionSummary>): ProjectionSummary => ({
  name: 'counter',
  kind: 'user',
  status: 'running',
  position: 120,
  fault: null,
  skipped: [],
  holes: { count: 0, positions: [] },
  ...overrides,
});

describe('statusText', () => {
  it('says a running projection is caught up once it has folded the newest event', () => {
    expect(statusText(summary({}), 120)).toEqual({ label: 'Caught up at #120', tone: 'ok', skipped: null });
    expect(statusText(summary({ position: 1500 }), 2400)).toEqual({
      label: 'Catching up: 62% (#1,500 of #2,400)',
      tone: 'busy',
      skipped: null,
    });
    // 100% is for caught up only.
    expect(statusText(summary({ position: 2399 }), 2400).label).toBe('Catching up: 99% (#2,399 of #2,400)');
  });

  it('says a projection nothing has asked for yet is not started', () => {
    expect(statusText(summary({ status: 'idle', position: 0 }), 120)).toEqual({
      label: 'Not started',
      tone: 'muted',
      skipped: null,
    });
  });

  it('says where a projection not started yet stopped in an earlier session', () => {
    expect(statusText(summary({ status: 'idle', position: 1200 }), 2400)).toEqual({
      label: 'Not started · last at #1,200',
      tone: 'muted',
      skipped: null,
    });
  });

  it('names the event a projection faulted at', () => {
    const faulted = summary({ status: 'faulted', position: 56, fault: { position: 57, error: 'boom' } });
    expect(statusText(faulted, 120)).toMatchObject({ label: 'Faulted at #57', tone: 'danger' });
    const atLoad = summary({ status: 'faulted', position: 0, fault: { position: null, error: 'syntax' } });
    expect(statusText(atLoad, 120).label).toBe('Faulted');
  });

  it('words trust, invalid code, stops and skips', () => {
    expect(statusText(summary({ status: 'untrusted' }), 120)).toMatchObject({
      label: 'Waits for trust',
      tone: 'warning',
    });
    expect(statusText(summary({ status: 'invalid' }), 120)).toMatchObject({
      label: 'Cannot run',
      tone: 'danger',
    });
    expect(statusText(summary({ status: 'stopped', position: 7 }), 120).label).toBe('Stopped at #7');
    expect(statusText(summary({ status: 'starting', position: 0 }), 120).tone).toBe('busy');
    const skips = [
      { position: 5, error: 'a' },
      { position: 9, error: 'b' },
    ];
    expect(statusText(summary({ skipped: skips }), 120).skipped).toBe('2 events skipped');
    expect(statusText(summary({ skipped: skips.slice(1) }), 120).skipped).toBe('1 event skipped');
  });
});

describe('projectionFile', () => {
  it('is where the folder keeps a projection’s code', () => {
    expect(projectionFile('counter')).toBe('projections/counter.js');
  });
});

describe('holesText', () => {
  it('says nothing when the projection passed no damaged event', () => {
    expect(holesText(summary({}))).toBeNull();
  });

  it('counts the damaged events passed over and lists the first in the tooltip', () => {
    expect(holesText(summary({ holes: { count: 1, positions: [57] } }))).toEqual({
      label: '1 damaged event passed over',
      title: expect.stringContaining('no sound event at #57 (') as unknown,
    });
    const many = holesText(summary({ holes: { count: 1205, positions: [3, 1400] } }));
    expect(many?.label).toBe('1,205 damaged events passed over');
    expect(many?.title).toContain('#3, #1,400, and 1,203 more');
  });
});
