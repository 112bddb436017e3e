/**
 * Why a read model cannot answer: it faulted at an event (its `apply` threw there), or it was closed with
 * its folder. Callers that wait for a read model to reach a position get one of these instead.
 */
export class ReadModelError extends Error {
  override readonly name = 'ReadModelError';
  constructor(
    readonly code: 'ReadModelFaulted' | 'ReadModelClosed',
    readonly readModel: string,
    message: string,
    /** For a fault: the event's position. */
    readonly position: number | null = null,
  ) {
    super(message);
  }
}
