/** The app version, written in at build time from package.json (electron.vite.config.ts, vitest.config.ts). */
declare const __EVENTFOLD_VERSION__: string;
