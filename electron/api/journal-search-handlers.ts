import type { HandlerMap } from './session-context.js';
import { ContractFailure } from './contract-failure.js';
import { DEFAULT_LIMIT } from '../journal/search/index.js';

/**
 * Full-text search of the journal (the contract's `journal.search`). The folder's index is started on the
 * first search (from its saved copy, catching up, with `journal.progress` pushes) and shared by every
 * window on the folder. A hit names its message and channel: the chat view opens it with
 * `journal.messages` and a page `around` the message, in that channel.
 */
export const journalSearchHandlers: Pick<HandlerMap, 'journal.search'> = {
  'journal.search': async (arg, session) => {
    if (arg.from !== undefined && arg.to !== undefined && arg.from > arg.to) {
      throw new ContractFailure(
        'BadRequest',
        `journal.search: from (${arg.from}) is after to (${arg.to}); swap them or leave one out`,
        { from: arg.from, to: arg.to },
      );
    }
    const index = await session.folder('journal.search').lease.search();
    return index.search({ ...arg, offset: arg.offset ?? 0, limit: arg.limit ?? DEFAULT_LIMIT });
  },
};
