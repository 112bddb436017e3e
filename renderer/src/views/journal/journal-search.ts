import { errorText } from '../../../../shared/error-text.js';
import { journalHome, journalPlace, isJournalPlace } from '../../lib/journal/journal-route.js';
import type { PaletteEntry, PaletteSearch } from '../view-definition.js';
import { isJournalFolder } from '../../lib/journal/journal-folder.js';

const SHOWN = 5;

/**
 * The command palette searches the journal too (Ctrl+K, then type): the best few messages, and an entry
 * that opens the search panel with every result and its filters. Only in a journal folder.
 */
export const searchJournal: PaletteSearch = async (text, { workspace, router }) => {
  const query = text.trim();
  if (workspace === null || query.length < 2 || /^(stream|category|projection|at|#)\b/.test(query)) return [];
  if (!isJournalFolder(workspace.session.folder) && !isJournalPlace(router.place)) return [];
  const open: PaletteEntry = {
    id: 'journal-search',
    label: `Search the journal for “${query}”`,
    group: 'Journal',
    run: () => workspace.navigation.go(journalPlace({ ...journalHome, search: query })),
  };
  try {
    // Markdown (markdown-it) comes with the journal's chunk, not with the app: a stream folder never needs it.
    const [results, { plainText }] = await Promise.all([
      workspace.session.api.call('journal.search', { query, limit: SHOWN }),
      import('../../lib/journal/markdown.js'),
    ]);
    return [
      open,
      ...results.hits.map((hit): PaletteEntry => ({
        id: `journal-message:${hit.message}`,
        label:
          plainText(hit.excerpt.map((part) => part.text).join('')).slice(0, 120) || 'A message with files',
        group: 'Journal',
        hint: hit.at.slice(0, 10),
        run: () =>
          workspace.navigation.go(
            journalPlace({ ...journalHome, channel: hit.channel, message: hit.message }),
          ),
      })),
    ];
  } catch (error) {
    return [{ ...open, hint: `search is not available: ${errorText(error)}` }];
  }
};
