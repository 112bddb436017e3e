import type { ActionContext } from '../../lib/actions/action.js';
import {
  journalHome,
  journalPlace,
  journalRoutes,
  JOURNAL_ROUTE,
  isJournalPlace,
  journalRouteOf,
} from '../../lib/journal/journal-route.js';
import { journalFirstCalls } from '../../lib/journal/first-screen.js';
import { isJournalFolder } from '../../lib/journal/journal-folder.js';
import type { ViewDefinition } from '../view-definition.js';
import { searchJournal } from './journal-search.js';

const inJournal = ({ router }: ActionContext) => isJournalPlace(router.place);

/**
 * The journal's chat view: channels, messages, the composer, search, the calendar, the journal as of a
 * date, statistics, recently deleted and imports. A journal folder opens on it; the stream browser is one
 * click away (the sidebar's "Stream browser", or `g o`), and `g j` comes back.
 */
export const journalView: ViewDefinition = {
  id: 'journal',
  routes: journalRoutes,
  page: () => import('./JournalPage.svelte'),
  ownNavigation: true,
  keepPage: true,
  firstCalls: (place) => journalFirstCalls(journalRouteOf(place)),
  title: (place) =>
    place.route === JOURNAL_ROUTE.statistics
      ? 'Journal statistics'
      : place.route === JOURNAL_ROUTE.deleted
        ? 'Recently deleted'
        : place.route === JOURNAL_ROUTE.onThisDay
          ? 'On this day'
          : 'Journal',
  landing: (folder) => (isJournalFolder(folder) ? journalPlace(journalHome) : null),
  search: searchJournal,
  actions: [
    {
      id: 'go.journal',
      label: 'Go to the journal',
      group: 'Go to',
      keys: ['g j'],
      keywords: 'chat channels messages diary',
      enabled: ({ workspace }) => workspace !== null,
      run: ({ workspace }) => workspace?.navigation.go(journalPlace(journalHome)),
    },
    {
      id: 'journal.search',
      label: 'Search the journal',
      group: 'Journal',
      keywords: 'find messages text tag',
      enabled: inJournal,
    },
    {
      id: 'journal.close-panel',
      label: 'Close the panel beside the messages',
      group: 'Journal',
      keys: ['Escape'],
      hidden: true,
      enabled: inJournal,
    },
    {
      id: 'journal.jump-to-date',
      label: 'Jump to a date…',
      group: 'Journal',
      keys: ['g d'],
      keywords: 'calendar day go',
      enabled: inJournal,
    },
    {
      id: 'journal.as-of',
      label: 'Show the journal as of a date…',
      group: 'Journal',
      keywords: 'time travel past history then',
      enabled: inJournal,
    },
    {
      id: 'journal.statistics',
      label: 'Journal statistics',
      group: 'Journal',
      keywords: 'streak words chart count',
      enabled: ({ workspace }) => workspace !== null,
      run: ({ workspace }) => workspace?.navigation.go(journalPlace({ ...journalHome, page: 'statistics' })),
    },
    {
      id: 'journal.deleted',
      label: 'Recently deleted messages',
      group: 'Journal',
      keywords: 'restore undelete trash bin',
      enabled: ({ workspace }) => workspace !== null,
      run: ({ workspace }) => workspace?.navigation.go(journalPlace({ ...journalHome, page: 'deleted' })),
    },
    {
      id: 'journal.on-this-day',
      label: 'On this day',
      group: 'Journal',
      keywords: 'memories years ago anniversary',
      enabled: ({ workspace }) => workspace !== null,
      run: ({ workspace }) => workspace?.navigation.go(journalPlace({ ...journalHome, page: 'on-this-day' })),
    },
    {
      id: 'journal.import',
      label: 'Import into the journal…',
      group: 'Journal',
      menuKeys: 'CmdOrCtrl+I',
      keywords: 'telegram jrnl day one dayone export file',
      enabled: ({ workspace }) => workspace !== null,
      run: ({ workspace, router }) => {
        const place = isJournalPlace(router.place) ? router.place : journalPlace(journalHome);
        workspace?.navigation.go({ ...place, query: { ...place.query, import: 'open' } });
      },
    },
  ],
};
