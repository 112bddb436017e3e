import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/serve/content-security-policy.js';

const root = import.meta.dirname;

/** Writes the one CSP into index.html, so the desktop window (file://, no headers) is as locked as the server. */
const contentSecurityPolicyMeta = (): Plugin => ({
  name: 'eventfold:content-security-policy',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
});

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The store starts its open-scan worker from new URL('./scan-worker.js', import.meta.url): the
          // worker must be its own file beside the bundle, or large folders open on one thread only.
          'scan-worker': resolve(root, 'electron/store/scan-worker.ts'),
          // Projections run in utility processes started from new URL('./sandbox-child.js', import.meta.url)
          // likewise (the main process never runs projection code).
          'sandbox-child': resolve(root, 'electron/projections/sandbox/sandbox-child.ts'),
          // The journal's search index runs in a worker from new URL('./search-worker.js', import.meta.url).
          'search-worker': resolve(root, 'electron/journal/search/search-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // A sandboxed preload cannot load ES modules, and sandbox: true is not negotiable.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset paths work both from file:// in Electron and from http:// in browser mode.
    base: './',
    plugins: [svelte({ configFile: false }), contentSecurityPolicyMeta()],
    server: { fs: { allow: [root] } },
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves bundles unminified; the page is also served to browsers, and CodeMirror alone is
      // about 1 MB unminified (500 kB minified).
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
