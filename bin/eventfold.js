#!/usr/bin/env node
// The CLI is TypeScript compiled to dist/ by `npm run build:node` (run by `npm install` through `prepare`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/electron/cli/main.js', import.meta.url);

if (!existsSync(entry)) {
  console.error(
    'eventfold: the CLI is not built yet; run `npm run build:node` in the Eventfold folder first.',
  );
  process.exit(1);
}

await import(entry.href);
