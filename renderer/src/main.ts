import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './lib/api/connect.js';
import { EarlyCalls, type EarlyCall } from './lib/api/early-calls.js';
import { AppSession } from './lib/app-session.svelte.js';
import { windowAddressBar } from './lib/routing/address-bar.js';
import { queryText, type Place } from './lib/routing/route-table.js';
import { Router } from './lib/routing/router.svelte.js';
import { ThemePreference } from './lib/theme-preference.svelte.js';
import { FALLBACK_PLACE, routeTable, viewOf } from './views/index.js';
import './styles/theme.css';
import './styles/controls.css';
import './styles/dropdown.css';
import './styles/navigation.css';

const target = document.getElementById('app');
if (!target) throw new Error('renderer/index.html must contain <div id="app">.');

// Read before the router rewrites an empty address to the overview's.
const emptyAddress =
  window.location.hash === '' || window.location.hash === '#' || window.location.hash === '#/';

const router = new Router(routeTable(), windowAddressBar(window), FALLBACK_PLACE);

/**
 * What the app asks first: the app and its folder, then what the page at the address asks when it opens
 * (unless the address names another folder than the one the connection opens).
 */
function firstCalls(place: Place): EarlyCall[] {
  const calls: EarlyCall[] = [
    { name: 'app.info', arg: undefined },
    { name: 'folder.current', arg: undefined },
  ];
  if (queryText(place.query, 'folder') !== undefined) return calls;
  return [...calls, ...(viewOf(place.route)?.firstCalls?.(place) ?? [])];
}

// The connection opens now, and the first requests go with it: their answers come back while the app's
// components are made, instead of one round trip after another once each part is drawn.
const firstConnection = connectApi(window).then((api) => new EarlyCalls(api, firstCalls(router.place)));
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
