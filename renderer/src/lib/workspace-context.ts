import { getContext, setContext } from 'svelte';
import type { ActionRegistry } from './actions/action-registry.svelte.js';
import type { Workspace } from './workspace.svelte.js';

const WORKSPACE = Symbol('workspace');
const ACTIONS = Symbol('actions');

/** Makes the open folder's workspace available to every component below (Workspace.svelte does this). */
export function setWorkspace(workspace: Workspace): void {
  setContext(WORKSPACE, workspace);
}

/** The open folder's workspace; only components inside Workspace.svelte have one. */
export function getWorkspace(): Workspace {
  const workspace = getContext<Workspace | undefined>(WORKSPACE);
  if (workspace === undefined) {
    throw new Error(
      'getWorkspace() found no workspace: call it in a component rendered inside Workspace.svelte (a view page or its children)',
    );
  }
  return workspace;
}

/** Makes the app's actions available to every component below (App.svelte does this). */
export function setActions(actions: ActionRegistry): void {
  setContext(ACTIONS, actions);
}

/** The app's actions, for a component to handle the ones it owns (`actions.handle(id, run)`). */
export function getActions(): ActionRegistry {
  const actions = getContext<ActionRegistry | undefined>(ACTIONS);
  if (actions === undefined) {
    throw new Error(
      'getActions() found no action registry: call it in a component rendered inside App.svelte',
    );
  }
  return actions;
}
