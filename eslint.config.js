// Lint is where DESIGN.md's layers are enforced: each folder below says what it may import.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

/** @typedef {{ paths?: { name: string, message: string }[], patterns?: { regex: string, message: string }[] }} ImportBan */

/** @type {ImportBan} */
const electronModule = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }],
  patterns: [
    { regex: '^electron/', message: 'Only electron/main and electron/preload may import electron.' },
  ],
};

/** @param {string} who @returns {ImportBan} */
const nodeBuiltins = (who) => {
  const message = `${who} runs without Node: no node:* or Node built-in modules.`;
  return {
    paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message })),
    patterns: [{ regex: '^node:', message }],
  };
};

/** Relative imports that climb into another top-level folder. */
const climbingInto = (/** @type {string} */ folders) => `^(\\.\\./)+(${folders})(/|$)`;

/** @type {ImportBan} */
const rendererFolder = {
  patterns: [{ regex: climbingInto('renderer'), message: 'Only the renderer imports renderer/ code.' }],
};

/** @type {ImportBan} */
const electronShell = {
  patterns: [
    {
      regex: '^(\\.\\./)+(electron/)?(main|preload)(/|$)',
      message: 'The Node layers must not depend on the Electron shell (electron/main, electron/preload).',
    },
  ],
};

/** @type {ImportBan} */
const nodeLayersFromPreload = {
  patterns: [
    {
      regex: '^(\\.\\./)+(electron/)?(store|read-models|projections|journal|reports|api|cli|serve|main)(/|$)',
      message: 'The preload is bundled into a sandboxed page: it imports electron and shared/ only.',
    },
  ],
};

/** @type {ImportBan} */
const sharedIsSelfContained = {
  patterns: [
    {
      regex: '^[^.]',
      message: 'shared/ is pure TypeScript: it imports only other shared/ files (no Node, npm or electron).',
    },
    {
      regex: climbingInto('electron|renderer|tests|bench|scripts|bin|node_modules|dist|out'),
      message: 'shared/ imports only other shared/ files.',
    },
  ],
};

/** @type {ImportBan} */
const electronFromRenderer = {
  patterns: [
    {
      regex: climbingInto('electron'),
      message: 'The renderer talks to the contract in shared/, never to electron/.',
    },
  ],
};

/**
 * One folder's import bans as rule settings. A later config object replaces a rule's options rather than
 * merging them, so each layer states its full set here, for static imports and for import() / require().
 * @param {ImportBan[]} bans
 */
function importBans(...bans) {
  const paths = bans.flatMap((ban) => ban.paths ?? []);
  const patterns = bans.flatMap((ban) => ban.patterns ?? []);
  const sources = [...paths.map((p) => `^${p.name.replace(/\./g, '\\.')}$`), ...patterns.map((p) => p.regex)];
  const dynamicMessage = [...new Set([...paths, ...patterns].map((ban) => ban.message))].join(' ');
  // esquery ends a regex literal at the first "/", even an escaped one, so slashes are written as \x2F.
  const literal = `/${sources.join('|').replace(/\\?\//g, '\\x2F')}/`;
  return {
    'no-restricted-imports': ['error', { paths, patterns }],
    'no-restricted-syntax': [
      'error',
      { selector: `ImportExpression[source.value=${literal}]`, message: dynamicMessage },
      {
        selector: `CallExpression[callee.name='require'][arguments.0.value=${literal}]`,
        message: dynamicMessage,
      },
    ],
  };
}

/** Names that exist only in Node or only in browsers; shared/ code must run in both, so it may use neither. */
const runtimeOnlyGlobals = Object.keys({ ...globals.node, ...globals.browser })
  .filter((name) => !(name in globals.es2025))
  .map((name) => ({ name, message: 'shared/ runs in Node and in the page: no Node or DOM globals.' }));

/**
 * The Node layers from the bottom up (DESIGN.md: store < read-models, projections < journal, reports < api <
 * serve, cli < main). A layer imports only the layers before it in this list, never one after it.
 */
const NODE_LAYERS = [
  'electron/store',
  'electron/read-models',
  'electron/projections',
  'electron/journal',
  'electron/reports',
  'electron/api',
  'electron/serve',
  'electron/cli',
];

/** @param {number} rank @returns {ImportBan} */
const layersAbove = (rank) => {
  const above = NODE_LAYERS.slice(rank + 1).map((layer) => layer.replace('electron/', ''));
  const name = NODE_LAYERS[rank];
  return {
    patterns: [
      {
        regex: `^(\\.\\./)+(electron/)?(${above.join('|')})(/|$)`,
        message: `${name} sits below ${above.join(', ')}: imports run one way, from a higher layer down (DESIGN.md).`,
      },
    ],
  };
};
const under = (/** @type {string[]} */ ...folders) => folders.map((folder) => `${folder}/**`);

export default defineConfig(
  {
    ignores: ['dist/', 'out/', 'node_modules/', 'release/', 'coverage/', 'bench-results/', 'test-results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  ...svelte.configs.recommended,
  ...svelte.configs.prettier,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser },
      globals: globals.browser,
    },
  },
  {
    // Plain JavaScript (scripts, bin, this file) is not part of a TypeScript project.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: ['tests/**', '**/*.test.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A switch either lists every case (the rule checks) or ends in a default that handles the rest.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },

  // Layers. Everything not named below (tests, scripts, bench, configs) may use Node but not electron.
  { rules: importBans(electronModule) },
  {
    files: under('shared'),
    languageOptions: { globals: globals.es2025 },
    rules: {
      ...importBans(sharedIsSelfContained),
      'no-restricted-globals': ['error', ...runtimeOnlyGlobals],
    },
  },
  ...NODE_LAYERS.map((layer, rank) => ({
    files: under(layer),
    languageOptions: { globals: globals.node },
    rules: importBans(electronModule, rendererFolder, electronShell, layersAbove(rank)),
  })),
  {
    files: under('electron/main'),
    languageOptions: { globals: globals.node },
    rules: importBans(rendererFolder),
  },
  {
    files: under('electron/preload'),
    rules: importBans(nodeBuiltins('The sandboxed preload'), nodeLayersFromPreload, rendererFolder),
  },
  {
    files: under('renderer'),
    languageOptions: { globals: globals.browser },
    rules: importBans(electronModule, nodeBuiltins('The renderer'), electronFromRenderer),
  },
);
