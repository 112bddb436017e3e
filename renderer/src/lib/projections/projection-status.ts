import { formatCount } from '../number-format.js';
import type { ProjectionSummary } from '../../../../shared/contract.js';

export type StatusTone = 'ok' | 'busy' | 'danger' | 'muted' | 'warning';

/** A projection's status as the navigation and the projection view word it. */
export interface StatusText {
  /** A few words: `Caught up at #120`, `Catching up: 40% (#400 of #1,000)`, `Faulted at #57`. */
  readonly label: string;
  readonly tone: StatusTone;
  /** `2 events skipped`, or null when none were. */
  readonly skipped: string | null;
}

const at = (position: number): string => `#${formatCount(position)}`;

/**
 * `lastPosition` is the folder's newest position: a running projection that has folded it is caught up,
 * one behind it is still catching up. An idle one has not been started: opening it starts it.
 */
export function statusText(summary: ProjectionSummary, lastPosition: number): StatusText {
  const count = summary.skipped.length;
  const skipped = count === 0 ? null : count === 1 ? '1 event skipped' : `${count} events skipped`;
  switch (summary.status) {
    case 'idle':
      // Where an earlier session left it (it resumes there once opened); 0 when it never ran.
      return {
        label: summary.position > 0 ? `Not started · last at ${at(summary.position)}` : 'Not started',
        tone: 'muted',
        skipped,
      };
    case 'running': {
      if (summary.position >= lastPosition)
        return { label: `Caught up at ${at(summary.position)}`, tone: 'ok', skipped };
      // Floored: 100% only once caught up.
      const percent = Math.floor((summary.position / lastPosition) * 100);
      return {
        label: `Catching up: ${percent}% (${at(summary.position)} of ${at(lastPosition)})`,
        tone: 'busy',
        skipped,
      };
    }
    case 'starting':
      return { label: `Starting at ${at(summary.position)}`, tone: 'busy', skipped };
    case 'faulted':
      return {
        label: summary.fault?.position == null ? 'Faulted' : `Faulted at ${at(summary.fault.position)}`,
        tone: 'danger',
        skipped,
      };
    case 'stopped':
      return { label: `Stopped at ${at(summary.position)}`, tone: 'muted', skipped };
    case 'untrusted':
      return { label: 'Waits for trust', tone: 'warning', skipped };
    case 'invalid':
      return { label: 'Cannot run', tone: 'danger', skipped };
    default:
      return summary.status satisfies never;
  }
}

/**
 * The holes a projection passed over (positions the log has no sound event for: damaged lines, which
 * `read` skips too), as the header words them; null when there were none.
 */
export function holesText(summary: ProjectionSummary): { label: string; title: string } | null {
  const { count, positions } = summary.holes;
  if (count === 0) return null;
  const listed = positions.map(at).join(', ');
  const more =
    count > positions.length ? `, and ${(count - positions.length).toLocaleString('en-US')} more` : '';
  return {
    label:
      count === 1
        ? '1 damaged event passed over'
        : `${count.toLocaleString('en-US')} damaged events passed over`,
    title: `The log has no sound event at ${listed}${more} (the lines are damaged; \`eventfold verify\` says how). The projection folded on without them, as \`read\` skips them.`,
  };
}

/** The file a user projection lives in, for the hint to fix its code. */
export function projectionFile(name: string): string {
  return `projections/${name}.js`;
}
