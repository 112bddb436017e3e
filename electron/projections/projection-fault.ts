/**
 * A projection stopped: its code threw, ran past its time limit, ran out of memory, or did not load. Names
 * the projection, the event (null when no event was being handled: loading, $init) and the error.
 */
export class ProjectionFault extends Error {
  constructor(
    readonly projection: string,
    readonly position: number | null,
    readonly reason: string,
    /**
     * The process was stopped (or crashed) before it could name the event: `position` is the first event
     * it may have been handling. Folding again with each event announced finds the one.
     */
    readonly uncertain = false,
  ) {
    super(
      position === null
        ? `projection ${projection} failed: ${reason}`
        : `projection ${projection} faulted at position ${position}: ${reason}`,
    );
    this.name = 'ProjectionFault';
  }
}
