import {
  CHANNELS_STREAM,
  channelOf,
  evolveDirectory,
  isChannelEvent,
  readJournalEvent,
  type ChannelDirectory,
  type ChannelState,
} from '../../shared/journal/index.js';
import { MAX_PAGE, type EventStore } from '../store/index.js';
import { CliFailure } from './failure.js';

/** The journal's channels as the folder has them now (the stream `journal-channels`, folded). */
export async function readChannelDirectory(store: EventStore): Promise<ChannelDirectory> {
  let directory: ChannelDirectory = { channels: {}, order: [] };
  let from: number | null = 0;
  while (from !== null) {
    const page = await store.readStream(CHANNELS_STREAM, { fromRevision: from, limit: MAX_PAGE });
    for (const recorded of page.events) {
      const reading = readJournalEvent(recorded.type, recorded.data);
      if (reading.kind === 'journal' && isChannelEvent(reading.event)) {
        directory = evolveDirectory(directory, reading.event);
      }
    }
    from = page.next;
  }
  return directory;
}

/** A channel named on the command line, by its name (any case) or its id; a wrong one lists the others. */
export function channelNamed(directory: ChannelDirectory, named: string): ChannelState {
  const byId = channelOf(directory, named);
  if (byId !== undefined) return byId;
  const wanted = named.trim().toLowerCase();
  const byName = Object.values(directory.channels).find((channel) => channel.name.toLowerCase() === wanted);
  if (byName !== undefined) return byName;
  const names = directory.order.map((id) => channelOf(directory, id)?.name ?? id);
  throw new CliFailure(
    names.length === 0
      ? `there is no channel "${named}": this folder has no journal channels yet`
      : `there is no channel "${named}" (the channels are: ${names.join(', ')})`,
  );
}
