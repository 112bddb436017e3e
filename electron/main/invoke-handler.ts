import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { Answer } from '../../shared/contract.js';
import type { ApiSession } from '../api/index.js';
import type { PageSource } from './app-page.js';
import { senderRefusal } from './sender-check.js';

export type InvokeHandler = (
  event: IpcMainInvokeEvent,
  name: unknown,
  arg: unknown,
) => Promise<Answer<unknown>>;

/**
 * The handler of `eventfold:invoke`: a request runs in the api session of the window that sent it, and
 * only when it comes from that window's top frame showing our page. Anything else is answered with an
 * error and runs nothing.
 */
export function createInvokeHandler(options: {
  readonly page: PageSource;
  readonly sessionOf: (contents: WebContents) => ApiSession | undefined;
  /** Called after a request that may have changed the recent folders ran (to refresh the menu). */
  readonly afterFolderRequest?: () => void;
}): InvokeHandler {
  return async (event, name, arg) => {
    const session = options.sessionOf(event.sender);
    const refusal = senderRefusal(event.senderFrame, session !== undefined, options.page);
    if (refusal !== undefined || session === undefined) {
      return {
        ok: false,
        error: {
          code: 'BadRequest',
          message: `Eventfold refused the request: ${refusal ?? 'unknown sender'}`,
        },
      };
    }
    const answer = await session.dispatch(name, arg);
    if (answer.ok && (name === 'folder.open' || name === 'folder.create' || name === 'folder.forget')) {
      options.afterFolderRequest?.();
    }
    return answer;
  };
}
