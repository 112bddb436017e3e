export type ProjectionErrorCode =
  | 'UnknownProjection'
  | 'OutOfRange'
  | 'NotFaulted'
  | 'NotTrusted'
  | 'InvalidArgument'
  | 'Closed'
  | 'Cancelled';

/** A request about projections that cannot be done as asked (not a fault of the projection's code). */
export class ProjectionError extends Error {
  constructor(
    readonly code: ProjectionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectionError';
  }
}
