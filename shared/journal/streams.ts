import type { JournalCommand } from './commands.js';
import type { JournalEvent } from './events.js';
import type { JournalId } from './journal-values.js';

/**
 * Where the journal's events live, and so what each command's consistency boundary is.
 *
 * - `journal-channels`: the channel directory (create, rename, archive, unarchive, reorder). One stream,
 *   because names are unique across channels and an order spans them all: two windows creating channels
 *   at once are serialised by its expected revision.
 * - `message-<id>`: one stream a message, holding everything that happens to it. Two windows changing one
 *   message race on this stream, and the loser is decided again on the fresh message; posting to one
 *   channel from two windows never conflicts (each post is a new stream), so a busy channel is not a
 *   bottleneck, and deciding a command reads one small stream, not a channel of 100,000 messages.
 *
 * A message command also reads the channel directory (is the channel archived?) and, for a reply, the
 * message replied to. Those are checks, not locks: the append's expected revision covers only the stream
 * it writes to. So a post that races an archive by a moment is kept rather than lost, which is what a
 * person who pressed Enter wants.
 */
export const CHANNELS_STREAM = 'journal-channels';

const MESSAGE_PREFIX = 'message-';

export function messageStream(message: JournalId): string {
  return `${MESSAGE_PREFIX}${message}`;
}

/** The message id of a `message-<id>` stream, or undefined for any other stream. */
export function messageIdOfStream(stream: string): JournalId | undefined {
  return stream.startsWith(MESSAGE_PREFIX) ? stream.slice(MESSAGE_PREFIX.length) : undefined;
}

/** The streams a command's decision needs, and the one its events go to. */
export interface CommandRoute {
  /** The stream the events are appended to; its revision, as read, is the append's expected revision. */
  readonly stream: string;
  /** Every stream to read (and fold) before deciding, `stream` included. */
  readonly reads: readonly string[];
}

export function routeOf(command: JournalCommand): CommandRoute {
  switch (command.type) {
    case 'CreateChannel':
    case 'RenameChannel':
    case 'ArchiveChannel':
    case 'UnarchiveChannel':
    case 'ReorderChannels':
      return { stream: CHANNELS_STREAM, reads: [CHANNELS_STREAM] };
    case 'PostMessage': {
      const stream = messageStream(command.message);
      const reply = command.replyTo === undefined ? [] : [messageStream(command.replyTo)];
      return { stream, reads: [CHANNELS_STREAM, stream, ...reply] };
    }
    case 'EditMessage':
    case 'DismissEditConflict':
    case 'DeleteMessage':
    case 'RestoreMessage':
    case 'PinMessage':
    case 'UnpinMessage':
    case 'AddReaction':
    case 'RemoveReaction':
    case 'AddTag':
    case 'RemoveTag': {
      const stream = messageStream(command.message);
      return { stream, reads: [CHANNELS_STREAM, stream] };
    }
    default:
      return unreachable(command);
  }
}

/** The stream an event belongs in (the decider's events always go to their command's route stream). */
export function streamOfEvent(event: JournalEvent): string {
  return 'message' in event.data ? messageStream(event.data.message) : CHANNELS_STREAM;
}

export function unreachable(value: never): never {
  throw new Error(`Unhandled journal value: ${JSON.stringify(value)}`);
}
