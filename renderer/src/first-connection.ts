// The first module main.ts imports, so that it runs before the app's components are evaluated: it reads the
// address and opens the connection with the first screen's requests (see main.ts).
import { connectApi } from './lib/api/connect.js';
import { EarlyCalls, type EarlyCall } from './lib/api/early-calls.js';
import { warmUpIntl } from './lib/intl-warm-up.js';
import { windowAddressBar } from './lib/routing/address-bar.js';
import { queryText, type Place } from './lib/routing/route-table.js';
import { Router } from './lib/routing/router.svelte.js';
import { FALLBACK_PLACE, routeTable, viewOf } from './views/index.js';

// First of all, on another thread: ICU's data, which the first screen's times and days need.
warmUpIntl();

const app = document.getElementById('app');
if (!app) throw new Error('renderer/index.html must contain <div id="app">.');
export const target: HTMLElement = app;

// Read before the router rewrites an empty address to the overview's.
export const emptyAddress =
  window.location.hash === '' || window.location.hash === '#' || window.location.hash === '#/';

export const router = new Router(routeTable(), windowAddressBar(window), FALLBACK_PLACE);

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
export const firstConnection = connectApi(window).then(
  (api) => new EarlyCalls(api, firstCalls(router.place)),
);
