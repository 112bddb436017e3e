import type { TrustStatus } from '../../shared/contract.js';
import { readProjectionFiles, type ProjectionFiles } from '../projections/trust/index.js';
import { ContractFailure } from './contract-failure.js';
import type { FolderLease } from './folder-registry.js';
import type { Handler, HandlerMap, SessionContext } from './session-context.js';
import { errorText } from '../../shared/error-text.js';

type TrustRequests = Pick<HandlerMap, 'folder.trust' | 'trust.status'>;

/**
 * Trust is kept for the folder at its real path, with its manifest id and the code it has now: a copy of
 * its manifest elsewhere is not trusted, and changed code asks again.
 */
const setTrust: Handler<'folder.trust'> = async (arg, session) => {
  const { lease } = session.folder('folder.trust');
  const files = await readProjectionFiles(lease.path);
  try {
    if (arg.trusted) await session.trust.trust(lease.identity, files.hash);
    else await session.trust.revoke(lease.identity);
  } catch (error) {
    throw new ContractFailure(
      'Internal',
      `folder.trust: could not save the decision in ${session.trust.file}: ${errorText(error)}`,
      { file: session.trust.file },
    );
  }
  const status = await trustStatusOf(session, lease, files);
  await lease.trustChanged(status);
  return { trusted: status.trusted };
};

const trustStatus: Handler<'trust.status'> = async (_arg, session) => {
  const { lease } = session.folder('trust.status');
  return trustStatusOf(session, lease, await readProjectionFiles(lease.path));
};

/** The folder's trust for the code it has (`files`), as the prompt shows it. */
export async function trustStatusOf(
  session: SessionContext,
  lease: FolderLease,
  files: ProjectionFiles,
): Promise<TrustStatus> {
  const decision = await session.trust.decide(lease.identity, files.hash);
  return {
    trusted: decision.trusted,
    projections: files.files.length + files.unreadable.length,
    ...(decision.askAgain === undefined ? {} : { askAgain: decision.askAgain }),
  };
}

export const trustHandlers: TrustRequests = {
  'folder.trust': setTrust,
  'trust.status': trustStatus,
};
