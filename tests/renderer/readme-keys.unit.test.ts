import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActionDefinition } from '../../renderer/src/lib/actions/action.js';
import { APP_ACTIONS } from '../../renderer/src/lib/actions/app-actions.js';
import { keysText } from '../../renderer/src/lib/actions/key-chord.js';
import { folderActions } from '../../renderer/src/views/index.js';
import { COMMAND_ACCELERATORS } from '../../electron/main/app-menu.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** How the README writes an Electron accelerator: `CmdOrCtrl+Shift+D` -> `Ctrl+Shift+D`. */
const menuText = (accelerator: string): string =>
  accelerator.replace('CmdOrCtrl', 'Ctrl').replace('Left', '←').replace('Right', '→');

/** The README's row for an action: its label, its page keys, its desktop menu accelerator. */
function row(action: ActionDefinition): string {
  const keys = (action.keys ?? []).map((keys) => `\`${keysText(keys, false)}\``).join(' or ');
  const only =
    action.modes?.length === 1 ? ` (${action.modes[0] === 'desktop' ? 'desktop app' : 'browser'} only)` : '';
  const menu = action.menuKeys === undefined ? '' : `\`${menuText(action.menuKeys)}\``;
  return `| ${action.label} | ${keys === '' ? 'command palette' : keys + only} | ${menu} |`;
}

/** A table row with its cells' padding removed (Prettier pads them to align the columns). */
const cells = (line: string): string =>
  line
    .trim()
    .split('|')
    .map((cell) => cell.trim())
    .join('|');

describe("the README's key table", () => {
  const actions = [...APP_ACTIONS, ...folderActions()].filter(
    (action) => (action.keys?.length ?? 0) > 0 || action.menuKeys !== undefined,
  );

  it('lists every action that has keys, with the keys that work in each mode', () => {
    const lines = README.split('\n').map(cells);
    const missing = actions.map(row).filter((expected) => !lines.includes(cells(expected)));
    // On failure, the rows to paste into README.md ("Links and keys"), aligned by `npx prettier --write README.md`.
    expect(missing, `README.md lacks these rows:\n${missing.join('\n')}`).toEqual([]);
  });

  it("uses the desktop menu's own accelerators for the actions the menu has", () => {
    const menu = new Set(Object.values(COMMAND_ACCELERATORS));
    for (const action of actions)
      if (action.menuKeys !== undefined)
        expect(
          menu.has(action.menuKeys) || ['CmdOrCtrl+O', 'CmdOrCtrl+Shift+N'].includes(action.menuKeys),
        ).toBe(true);
  });
});
