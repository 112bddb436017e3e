/**
 * The one runtime for anything built from the log with a store of its own (DESIGN.md: the journal's views,
 * its search index, report inputs, later sync cursors): a ReadModel folds events; a ReadModelRunner loads
 * its checkpoint, catches up, follows the log live, checkpoints and reports status.
 */
export type { AppliedRange, ReadModel } from './read-model.js';
export { ReadModelRunner } from './read-model-runner.js';
export type { ReadModelRunnerOptions, ReadModelSource } from './read-model-runner.js';
export type { ReadModelState, ReadModelStatus } from './read-model-status.js';
export { ReadModelError } from './read-model-error.js';
export { checkpointFile } from './checkpoint-file.js';
