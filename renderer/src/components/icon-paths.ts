import { JOURNAL_ICONS } from './journal/journal-icons.js';

/** 20×20 stroke icons, drawn for this app so that they share one weight. */
export const PATHS = {
  folder:
    'M2.5 5.5A1.5 1.5 0 0 1 4 4h3.6l1.8 2H16a1.5 1.5 0 0 1 1.5 1.5v7A1.5 1.5 0 0 1 16 16H4a1.5 1.5 0 0 1-1.5-1.5z',
  'folder-plus':
    'M2.5 5.5A1.5 1.5 0 0 1 4 4h3.6l1.8 2H16a1.5 1.5 0 0 1 1.5 1.5v7A1.5 1.5 0 0 1 16 16H4a1.5 1.5 0 0 1-1.5-1.5zM10 8.5v5M7.5 11h5',
  plus: 'M10 4v12M4 10h12',
  overview: 'M3.5 3.5h5v5h-5zM11.5 3.5h5v5h-5zM3.5 11.5h5v5h-5zM11.5 11.5h5v5h-5z',
  all: 'M4 5h12M4 10h12M4 15h12',
  category: 'M3 6.5h5l1.5 1.5H17v7.5H3zM3 6.5V4.5h5',
  stream: 'M4 6h9M4 10h12M4 14h7',
  search: 'M8.5 3.5a5 5 0 1 1 0 10a5 5 0 0 1 0-10zM12.2 12.2l4.3 4.3',
  close: 'M5 5l10 10M15 5L5 15',
  copy: 'M7 7h9v9H7zM13 7V4H4v9h3',
  chevron: 'M7.5 5l5 5l-5 5',
  'arrow-left': 'M15.5 10h-11M8.5 6l-4 4l4 4',
  'arrow-right': 'M4.5 10h11M11.5 6l4 4l-4 4',
  warning: 'M10 3l8 14H2zM10 8.5v4M10 14.8v.2',
  error: 'M10 2.5a7.5 7.5 0 1 1 0 15a7.5 7.5 0 0 1 0-15zM10 6.5v4.5M10 13.8v.2',
  check: 'M4.5 10.5l3.5 3.5l7.5-8',
  lock: 'M5.5 9h9v7.5h-9zM7.5 9V6.5a2.5 2.5 0 0 1 5 0V9',
  refresh: 'M15.5 7.5A6 6 0 1 0 16 12M16 3.5v4h-4',
  clock: 'M10 3a7 7 0 1 1 0 14a7 7 0 0 1 0-14zM10 6v4l2.5 2',
  type: 'M4 5h12M10 5v11',
  ...JOURNAL_ICONS,
} as const;

export type IconName = keyof typeof PATHS;
