import type { AppSession } from '../app-session.svelte.js';
import type { Router } from '../routing/router.svelte.js';
import type { ThemePreference } from '../theme-preference.svelte.js';
import type { Workspace } from '../workspace.svelte.js';
import type { Overlays } from './overlays.svelte.js';

export type AppMode = 'desktop' | 'browser';

/** What actions act on: the app, and the open folder's workspace when there is one. */
export interface ActionContext {
  readonly mode: AppMode;
  readonly mac: boolean;
  readonly session: AppSession;
  readonly router: Router;
  readonly theme: ThemePreference;
  readonly overlays: Overlays;
  /** Null while no folder is open (the start screen). */
  readonly workspace: Workspace | null;
}

/** The groups of the key sheet and the command palette, in the order they are shown. */
export const ACTION_GROUPS = ['Go to', 'Log', 'Event', 'Projection', 'Folder', 'App'] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number] | (string & {});

/**
 * Something the user can do by name (the command palette), by keys (the key sheet lists them) or from the
 * desktop app's menu. Views declare theirs in their `ViewDefinition`; the app's own are in app-actions.ts.
 *
 * An action either runs itself (`run`), or is handled by the component that owns what it acts on while that
 * component is on screen (`ActionRegistry.handle`): the log view handles "Live tail on/off", so the action
 * exists, with its keys, only where there is a log.
 */
export interface ActionDefinition {
  /** Unique, by convention `area.verb`: `go.overview`, `log.toggle-live`, `journal.search`. */
  readonly id: string;
  /** As the palette lists it: a verb phrase, `Go to the overview`, `Append an event…`. */
  readonly label: string;
  readonly group: ActionGroup;
  /**
   * Key sequences that run it in the page, in both modes (see key-chord.ts for the notation). The first is
   * the one shown. Chosen so that they never fight the browser: single keys, `g` sequences, `?`, `/`,
   * Escape, and `Mod+k`, which pages may take.
   */
  readonly keys?: readonly string[];
  /**
   * The desktop app's menu accelerator for the same action (Electron's notation, `CmdOrCtrl+1`): the menu
   * handles it, the key sheet shows it in the desktop app. See electron/main/app-menu.ts.
   */
  readonly menuKeys?: string;
  /** More words the palette matches: `new event add` for "Append an event…". */
  readonly keywords?: string;
  /** Its keys also work while typing in a text field (Escape, Mod+k). Default: they do not. */
  readonly whileTyping?: boolean;
  /** Holding its keys down runs it again and again (moving through events). Default: once a press. */
  readonly repeats?: boolean;
  /** Only in one mode: Back and Forward are the browser's own in browser mode. Default: both. */
  readonly modes?: readonly AppMode[];
  /** Left out of the palette (Escape's "close", which means nothing out of context). Default: listed. */
  readonly hidden?: boolean;
  /** Whether it can run now; false hides it from the palette and its keys do nothing. */
  readonly enabled?: (context: ActionContext) => boolean;
  /** What it does; absent when a component on screen handles it. */
  readonly run?: (context: ActionContext) => void;
}

/** An action as it stands now: its definition, and how to run it. */
export interface AvailableAction {
  readonly definition: ActionDefinition;
  run(): void;
}
