import { contextBridge } from 'electron';

/** What the page sees as `window.eventfold`. The next step replaces this with the typed contract in shared/. */
export interface EventfoldBridge {
  readonly version: string;
  readonly platform: string;
}

const bridge = {
  version: __EVENTFOLD_VERSION__,
  platform: process.platform,
} satisfies EventfoldBridge;

contextBridge.exposeInMainWorld('eventfold', bridge);
