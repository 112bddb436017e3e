import { mount } from 'svelte';
import App from './App.svelte';
import { readLaunchContext } from './lib/launch-context.js';
import { ThemePreference } from './lib/theme-preference.svelte.js';
import './styles/theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('renderer/index.html must contain <div id="app">.');

mount(App, {
  target,
  props: {
    launch: readLaunchContext(window),
    theme: new ThemePreference(document.documentElement, localStorage),
  },
});
