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

/**
 * The journal's page is its own chunk (views load with their first use), but it is a journal folder's landing
 * view: `<link rel="modulepreload">` tags let the browser fetch and compile it, and the chunks it imports,
 * beside the app's bundle, instead of after the app has started and asked for it. A stream folder's page
 * fetches them too but never runs them.
 */
const preloadLandingView = (entries: readonly string[]): Plugin => ({
  name: 'eventfold:preload-landing-view',
  transformIndexHtml: {
    order: 'post',
    handler: (_html, { bundle }) => {
      if (bundle === undefined) return [];
      const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
      const files = new Set<string>();
      const styles = new Set<string>();
      const add = (file: string): void => {
        if (files.has(file)) return;
        files.add(file);
        const chunk = chunks.find((candidate) => candidate.fileName === file);
        for (const css of chunk?.viteMetadata?.importedCss ?? []) styles.add(css);
        for (const imported of chunk?.imports ?? []) add(imported);
      };
      for (const entry of entries) {
        const chunk = chunks.find((candidate) => candidate.facadeModuleId === resolve(root, entry));
        if (chunk === undefined) throw new Error(`preload-landing-view: no chunk for ${entry}`);
        add(chunk.fileName);
      }
      const main = chunks.find((candidate) => candidate.isEntry);
      for (const shared of [main?.fileName, ...(main?.imports ?? [])]) if (shared) files.delete(shared);
      // The entry's own stylesheet is linked already.
      for (const css of main?.viteMetadata?.importedCss ?? []) styles.delete(css);
      // Its styles come as the stylesheets the chunk would add when it loads (they are scoped to its components).
      const link = (rel: string, file: string) => ({
        tag: 'link',
        attrs: { rel, crossorigin: '', href: `./${file}` },
        injectTo: 'head' as const,
      });
      return [
        ...[...files].map((file) => link('modulepreload', file)),
        ...[...styles].map((file) => link('stylesheet', file)),
      ];
    },
  },
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
    plugins: [
      svelte({ configFile: false }),
      contentSecurityPolicyMeta(),
      preloadLandingView(['renderer/src/views/journal/JournalPage.svelte']),
    ],
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
