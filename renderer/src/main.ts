import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './lib/api/connect.js';
import { AppSession } from './lib/app-session.svelte.js';
import { windowAddressBar } from './lib/routing/address-bar.js';
import { Router } from './lib/routing/router.svelte.js';
import { ThemePreference } from './lib/theme-preference.svelte.js';
import { FALLBACK_PLACE, routeTable } from './views/index.js';
import './styles/theme.css';
import './styles/controls.css';
import './styles/dropdown.css';
import './styles/navigation.css';

const target = document.getElementById('app');
if (!target) throw new Error('renderer/index.html must contain <div id="app">.');

// Read before the router rewrites an empty address to the overview's.
const emptyAddress =
  window.location.hash === '' || window.location.hash === '#' || window.location.hash === '#/';

mount(App, {
  target,
  props: {
    session: new AppSession(() => connectApi(window)),
    theme: new ThemePreference(
      document.documentElement,
      localStorage,
      window.matchMedia('(prefers-color-scheme: dark)'),
    ),
    router: new Router(routeTable(), windowAddressBar(window), FALLBACK_PLACE),
    emptyAddress,
    mac: /Mac|iPhone|iPad/.test(navigator.platform),
  },
});
