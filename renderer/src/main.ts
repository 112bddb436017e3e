import { connectApi } from './lib/api/connect.js';
import { EarlyCalls, type EarlyCall } from './lib/api/early-calls.js';
import { warmUpIntl } from './lib/intl-warm-up.js';
import { windowAddressBar } from './lib/routing/address-bar.js';
import { queryText, type Place } from './lib/routing/route-table.js';
import { Router } from './lib/routing/router.svelte.js';
import { FALLBACK_PLACE, routeTable, viewOf } from './views/index.js';
import './styles/theme.css';
import './styles/controls.css';
import './styles/dropdown.css';
import './styles/navigation.css';

// First of all, on another thread: ICU's data, which the first screen's times and days need.
warmUpIntl();

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
// The app's components come in a chunk of their own (index.html preloads it beside this one), made once
// the requests above are on their way.
void import('./start-app.js').then(({ startApp }) =>
  startApp({ target, router, firstConnection, emptyAddress }),
);
