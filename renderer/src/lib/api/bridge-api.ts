import type {
  EventfoldApi,
  EventfoldBridge,
  PushEvents,
  PushName,
  RequestResult,
} from '../../../../shared/contract.js';
import { ContractError, asContractError } from './contract-error.js';

/** The desktop window's api: the preload's bridge, with refusals turned into ContractErrors. */
export function bridgeApi(bridge: EventfoldBridge): EventfoldApi {
  return {
    async call(name, arg) {
      let answer;
      try {
        answer = await bridge.invoke(name, arg);
      } catch (error) {
        throw asContractError(name, error);
      }
      if (!answer.ok) throw new ContractError(answer.error);
      return answer.value as RequestResult<typeof name>;
    },
    on<P extends PushName>(name: P, listener: (payload: PushEvents[P]) => void) {
      return bridge.on(name, (payload) => listener(payload as PushEvents[P]));
    },
  };
}
