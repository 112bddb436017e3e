import type { EventStore } from '../store/index.js';
import { locationInReason, syntaxErrorLocation, type CodeLocation } from './code-location.js';
import { ProjectionError } from './projection-error.js';
import { ProjectionFault } from './projection-fault.js';
import { ProjectionProcess, type WorkerLimits } from './projection-process.js';

/**
 * A run that took its process down without naming the event is run again with each event announced, to
 * name it, up to this many events (announcing costs a message an event).
 */
const PINPOINT_MAX_EVENTS = 200_000;

/** The name faults of edited code carry: it is not (yet) any projection of the folder. */
export const WHAT_IF_PROJECTION = 'what-if';

/** A fault of edited code, with the place in the code when the error names one (loading, a throw). */
export class ScratchFault extends ProjectionFault {
  constructor(
    fault: ProjectionFault,
    readonly location: CodeLocation | null,
  ) {
    super(fault.projection, fault.position, fault.reason);
  }
}

export interface ScratchOptions extends WorkerLimits {
  /** Fold up to this position (0 = the initial state); default: the last event. */
  readonly position?: number;
  /** The file name errors name: `projections/NAME.js` for an edit of NAME. */
  readonly filename?: string;
  /** Positions folded, about ten times a second during a long run. */
  readonly onProgress?: (position: number) => void;
  /** Ends the run: it rejects with a 'Cancelled' ProjectionError. */
  readonly signal?: AbortSignal;
}

/**
 * Folds projection code given as text into a scratch read model, for a what-if: the same sandbox process
 * and limits as the folder's projections, but the state lives only in that process and is gone with it.
 * Nothing is written: no checkpoint, no snapshot, no file in projections/. Every run folds from the first
 * event, since no snapshot of edited code exists.
 */
export async function runScratchProjection(
  store: EventStore,
  code: string,
  options: ScratchOptions = {},
): Promise<{ readonly position: number; readonly state: unknown }> {
  const last = store.lastPosition;
  const position = options.position ?? last;
  if (!Number.isSafeInteger(position) || position < 0 || position > last) {
    throw new ProjectionError('OutOfRange', `position ${String(position)} is outside the log (0 to ${last})`);
  }
  const filename = options.filename ?? `projections/${WHAT_IF_PROJECTION}.js`;
  const { signal } = options;
  const cancelled = (): ProjectionError =>
    new ProjectionError('Cancelled', 'the what-if run was replaced by a newer one');
  // A function, not a narrowed property: the signal may fire while this awaits.
  const aborted = (): boolean => signal?.aborted === true;
  if (aborted()) throw cancelled();

  const located = (fault: ProjectionFault): ScratchFault => {
    const location =
      fault.position === null
        ? (syntaxErrorLocation(code, filename) ?? locationInReason(fault.reason, filename))
        : locationInReason(fault.reason, filename);
    return new ScratchFault(fault, location);
  };

  let worker: ProjectionProcess;
  try {
    worker = await ProjectionProcess.start(
      WHAT_IF_PROJECTION,
      store,
      { kind: 'user', text: code, filename },
      options,
    );
  } catch (error) {
    if (error instanceof ProjectionFault) throw located(error);
    throw error;
  }
  const stop = (): void => void worker.terminate();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    if (aborted()) throw cancelled();
    worker.onProgress(options.onProgress);
    await worker.reset('scratch', null, 0);
    const outcome = await worker.fold('scratch', position).catch(async (error: unknown) => {
      if (!(error instanceof ProjectionFault) || !error.uncertain || position > PINPOINT_MAX_EVENTS)
        throw error;
      // The process was stopped before it could name the event: fold again, each event announced.
      await worker.terminate();
      worker = await ProjectionProcess.start(
        WHAT_IF_PROJECTION,
        store,
        { kind: 'user', text: code, filename },
        options,
      );
      worker.announcing = true;
      await worker.reset('scratch', null, 0);
      return worker.fold('scratch', position);
    });
    if (outcome.position < position) {
      throw new ProjectionFault(
        WHAT_IF_PROJECTION,
        outcome.position + 1,
        'the log could not be read at this position',
      );
    }
    return { position, state: JSON.parse(await worker.state('scratch')) as unknown };
  } catch (error) {
    if (aborted()) throw cancelled();
    if (error instanceof ProjectionFault) throw located(error);
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
    await worker.terminate();
  }
}
