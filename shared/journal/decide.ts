import { SchemaError } from '../schema.js';
import { journalCommandSchema, type JournalCommand } from './commands.js';
import { decideChannelCommand } from './decide-channels.js';
import { decideDismiss, decideEdit, decidePost } from './decide-content.js';
import { decideMark } from './decide-marks.js';
import type { JournalEvent } from './events.js';
import { refuse } from './journal-error.js';
import type { JournalState } from './state.js';
import { unreachable } from './streams.js';

/**
 * Decides a command on the journal's state: the events that record it (none when it changes nothing,
 * such as a retried post or a reaction already there), or a JournalError refusal. Pure: the same command
 * on the same state gives the same events, which is what lets a command that lost a race be decided again.
 * The state needs only the streams routeOf(command) names.
 */
export function decide(command: JournalCommand, state: JournalState): JournalEvent[] {
  // Commands reach the decider from the contract, the CLI and importers: check them here too, so that a
  // caller that skipped the schema still gets a refusal, never a malformed event.
  try {
    journalCommandSchema.parse(command);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    const type = (command as { type?: unknown } | null)?.type;
    const name = typeof type === 'string' ? type : 'The command';
    refuse('InvalidCommand', `${name}: ${error.message}`, {
      path: error.path,
      expected: error.expected,
    });
  }
  switch (command.type) {
    case 'CreateChannel':
    case 'RenameChannel':
    case 'ArchiveChannel':
    case 'UnarchiveChannel':
    case 'ReorderChannels':
      return decideChannelCommand(command, state.directory);
    case 'PostMessage':
      return decidePost(command, state);
    case 'EditMessage':
      return decideEdit(command, state);
    case 'DismissEditConflict':
      return decideDismiss(command, state);
    case 'DeleteMessage':
    case 'RestoreMessage':
    case 'PinMessage':
    case 'UnpinMessage':
    case 'AddReaction':
    case 'RemoveReaction':
    case 'AddTag':
    case 'RemoveTag':
      return decideMark(command, state);
    default:
      return unreachable(command);
  }
}
