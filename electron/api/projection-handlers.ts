import type { JsonValue } from '../../shared/event.js';
import type { RequestName } from '../../shared/contract.js';
import { ProjectionError, ProjectionFault, type ProjectionHost } from '../projections/index.js';
import { ContractFailure } from './contract-failure.js';
import type { Handler, HandlerMap, SessionContext } from './session-context.js';
import { projectionSummary as summary } from './session-folder.js';

type ProjectionRequests = Pick<
  HandlerMap,
  | 'projections.list'
  | 'projection.state'
  | 'projection.around'
  | 'projection.history'
  | 'projection.skip'
  | 'projection.rebuild'
>;

/**
 * The folder's projections; its own code runs only if the user trusts the folder, at its place, with the
 * code it has now (built-ins always run).
 */
export async function hostFor(session: SessionContext, request: RequestName): Promise<ProjectionHost> {
  const { lease } = session.folder(request);
  return lease.projections((files) => session.trust.decide(lease.identity, files.hash));
}

/** Runs a projection request, turning the runtime's errors into the contract's codes. */
async function answer<T>(request: RequestName, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProjectionFault) {
      throw new ContractFailure('ProjectionFault', error.message, {
        projection: error.projection,
        position: error.position,
        reason: error.reason,
      });
    }
    if (error instanceof ProjectionError) {
      const code = error.code === 'InvalidArgument' ? 'BadRequest' : error.code;
      throw new ContractFailure(code, `${request}: ${error.message}`);
    }
    throw error;
  }
}

const list: Handler<'projections.list'> = async (_arg, session) =>
  (await hostFor(session, 'projections.list')).list().map(summary);

const state: Handler<'projection.state'> = async (arg, session) => {
  const host = await hostFor(session, 'projection.state');
  const position = arg.position ?? session.folder('projection.state').store.lastPosition;
  const value = await answer('projection.state', () => host.stateAt(arg.name, position));
  return { position, state: value as JsonValue };
};

const around: Handler<'projection.around'> = async (arg, session) => {
  const host = await hostFor(session, 'projection.around');
  const states = await answer('projection.around', () => host.around(arg.name, arg.position));
  return { before: states.before as JsonValue, after: states.after as JsonValue };
};

const history: Handler<'projection.history'> = async (arg, session) => {
  const host = await hostFor(session, 'projection.history');
  const { from, to, limit } = arg;
  const found = await answer('projection.history', () =>
    host.history(arg.name, arg.path, {
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(limit === undefined ? {} : { limit }),
    }),
  );
  return {
    changes: found.changes.map((change) => ({
      position: change.position,
      ...('before' in change ? { before: change.before as JsonValue } : {}),
      ...('after' in change ? { after: change.after as JsonValue } : {}),
    })),
    next: found.next,
  };
};

const skip: Handler<'projection.skip'> = async (arg, session) => {
  const host = await hostFor(session, 'projection.skip');
  return summary(await answer('projection.skip', () => host.skip(arg.name, arg.position)));
};

const rebuild: Handler<'projection.rebuild'> = async (arg, session) => {
  const host = await hostFor(session, 'projection.rebuild');
  return summary(await answer('projection.rebuild', () => host.rebuild(arg.name)));
};

export const projectionHandlers: ProjectionRequests = {
  'projections.list': list,
  'projection.state': state,
  'projection.around': around,
  'projection.history': history,
  'projection.skip': skip,
  'projection.rebuild': rebuild,
};
