/** The projection runtime: what the api, the CLI and the tests use. */
export { ProjectionHost } from './projection-host.js';
export type { HostOptions, TrustCheck } from './projection-host.js';
export { ProjectionRunner } from './projection-runner.js';
export type { PathChange, ProjectionPath, ProjectionStatus, RunnerOptions } from './projection-runner.js';
export { builtinCode, builtinCodeNamed, userCode } from './projection-code.js';
export type { ProjectionCode } from './projection-code.js';
export { ProjectionFault } from './projection-fault.js';
export { ProjectionError } from './projection-error.js';
export type { ProjectionErrorCode } from './projection-error.js';
export { BUILTIN_PROJECTIONS, findBuiltin } from './builtins/index.js';
export { ProjectionProcess, defaultSandboxPool } from './projection-process.js';
export type { WorkerLimits, SandboxTestOptions, LineSource } from './projection-process.js';
export type { ProjectionEvent, ProjectionSourceSpec } from './fold-runtime.js';
export type { ProjectionShape, SandboxWalls, SandboxArguments } from './sandbox/sandbox-protocol.js';
export { SandboxPool, type SandboxPoolOptions } from './sandbox/sandbox-pool.js';
export type { SandboxSpawner, SpawnedSandbox, SpawnWalls } from './sandbox/spawner.js';
export { hardLimitMb, nodeSpawner, SANDBOX_ENTRY } from './sandbox/node-spawner.js';
export type { Holes } from './holes.js';
export { SNAPSHOT_EVERY, MAX_SNAPSHOTS } from './snapshot-policy.js';
export { runScratchProjection, ScratchFault, WHAT_IF_PROJECTION } from './scratch-projection.js';
export type { ScratchOptions } from './scratch-projection.js';
export type { CodeLocation } from './code-location.js';
export {
  checkProjectionName,
  projectionFileOf,
  readProjectionSource,
  writeProjectionSource,
} from './projection-source-file.js';
