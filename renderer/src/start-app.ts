import { mount } from 'svelte';
import App from './App.svelte';
import type { EventfoldApi } from '../../shared/contract.js';
import { connectApi } from './lib/api/connect.js';
import { AppSession } from './lib/app-session.svelte.js';
import type { Router } from './lib/routing/router.svelte.js';
import { ThemePreference } from './lib/theme-preference.svelte.js';

/** What first-connection.ts made: it has read the address and opened the first connection. */
export interface AppStart {
  readonly target: HTMLElement;
  readonly router: Router;
  /** The connection main.ts opened with the first screen's requests on it (the app's first connect). */
  readonly firstConnection: Promise<EventfoldApi>;
  readonly emptyAddress: boolean;
}

/** Makes the app's components, on the connection first-connection.ts opened (see main.ts). */
export function startApp({ target, router, firstConnection, emptyAddress }: AppStart): void {
  let connections = 0;
  mount(App, {
    target,
    props: {
      session: new AppSession(() => (connections++ === 0 ? firstConnection : connectApi(window))),
      theme: new ThemePreference(
        document.documentElement,
        localStorage,
        window.matchMedia('(prefers-color-scheme: dark)'),
      ),
      router,
      emptyAddress,
      mac: /Mac|iPhone|iPad/.test(navigator.platform),
    },
  });
}
