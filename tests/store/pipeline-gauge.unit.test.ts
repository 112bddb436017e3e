import { describe, expect, it } from 'vitest';
import { PipelineGauge } from '../../electron/store/pipeline-gauge.js';

describe('PipelineGauge', () => {
  it('splits a long queue until both a sync and a cycle of work are measured', () => {
    const gauge = new PipelineGauge();
    expect(gauge.worthSplitting(256)).toBe(true);
    gauge.synced(5);
    expect(gauge.worthSplitting(256)).toBe(true);
  });

  it('splits while a synced write takes less than the work of a cycle, and stops when syncs grow slower', () => {
    const gauge = new PipelineGauge();
    gauge.synced(0.3);
    gauge.worked(2, 256);
    expect(gauge.worthSplitting(256)).toBe(true);
    // A disk whose syncs take longer than the appends' work: one write a cycle does better.
    for (let i = 0; i < 30; i++) gauge.synced(6);
    expect(gauge.worthSplitting(256)).toBe(false);
    // The work grows (callers do more between appends): the pipeline pays again.
    for (let i = 0; i < 30; i++) gauge.worked(20, 256);
    expect(gauge.worthSplitting(256)).toBe(true);
    // Fewer appends a cycle, less work to overlap.
    expect(gauge.worthSplitting(32)).toBe(false);
  });

  it('ignores a cycle of no appends', () => {
    const gauge = new PipelineGauge();
    gauge.synced(1);
    gauge.worked(5, 0);
    expect(gauge.worthSplitting(64)).toBe(true);
  });
});
