import type { Frame } from './frames.js';
import type { FoldTarget } from './sandbox-protocol.js';

/** The next lines for a fold, or the end of what the host has up to the fold's target position. */
export type Input = { readonly lines: Frame } | { readonly end: true };

interface TargetInput {
  /** Lines that came and are not folded yet (asked ahead, or left from a fold that ended early). */
  readonly queue: Frame[];
  /** A 'more' is out: the host answers every one, with lines or an end. */
  asked: boolean;
  /** The host has no more lines for this fold. */
  ended: boolean;
  /** The fold being fed, and who waits for its next input. */
  fold: number;
  waiting: ((input: Input) => void) | undefined;
}

/**
 * Log lines as the host sends them to a sandbox, per fold target. One chunk is asked for ahead of the one
 * being folded, so that reading and sending the next overlaps folding this one. Lines that come after
 * their fold ended early (a history search that found enough, a fault) are the target's next lines all
 * the same (the host counts them as sent); a reset of the target drops them with its state.
 */
export class ChildInput {
  private readonly targets: Record<FoldTarget, TargetInput> = { live: empty(), scratch: empty() };

  constructor(private readonly ask: (fold: number, target: FoldTarget) => void) {}

  /** A fold of `target` starts: what was queued is its input; no end is known yet. */
  begin(fold: number, target: FoldTarget): void {
    const input = this.targets[target];
    input.fold = fold;
    input.ended = false;
  }

  /** The target was reset: its queued lines belong to the state it had. */
  reset(target: FoldTarget): void {
    this.targets[target].queue.length = 0;
  }

  /** The host's answer to a 'more'. */
  received(frame: Frame, fold: number, target: FoldTarget, end: boolean): void {
    const input = this.targets[target];
    input.asked = false;
    if (end) {
      // An end for an earlier fold says nothing about this one.
      if (fold === input.fold) input.ended = true;
    } else input.queue.push(frame);
    this.wake(input);
  }

  /** Lines asked for have not all come yet (the host is reading them, or they are in the pipe). */
  onItsWay(target: FoldTarget): boolean {
    return this.targets[target].asked;
  }

  /** The next lines for the fold, asked for (and the ones after them asked ahead) as needed. */
  next(target: FoldTarget): Promise<Input> {
    const input = this.targets[target];
    return new Promise((resolve) => {
      input.waiting = resolve;
      this.wake(input);
    });
  }

  private wake(input: TargetInput): void {
    const waiting = input.waiting;
    if (waiting === undefined) return;
    const lines = input.queue.shift();
    if (lines !== undefined) {
      input.waiting = undefined;
      this.askAhead(input);
      waiting({ lines });
    } else if (input.ended) {
      input.waiting = undefined;
      waiting({ end: true });
    } else this.askAhead(input);
  }

  private askAhead(input: TargetInput): void {
    if (input.asked || input.ended) return;
    input.asked = true;
    this.ask(input.fold, input === this.targets.live ? 'live' : 'scratch');
  }
}

function empty(): TargetInput {
  return { queue: [], asked: false, ended: false, fold: 0, waiting: undefined };
}
