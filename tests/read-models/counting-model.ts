import type { RecordedEvent } from '../../shared/event.js';
import type { ReadModel } from '../../electron/read-models/index.js';

/**
 * A read model for the runtime's tests: counts events per type and remembers the positions it folded.
 * It throws at events whose data says `{ "explode": true }`, and counts how often it was reset and loaded,
 * so a test can tell a rebuild from a resume.
 */
export class CountingModel implements ReadModel {
  counts: Record<string, number> = {};
  positions: number[] = [];
  resets = 0;
  loads = 0;
  /** Whether `{ "explode": true }` makes it throw. */
  explodes = true;

  constructor(
    readonly name = 'counting',
    readonly version = 1,
    readonly types?: readonly string[],
  ) {}

  reset(): void {
    this.resets++;
    this.counts = {};
    this.positions = [];
  }

  apply(event: RecordedEvent): void {
    if (this.explodes && (event.data as { explode?: unknown } | null)?.explode === true) {
      throw new Error(`refusing ${event.type}`);
    }
    this.counts[event.type] = (this.counts[event.type] ?? 0) + 1;
    this.positions.push(event.position);
  }

  save(): string {
    return JSON.stringify({ counts: this.counts, positions: this.positions });
  }

  load(text: string): void {
    const value = JSON.parse(text) as { counts: Record<string, number>; positions: number[] };
    if (!Array.isArray(value.positions)) throw new Error('no positions');
    this.loads++;
    this.counts = value.counts;
    this.positions = value.positions;
  }
}
