import { countProjectionFiles } from '../projections/trust/index.js';
import { ContractFailure } from './contract-failure.js';
import type { Handler, HandlerMap } from './session-context.js';
import { errorText } from '../../shared/error-text.js';

type TrustRequests = Pick<HandlerMap, 'folder.trust' | 'trust.status'>;

/** Trust is keyed by the manifest id, so a moved folder stays trusted and a new one at the same path is not. */
const setTrust: Handler<'folder.trust'> = async (arg, session) => {
  const { store } = session.folder('folder.trust').lease;
  const { id } = store.manifest;
  try {
    if (arg.trusted) await session.trust.trust(id, store.folder);
    else await session.trust.revoke(id);
  } catch (error) {
    throw new ContractFailure(
      'Internal',
      `folder.trust: could not save the decision in ${session.trust.file}: ${errorText(error)}`,
      { file: session.trust.file },
    );
  }
  const trusted = await session.trust.isTrusted(id);
  await session.folder('folder.trust').lease.trustChanged(trusted);
  return { trusted };
};

const trustStatus: Handler<'trust.status'> = async (_arg, session) => {
  const { store } = session.folder('trust.status').lease;
  const [trusted, projections] = await Promise.all([
    session.trust.isTrusted(store.manifest.id),
    countProjectionFiles(store.folder),
  ]);
  return { trusted, projections };
};

export const trustHandlers: TrustRequests = {
  'folder.trust': setTrust,
  'trust.status': trustStatus,
};
