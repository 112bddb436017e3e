import type { IpcRendererEvent } from 'electron';
import {
  ipcChannels,
  isRequestName,
  pushNames,
  type Answer,
  type EventfoldBridge,
  type PushName,
} from '../../shared/contract.js';

type PushListener = (payload: unknown) => void;

/** The two things the bridge does with ipcRenderer. */
export interface IpcLink {
  invoke(channel: string, name: string, arg: unknown): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, name: unknown, payload: unknown) => void): void;
}

/** The bridge and, for the preload's own use, a way to hand a push to the page's listeners. */
export interface Bridge {
  readonly bridge: EventfoldBridge;
  /** Delivers a push the preload itself raises (a failed folder drop) as if the main process sent it. */
  readonly deliver: (name: PushName, payload: unknown) => void;
}

const isPushName = (name: unknown): name is PushName =>
  typeof name === 'string' && (pushNames as readonly string[]).includes(name);

const refusal = (message: string): Answer<never> => ({ ok: false, error: { code: 'BadRequest', message } });

/**
 * `window.eventfold`: the contract's requests and pushes, nothing else. Unknown names stop here, before
 * IPC, and the page never sees an IpcRendererEvent (its `sender` is the ipcRenderer itself).
 */
export function createBridge(ipc: IpcLink): Bridge {
  const listeners = new Map<PushName, Set<PushListener>>();

  const deliver = (name: PushName, payload: unknown): void => {
    for (const listener of listeners.get(name) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        // One page listener failing must not keep the push from the others.
        console.error(`eventfold: a listener of "${name}" threw`, error);
      }
    }
  };

  ipc.on(ipcChannels.push, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (isPushName(name)) deliver(name, payload);
  });

  const bridge = {
    invoke: async (name: unknown, arg: unknown): Promise<Answer<unknown>> => {
      if (!isRequestName(name)) {
        return refusal(`"${String(name)}" is not a request of the Eventfold contract`);
      }
      try {
        return (await ipc.invoke(ipcChannels.invoke, name, arg)) as Answer<unknown>;
      } catch (error) {
        // Electron rejects when the argument cannot be cloned (a function, a DOM node) or IPC failed.
        return refusal(`${name}: the request could not be sent: ${(error as Error).message}`);
      }
    },
    on: (name: unknown, listener: PushListener): (() => void) => {
      if (!isPushName(name)) throw new TypeError(`"${String(name)}" is not a push of the Eventfold contract`);
      if (typeof listener !== 'function')
        throw new TypeError(`on("${name}"): the listener is not a function`);
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const own = set;
      // Each subscription is its own entry, so subscribing the same function twice needs two unsubscribes.
      const entry: PushListener = (payload) => listener(payload);
      own.add(entry);
      return () => {
        own.delete(entry);
      };
    },
  } satisfies EventfoldBridge;

  return { bridge, deliver };
}
