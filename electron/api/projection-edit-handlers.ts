import type { JsonValue } from '../../shared/event.js';
import { diffJson } from '../../shared/json-diff/index.js';
import type { RequestName } from '../../shared/contract.js';
import {
  ProjectionError,
  ProjectionFault,
  ScratchFault,
  checkProjectionName,
  findBuiltin,
  projectionFileOf,
  readProjectionSource,
  runScratchProjection,
  writeProjectionSource,
  type ProjectionHost,
} from '../projections/index.js';
import { readProjectionFiles, withFile } from '../projections/trust/index.js';
import { ContractFailure } from './contract-failure.js';
import { hostFor } from './projection-handlers.js';
import type { Handler, HandlerMap, SessionContext } from './session-context.js';
import { projectionSummary } from './session-folder.js';
import { Throttle } from './throttle.js';

type ProjectionEditRequests = Pick<HandlerMap, 'projection.source' | 'projection.whatif' | 'projection.save'>;

const PROGRESS_INTERVAL_MS = 100;

/** Each session's what-if run in progress: a newer run ends it (the user changed the code and ran again). */
const runs = new WeakMap<SessionContext, AbortController>();

/** The runtime's refusals and faults as the contract's codes. */
function contractFailure(request: RequestName, error: unknown): unknown {
  if (error instanceof ScratchFault) {
    return new ContractFailure('ProjectionFault', error.message, {
      projection: error.projection,
      position: error.position,
      reason: error.reason,
      ...(error.location === null ? {} : { line: error.location.line, column: error.location.column }),
    });
  }
  if (error instanceof ProjectionFault) {
    return new ContractFailure('ProjectionFault', error.message, {
      projection: error.projection,
      position: error.position,
      reason: error.reason,
    });
  }
  if (error instanceof ProjectionError) {
    const code = error.code === 'InvalidArgument' ? 'BadRequest' : error.code;
    return new ContractFailure(code, `${request}: ${error.message}`);
  }
  return error;
}

async function answer<T>(request: RequestName, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw contractFailure(request, error);
  }
}

const source: Handler<'projection.source'> = (arg, session) =>
  answer('projection.source', async () => {
    if (findBuiltin(arg.name) !== undefined) {
      throw new ContractFailure(
        'Unsupported',
        `projection.source: ${arg.name} is built into Eventfold and has no file to edit; start a new projection instead`,
      );
    }
    const { store } = session.folder('projection.source');
    const code = await readProjectionSource(store.folder, arg.name);
    return { name: arg.name, code, file: projectionFileOf(arg.name) };
  });

/**
 * The named projection's state at `position`, to compare with: its saved code runs only in a trusted
 * folder, and past an unskipped fault it has no state; both are told rather than failing the what-if.
 */
async function currentState(
  host: ProjectionHost,
  name: string,
  position: number,
): Promise<{ current: JsonValue | null; currentError?: string }> {
  try {
    return { current: (await host.stateAt(name, position)) as JsonValue };
  } catch (error) {
    if (error instanceof ProjectionError && error.code === 'NotTrusted') {
      return {
        current: null,
        currentError: `${name} runs only once the folder is trusted, so there is nothing to compare with`,
      };
    }
    if (error instanceof ProjectionFault) return { current: null, currentError: error.message };
    throw error;
  }
}

const whatIf: Handler<'projection.whatif'> = (arg, session) =>
  answer('projection.whatif', async () => {
    const { store } = session.folder('projection.whatif');
    const position = arg.position ?? store.lastPosition;
    const { name } = arg;
    let host: ProjectionHost | undefined;
    if (name !== undefined) {
      host = await hostFor(session, 'projection.whatif');
      if (!host.list().some((projection) => projection.name === name)) {
        throw new ContractFailure(
          'UnknownProjection',
          `projection.whatif: there is no projection named ${name}`,
        );
      }
    }
    runs.get(session)?.abort();
    const run = new AbortController();
    runs.set(session, run);
    let done = 0;
    const progress = new Throttle(PROGRESS_INTERVAL_MS, () => {
      if (!run.signal.aborted) session.push('whatif.progress', { done, total: position });
    });
    try {
      const [scratch, compared] = await Promise.all([
        runScratchProjection(store, arg.code, {
          position,
          // The same sandbox processes and limits as the folder's projections (desktop: utility processes).
          ...session.registry.projectionOptions,
          // An edit of NAME names NAME's file in its errors, as the saved projection would.
          filename: projectionFileOf(
            name !== undefined && findBuiltin(name) === undefined ? name : 'what-if',
          ),
          signal: run.signal,
          onProgress: (folded) => {
            done = folded;
            progress.request();
          },
        }),
        host === undefined || name === undefined
          ? Promise.resolve({ current: null })
          : currentState(host, name, position),
      ]);
      const state = scratch.state as JsonValue;
      return {
        position,
        state,
        ...compared,
        changes: compared.current === null ? [] : diffJson(compared.current, state),
      };
    } finally {
      progress.cancel();
      if (runs.get(session) === run) runs.delete(session);
    }
  });

const save: Handler<'projection.save'> = (arg, session) =>
  answer('projection.save', async () => {
    checkProjectionName(arg.name);
    if (findBuiltin(arg.name) !== undefined) {
      throw new ProjectionError(
        'InvalidArgument',
        `"${arg.name}" is the name of a built-in projection: choose another name`,
      );
    }
    const { lease } = session.folder('projection.save');
    const before = await readProjectionFiles(lease.path);
    const decision = await session.trust.decide(lease.identity, before.hash);
    if (!decision.trusted) {
      throw new ContractFailure(
        'NotTrusted',
        decision.askAgain === 'code-changed'
          ? 'projection.save: the projection code in this folder changed since you trusted it; trust it again before saving into it'
          : `projection.save: trust this folder before saving projection code into it (saved code runs whenever the folder is open)`,
      );
    }
    // Saving code from the app is the user's consent to run it: trust moves to the folder's code as the
    // save leaves it, so the folder does not ask again for what the user just wrote.
    const after = withFile(before, `${arg.name}.js`, arg.code);
    await session.trust.trust(lease.identity, after.hash);
    try {
      await writeProjectionSource(lease.path, arg.name, arg.code);
    } catch (error) {
      await session.trust.trust(lease.identity, before.hash).catch(() => undefined);
      throw error;
    }
    const host = await hostFor(session, 'projection.save');
    // Reloaded now rather than when the watcher notices, so the answer already shows the new code starting.
    const status = await host.reload(arg.name);
    if (status === undefined) {
      throw new ContractFailure(
        'Internal',
        `projection.save: ${projectionFileOf(arg.name)} was written but did not load`,
      );
    }
    return projectionSummary(status);
  });

export const projectionEditHandlers: ProjectionEditRequests = {
  'projection.source': source,
  'projection.whatif': whatIf,
  'projection.save': save,
};
