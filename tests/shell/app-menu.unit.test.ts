import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, type MenuActions, type MenuContext } from '../../electron/main/app-menu.js';
import type { RecentFolder } from '../../shared/contract.js';

type MenuItemConstructorOptions = ReturnType<typeof appMenuTemplate>[number];

const recent: RecentFolder[] = [
  { path: '/data/shop', name: 'shop', lastOpened: '2026-11-26T09:00:00.000Z', available: true },
  { path: '/mnt/usb/R&D', name: 'R&D', lastOpened: '2026-11-25T09:00:00.000Z', available: false },
];

function build(context: Partial<MenuContext> = {}) {
  const actions = {
    newFolder: vi.fn<MenuActions['newFolder']>(),
    openFolder: vi.fn<MenuActions['openFolder']>(),
    openRecent: vi.fn<MenuActions['openRecent']>(),
    command: vi.fn<MenuActions['command']>(),
  };
  const menu = appMenuTemplate(
    { platform: 'linux', dev: false, appName: 'Eventfold', recent, ...context },
    actions,
  );
  return { menu, actions };
}

const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  Array.isArray(item?.submenu) ? item.submenu : [];
const top = (menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined =>
  menu.find((item) => item.label?.replace('&', '') === label);
const item = (menu: MenuItemConstructorOptions[], path: string): MenuItemConstructorOptions | undefined => {
  const [first, ...rest] = path.split(' > ');
  let found = top(menu, first!);
  for (const label of rest) found = submenu(found).find((entry) => entry.label === label);
  return found;
};
const click = (entry: MenuItemConstructorOptions | undefined): void => {
  (entry?.click as (() => void) | undefined)?.();
};

describe('the application menu', () => {
  it('has File, Edit, View, Events and Help on Linux and Windows, with mnemonics', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { menu } = build({ platform });
      expect(menu.map((entry) => entry.label)).toEqual(['&File', '&Edit', '&View', '&Events', '&Help']);
      expect(submenu(top(menu, 'File')).at(-1)?.role).toBe('quit');
    }
  });

  it('follows macOS: the app menu first, a Window menu, no Quit under File, no mnemonics', () => {
    const { menu } = build({ platform: 'darwin' });
    expect(menu.map((entry) => entry.label)).toEqual([
      'Eventfold',
      'File',
      'Edit',
      'View',
      'Events',
      'Window',
      'Help',
    ]);
    expect(menu[0]?.role).toBe('appMenu');
    expect(submenu(top(menu, 'File')).some((entry) => entry.role === 'quit')).toBe(false);
  });

  it('gives every item its shortcut', () => {
    const { menu } = build();
    const shortcuts = Object.fromEntries(
      [
        'File > New Event Folder…',
        'File > Open Folder…',
        'File > Close Window',
        'View > Folder',
        'View > Log',
        'View > Focus Filter',
        'View > Toggle Theme',
        'Events > Append Event…',
        'Events > Toggle Live',
        'View > Go To…',
        'View > Back',
        'View > Forward',
        'Help > Keyboard Shortcuts',
      ].map((path) => [path, item(menu, path)?.accelerator]),
    );
    expect(shortcuts).toEqual({
      'File > New Event Folder…': 'CmdOrCtrl+Shift+N',
      'File > Open Folder…': 'CmdOrCtrl+O',
      'File > Close Window': 'CmdOrCtrl+W',
      'View > Folder': 'CmdOrCtrl+1',
      'View > Log': 'CmdOrCtrl+2',
      'View > Focus Filter': '/',
      'View > Toggle Theme': 'CmdOrCtrl+Shift+D',
      'Events > Append Event…': 'CmdOrCtrl+N',
      'Events > Toggle Live': 'CmdOrCtrl+L',
      'View > Go To…': 'CmdOrCtrl+K',
      'View > Back': 'Alt+Left',
      'View > Forward': 'Alt+Right',
      'Help > Keyboard Shortcuts': '?',
    });
    // `/` and `?` must still type in text fields: the page handles them, the menu only shows them.
    expect(item(menu, 'View > Focus Filter')?.registerAccelerator).toBe(false);
    expect(item(menu, 'Help > Keyboard Shortcuts')?.registerAccelerator).toBe(false);
    expect(item(menu, 'View > Log')?.registerAccelerator).toBeUndefined();
    expect(item(menu, 'File > Close Window')?.role).toBe('close');
    expect(item(menu, 'Help > About Eventfold')?.role).toBe('about');
  });

  it('offers Reload and the developer tools only in development', () => {
    const labels = (dev: boolean, platform: NodeJS.Platform = 'linux'): (string | undefined)[] =>
      submenu(top(build({ dev, platform }).menu, 'View')).map((entry) => entry.label);
    expect(labels(false)).not.toContain('Reload');
    expect(labels(false)).not.toContain('Toggle Developer Tools');
    expect(labels(true)).toEqual(expect.arrayContaining(['Reload', 'Toggle Developer Tools']));
    expect(item(build({ dev: true }).menu, 'View > Toggle Developer Tools')?.accelerator).toBe(
      'Ctrl+Shift+I',
    );
    expect(
      item(build({ dev: true, platform: 'darwin' }).menu, 'View > Toggle Developer Tools')?.accelerator,
    ).toBe('Alt+Cmd+I');
  });

  it('lists recent folders under Open Recent, greyed out when gone, and opens the one clicked', () => {
    const { menu, actions } = build();
    const entries = submenu(item(menu, 'File > Open Recent'));
    expect(entries.map((entry) => [entry.label, entry.enabled])).toEqual([
      ['shop — /data/shop', true],
      ['R&&D — /mnt/usb/R&&D', false],
    ]);
    click(entries[0]);
    expect(actions.openRecent).toHaveBeenCalledWith('/data/shop');
    const none = submenu(item(build({ recent: [] }).menu, 'File > Open Recent'));
    expect(none).toEqual([{ label: 'No Recent Folders', enabled: false }]);
  });

  it('sends the page’s own actions to the page as commands', () => {
    const { menu, actions } = build();
    const commands: [string, string][] = [
      ['View > Folder', 'show-folder'],
      ['View > Log', 'show-log'],
      ['View > Focus Filter', 'focus-filter'],
      ['View > Toggle Theme', 'toggle-theme'],
      ['Events > Append Event…', 'append-event'],
      ['Events > Toggle Live', 'toggle-live'],
    ];
    for (const [path] of commands) click(item(menu, path));
    expect(actions.command.mock.calls.map(([command]) => command)).toEqual(
      commands.map(([, command]) => command),
    );
    click(item(menu, 'File > Open Folder…'));
    click(item(menu, 'File > New Event Folder…'));
    expect(actions.openFolder).toHaveBeenCalledOnce();
    expect(actions.newFolder).toHaveBeenCalledOnce();
  });
});
