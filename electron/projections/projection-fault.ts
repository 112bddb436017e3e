/**
 * A projection stopped: its code threw, ran past its time limit, ran out of memory, or did not load. Names
 * the projection, the event (null when no event was being handled: loading, $init) and the error.
 */
export class ProjectionFault extends Error {
  constructor(
    readonly projection: string,
    readonly position: number | null,
    readonly reason: string,
  ) {
    super(
      position === null
        ? `projection ${projection} failed: ${reason}`
        : `projection ${projection} faulted at position ${position}: ${reason}`,
    );
    this.name = 'ProjectionFault';
  }
}
