import type { PushEvents } from '../../shared/contract.js';
import {
  ImportCancelled,
  ImportStaging,
  previewImport,
  runImport,
  StagingRefused,
  type ImportProgress,
} from '../journal/import/index.js';
import { ContractFailure } from './contract-failure.js';
import type { HandlerMap, SessionContext } from './session-context.js';
import { Throttle } from './throttle.js';

type ImportRequests = Pick<
  HandlerMap,
  | 'journal.import.choose'
  | 'journal.import.preview'
  | 'journal.import'
  | 'journal.import.cancel'
  | 'journal.import.upload'
>;

const PROGRESS_INTERVAL_MS = 100;

/** Exports the page uploaded in browser mode, until their import ends. */
const staging = new ImportStaging();

/** The imports each window is running, by their id, so that the window can cancel them. */
const running = new WeakMap<SessionContext, Map<string, AbortController>>();

function importsOf(session: SessionContext): Map<string, AbortController> {
  let imports = running.get(session);
  if (imports === undefined) {
    imports = new Map();
    running.set(session, imports);
  }
  return imports;
}

/**
 * File > Import: the desktop app asks for the export with the system dialog (`journal.import.choose`),
 * the page previews it, then imports it into a channel with progress pushed as `journal.import.progress`
 * (at most ten a second, and the last one always), and may cancel it. Browser mode has no dialog: the
 * page uploads the export (`journal.import.upload`) and imports the staged file; the staged files are
 * removed when that import ends, however it ends.
 */
export const journalImportHandlers: ImportRequests = {
  'journal.import.choose': async (arg, session) => {
    if (session.host.chooseImportFile === undefined) {
      throw new ContractFailure(
        'Unsupported',
        'journal.import.choose: browser mode has no file dialog; upload the export instead (journal.import.upload)',
      );
    }
    return { path: await session.host.chooseImportFile(arg.from) };
  },

  'journal.import.preview': async (arg, session) => {
    const { store } = session.folder('journal.import.preview');
    return previewImport(store, arg.path, arg.from);
  },

  'journal.import': async (arg, session) => {
    const { store } = session.folder('journal.import');
    const imports = importsOf(session);
    if (imports.has(arg.import)) {
      throw new ContractFailure('BadRequest', `journal.import: the import ${arg.import} is already running`, {
        import: arg.import,
      });
    }
    const controller = new AbortController();
    imports.set(arg.import, controller);
    let last: ImportProgress | undefined;
    const push = (): void => {
      if (last === undefined) return;
      const payload: PushEvents['journal.import.progress'] = { import: arg.import, ...last };
      session.push('journal.import.progress', payload);
    };
    const throttle = new Throttle(PROGRESS_INTERVAL_MS, push);
    try {
      return await runImport(store, {
        import: arg.import,
        path: arg.path,
        from: arg.from,
        channel: arg.channel,
        signal: controller.signal,
        onProgress: (progress) => {
          const phaseChanged = last?.phase !== progress.phase;
          last = progress;
          // Each phase's start and the end of the last are always told; steps in between at most 10 a second.
          if (phaseChanged || progress.done === progress.total) throttle.flush();
          else throttle.request();
        },
      });
    } catch (error) {
      if (error instanceof ImportCancelled)
        throw new ContractFailure('Cancelled', error.message, { import: arg.import });
      throw error;
    } finally {
      throttle.cancel();
      imports.delete(arg.import);
      if (staging.holds(arg.import, arg.path)) await staging.remove(arg.import);
    }
  },

  'journal.import.cancel': async (arg, session) => {
    const controller = importsOf(session).get(arg.import);
    if (controller !== undefined) controller.abort();
    // An upload given up before its import started leaves nothing behind either.
    else await staging.remove(arg.import);
    return null;
  },

  'journal.import.upload': async (arg) => {
    try {
      return await staging.write(arg.import, arg.file, arg.offset, Buffer.from(arg.data, 'base64'));
    } catch (error) {
      if (error instanceof StagingRefused) {
        throw new ContractFailure('BadRequest', `journal.import.upload: ${error.message}`, {
          file: arg.file,
        });
      }
      throw error;
    }
  },
};
