import type { ActionDefinition } from '../lib/actions/action.js';

/**
 * Actions of any open folder, whatever view shows it. Those without `run` are handled by the component on
 * screen that owns what they act on (the log's filter, the log's selection).
 */
export const FOLDER_ACTIONS: readonly ActionDefinition[] = [
  {
    id: 'event.append',
    label: 'Append an event…',
    group: 'Event',
    keys: ['n'],
    menuKeys: 'CmdOrCtrl+N',
    keywords: 'new add write',
    enabled: ({ workspace }) => workspace !== null,
    run: ({ workspace }) => workspace?.openAppend(),
  },
  {
    id: 'event.close',
    label: 'Close the event panel',
    group: 'Event',
    keys: ['Escape'],
    hidden: true,
    enabled: ({ workspace }) => workspace !== null && workspace.navigation.selected !== null,
    run: ({ workspace }) => workspace?.navigation.select(null),
  },
  {
    id: 'event.next',
    label: 'Next event',
    group: 'Event',
    keys: ['j'],
    repeats: true,
  },
  {
    id: 'event.previous',
    label: 'Previous event',
    group: 'Event',
    keys: ['k'],
    repeats: true,
  },
  {
    id: 'filter.focus',
    label: 'Focus the filter',
    group: 'Log',
    keys: ['/'],
    keywords: 'search find text',
  },
  {
    id: 'go.stream',
    label: 'Go to a stream…',
    group: 'Go to',
    keys: ['g s'],
    keywords: 'open find',
    enabled: ({ workspace }) => workspace !== null,
    run: ({ overlays }) => overlays.openPalette('stream '),
  },
  {
    id: 'go.projection',
    label: 'Go to a projection…',
    group: 'Go to',
    keys: ['g p'],
    keywords: 'open state',
    enabled: ({ workspace }) => workspace !== null,
    run: ({ overlays }) => overlays.openPalette('projection '),
  },
  {
    id: 'folder.trust',
    label: 'Trust this folder (run its projection code)…',
    group: 'Folder',
    keywords: 'allow code projections',
    enabled: ({ workspace }) => workspace?.projections.waitingForTrust === true,
    run: ({ workspace }) => {
      if (workspace) workspace.projections.reviewing = true;
    },
  },
  {
    id: 'folder.revoke-trust',
    label: 'Revoke trust in this folder',
    group: 'Folder',
    keywords: 'distrust stop code projections',
    enabled: ({ workspace }) => workspace?.projections.trust?.trusted === true,
    run: ({ workspace }) => void workspace?.projections.setTrusted(false),
  },
];
