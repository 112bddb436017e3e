import path from 'node:path';
import { initEventFolder, type RepairResult } from '../store/index.js';
import { ContractFailure } from './contract-failure.js';
import type { Handler, HandlerMap } from './session-context.js';

type FolderRequests = Pick<
  HandlerMap,
  | 'folder.current'
  | 'folder.open'
  | 'folder.create'
  | 'folder.choose'
  | 'folder.recent'
  | 'folder.forget'
  | 'folder.repair'
>;

const repair: Handler<'folder.repair'> = async (_arg, session) => {
  const folder = session.folder('folder.repair');
  // The same repair as the CLI's, which first checks the whole log: the page shows how far it has got,
  // and the bar goes away when it ends, however it ends.
  const progress = folder.progressOf('repairing');
  let result: RepairResult;
  try {
    result = await folder.store.repair({ onProgress: progress });
  } finally {
    progress({ bytesDone: 1, bytesTotal: 1 });
  }
  const summary = await folder.summary();
  folder.announce(summary);
  return {
    bytesCut: result.bytesCut,
    keptAs: result.keptIn === undefined ? null : path.relative(folder.store.folder, result.keptIn),
    folder: summary,
  };
};

export const folderHandlers: FolderRequests = {
  'folder.current': async (_arg, session) =>
    session.current === undefined ? null : session.current.summary(),
  'folder.open': (arg, session) => session.openFolder(arg.path),
  'folder.create': async (arg, session) => {
    // Only an empty or missing directory becomes an event folder; anything else is refused by init.
    await initEventFolder(path.resolve(arg.path));
    return session.openFolder(arg.path);
  },
  'folder.choose': async (arg, session) => {
    if (session.host.chooseFolder === undefined) {
      throw new ContractFailure(
        'Unsupported',
        'folder.choose: a browser page cannot show the system folder dialog; type the folder path instead',
      );
    }
    return { path: await session.host.chooseFolder(arg.purpose) };
  },
  'folder.recent': (_arg, session) => session.recent.list(),
  'folder.forget': (arg, session) => session.recent.forget(path.resolve(arg.path)),
  'folder.repair': repair,
};
