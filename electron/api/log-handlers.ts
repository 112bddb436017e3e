import { ContractFailure } from './contract-failure.js';
import { isoTime } from './log-filter.js';
import type { HandlerMap } from './session-context.js';

type LogRequests = Pick<HandlerMap, 'log.open' | 'log.page' | 'log.locate' | 'log.close'>;

export const logHandlers: LogRequests = {
  'log.open': (arg, session) => session.folder('log.open').views.open(arg.source, arg.filter),
  'log.page': (arg, session) => session.folder('log.page').views.get(arg.view).page(arg.index, arg.limit),
  'log.locate': async (arg, session) => {
    const view = session.folder('log.locate').views.get(arg.view);
    if ((arg.position === undefined) === (arg.time === undefined)) {
      throw new ContractFailure('BadRequest', 'log.locate needs either a position or a time (one of them)', {
        request: 'log.locate',
        path: [arg.position === undefined ? 'position' : 'time'],
      });
    }
    if (arg.position !== undefined) return { index: view.locatePosition(arg.position) };
    return { index: await view.locateTime(isoTime(arg.time!, 'log.locate', 'time')) };
  },
  'log.close': (arg, session) => {
    session.current?.views.close(arg.view);
    return Promise.resolve(null);
  },
};
