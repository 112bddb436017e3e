import type { ProjectionApi } from '../fold-runtime.js';

/** A projection that ships with Eventfold: trusted code, so it runs without the folder being trusted. */
export interface BuiltinProjection {
  readonly name: string;
  readonly description: string;
  /** Bumped when its fold changes, so that checkpoints made by the old fold are rebuilt. */
  readonly version: number;
  define(api: ProjectionApi): void;
}
