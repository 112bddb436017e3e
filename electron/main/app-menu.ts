import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, RecentFolder } from '../../shared/contract.js';

export interface MenuContext {
  readonly platform: NodeJS.Platform;
  /** Development build: adds Reload and the developer tools. */
  readonly dev: boolean;
  readonly appName: string;
  readonly recent: readonly RecentFolder[];
}

/** What the menu items do; the shell decides which window they act on. */
export interface MenuActions {
  newFolder(): void;
  openFolder(): void;
  openRecent(path: string): void;
  /** An action that belongs to the page (it gets an `app.command` push). */
  command(command: AppCommand): void;
}

/**
 * Shortcuts of the page's actions (the page lists them in its key sheet, renderer/src/views and
 * lib/actions/app-actions.ts). `/` and `?` are the page's own keys: the menu shows them without taking them.
 */
export const COMMAND_ACCELERATORS: Readonly<Record<AppCommand, string>> = {
  'show-folder': 'CmdOrCtrl+1',
  'show-log': 'CmdOrCtrl+2',
  'toggle-theme': 'CmdOrCtrl+Shift+D',
  'focus-filter': '/',
  'append-event': 'CmdOrCtrl+N',
  'toggle-live': 'CmdOrCtrl+L',
  'open-palette': 'CmdOrCtrl+K',
  'show-shortcuts': '?',
  'go-back': 'Alt+Left',
  'go-forward': 'Alt+Right',
  export: 'CmdOrCtrl+E',
  'import-journal': 'CmdOrCtrl+I',
};

/** Keys the page handles itself: typing them into a text field must still type them. */
const PAGE_KEYS: ReadonlySet<AppCommand> = new Set(['focus-filter', 'show-shortcuts']);

/** The application menu, in each platform's conventions (macOS: app menu first, Window menu, no Quit in File). */
export function appMenuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  // Windows and Linux underline the letter after `&` (Alt+F opens File); macOS has no mnemonics.
  const top = (label: string): string => (mac ? label.replace('&', '') : label);
  const command = (label: string, name: AppCommand): MenuItemConstructorOptions => ({
    label,
    accelerator: COMMAND_ACCELERATORS[name],
    // The page handles `/` and `?` itself, where typing them into a text field must still type them.
    ...(PAGE_KEYS.has(name) ? { registerAccelerator: false } : {}),
    click: () => actions.command(name),
  });

  const file: MenuItemConstructorOptions = {
    label: top('&File'),
    submenu: [
      { label: 'New Event Folder…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newFolder() },
      { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFolder() },
      { label: 'Open Recent', submenu: recentItems(context.recent, mac, actions) },
      { type: 'separator' },
      command('Export…', 'export'),
      command('Import into the Journal…', 'import-journal'),
      { type: 'separator' },
      { label: 'Close Window', role: 'close', accelerator: 'CmdOrCtrl+W' },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: top('&View'),
    submenu: [
      command('Go To…', 'open-palette'),
      command('Folder', 'show-folder'),
      command('Log', 'show-log'),
      command('Back', 'go-back'),
      command('Forward', 'go-forward'),
      { type: 'separator' },
      command('Focus Filter', 'focus-filter'),
      command('Toggle Theme', 'toggle-theme'),
      { type: 'separator' },
      ...(context.dev
        ? [
            { label: 'Reload', role: 'reload', accelerator: 'CmdOrCtrl+R' } as const,
            {
              label: 'Toggle Developer Tools',
              role: 'toggleDevTools',
              accelerator: mac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I',
            } as const,
            { type: 'separator' } as const,
          ]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const events: MenuItemConstructorOptions = {
    label: top('&Events'),
    submenu: [command('Append Event…', 'append-event'), command('Toggle Live', 'toggle-live')],
  };

  const help: MenuItemConstructorOptions = {
    label: top('&Help'),
    role: 'help',
    submenu: [
      command('Keyboard Shortcuts', 'show-shortcuts'),
      { label: `About ${context.appName}`, role: 'about' },
    ],
  };

  return [
    ...(mac ? [{ label: context.appName, role: 'appMenu' } as const] : []),
    file,
    { label: top('&Edit'), role: 'editMenu' },
    view,
    events,
    ...(mac ? [{ label: 'Window', role: 'windowMenu' } as const] : []),
    help,
  ];
}

function recentItems(
  recent: readonly RecentFolder[],
  mac: boolean,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Folders', enabled: false }];
  return recent.map((folder) => ({
    // A path's `&` would otherwise mark a mnemonic on Windows and Linux.
    label: mac ? `${folder.name} — ${folder.path}` : `${folder.name} — ${folder.path}`.replaceAll('&', '&&'),
    enabled: folder.available,
    click: () => actions.openRecent(folder.path),
  }));
}
