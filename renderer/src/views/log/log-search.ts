import { formatCount } from '../../lib/number-format.js';
import type { PaletteEntry, PaletteSearch } from '../view-definition.js';

const STREAMS_SHOWN = 8;
const CATEGORIES_SHOWN = 5;

/** What the palette finds for the log view: an event by position, streams by name, categories. */
export const searchLogs: PaletteSearch = async (text, { workspace, session }) => {
  if (workspace === null) return [];
  const { navigation, overview } = workspace;
  const typed = text.trim();
  const entries: PaletteEntry[] = [];

  const position = /^(?:event\s+)?#?\s*(\d[\d,]*)$/i.exec(typed)?.[1];
  if (position !== undefined) {
    const at = Number(position.replaceAll(',', ''));
    if (Number.isSafeInteger(at) && at >= 1 && at <= workspace.folder.events) {
      entries.push({
        id: `event:${at}`,
        label: `Open event #${formatCount(at)}`,
        group: 'Event',
        run: () => {
          // In a log the event opens beside it; elsewhere, beside all events.
          if (navigation.view.kind === 'log') navigation.select(at);
          else navigation.showLog({ kind: 'all' }, { event: at });
        },
      });
    }
  }

  if (/^projection\b/i.test(typed)) return entries;
  const name = typed.replace(/^(stream|category)\s*/i, '');
  const onlyCategories = /^category\b/i.test(typed);
  if (name === '') return entries;

  for (const category of (overview.categories ?? [])
    .filter((summary) => summary.category.toLowerCase().includes(name.toLowerCase()))
    .slice(0, CATEGORIES_SHOWN)) {
    entries.push({
      id: `category:${category.category}`,
      label: category.category === '' ? '(no category)' : `${category.category}-*`,
      group: 'Categories',
      hint: `${formatCount(category.streams)} streams · ${formatCount(category.events)} events`,
      run: () => navigation.showLog({ kind: 'category', category: category.category }),
    });
  }
  if (onlyCategories) return entries;

  const found = await session.api.call('streams.list', { pattern: name, limit: STREAMS_SHOWN });
  for (const stream of found.streams) {
    entries.push({
      id: `stream:${stream.stream}`,
      label: stream.stream,
      group: 'Streams',
      hint: `${formatCount(stream.events)} ${stream.events === 1 ? 'event' : 'events'}`,
      run: () => navigation.showLog({ kind: 'stream', stream: stream.stream }),
    });
  }
  return entries;
};
