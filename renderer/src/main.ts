import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './lib/api/connect.js';
import { AppSession } from './lib/app-session.svelte.js';
import { ThemePreference } from './lib/theme-preference.svelte.js';
import './styles/theme.css';
import './styles/controls.css';
import './styles/dropdown.css';
import './styles/navigation.css';

const target = document.getElementById('app');
if (!target) throw new Error('renderer/index.html must contain <div id="app">.');

mount(App, {
  target,
  props: {
    session: new AppSession(() => connectApi(window)),
    theme: new ThemePreference(
      document.documentElement,
      localStorage,
      window.matchMedia('(prefers-color-scheme: dark)'),
    ),
  },
});
