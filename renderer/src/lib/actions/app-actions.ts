import type { ActionDefinition } from './action.js';

/**
 * The app's own actions, there with or without a folder. Views add theirs in their ViewDefinition and the
 * folder-wide ones are in views/folder-actions.ts.
 */
export const APP_ACTIONS: readonly ActionDefinition[] = [
  {
    id: 'app.palette',
    label: 'Command palette',
    group: 'App',
    keys: ['Mod+k'],
    keywords: 'commands search find go',
    whileTyping: true,
    hidden: true,
    run: ({ overlays }) => (overlays.palette ? overlays.close() : overlays.openPalette()),
  },
  {
    id: 'app.shortcuts',
    label: 'Show keyboard shortcuts',
    group: 'App',
    keys: ['?'],
    keywords: 'keys help cheat sheet',
    run: ({ overlays }) => overlays.openSheet(),
  },
  {
    id: 'app.theme',
    label: 'Switch between light and dark theme',
    group: 'App',
    keys: ['D'],
    menuKeys: 'CmdOrCtrl+Shift+D',
    keywords: 'dark light mode colours',
    run: ({ theme }) => theme.choose(theme.effective === 'dark' ? 'light' : 'dark'),
  },
  {
    id: 'app.open-folder',
    label: 'Open another folder…',
    group: 'Folder',
    menuKeys: 'CmdOrCtrl+O',
    keywords: 'switch recent',
    enabled: ({ session }) => session.connection.status === 'ready',
    run: ({ session }) => void session.chooseFolder('open'),
  },
  {
    id: 'app.new-folder',
    label: 'New event folder…',
    group: 'Folder',
    menuKeys: 'CmdOrCtrl+Shift+N',
    keywords: 'create init empty',
    enabled: ({ session }) => session.connection.status === 'ready',
    run: ({ session }) => void session.chooseFolder('create'),
  },
  {
    // The browser has its own Back and Forward (its buttons, Alt+Left, Alt+Right); the desktop window has not.
    id: 'go.back',
    label: 'Back',
    group: 'Go to',
    keys: ['Alt+ArrowLeft'],
    menuKeys: 'Alt+Left',
    modes: ['desktop'],
    run: ({ router }) => router.back(),
  },
  {
    id: 'go.forward',
    label: 'Forward',
    group: 'Go to',
    keys: ['Alt+ArrowRight'],
    menuKeys: 'Alt+Right',
    modes: ['desktop'],
    run: ({ router }) => router.forward(),
  },
];
