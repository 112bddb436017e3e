import type { Command } from '../../command.js';
import { channelsCommand } from './channels.js';
import { deleteCommand, restoreCommand } from './delete-restore.js';
import { editCommand } from './edit.js';
import { listCommand } from './list.js';
import { journalImportCommand } from './import.js';
import { postCommand } from './post.js';
import { journalSearchCommand } from './search.js';

/** `eventfold journal DIR COMMAND`, in the order help lists them. */
export const JOURNAL_SUBCOMMANDS: readonly Command[] = [
  postCommand,
  editCommand,
  deleteCommand,
  restoreCommand,
  listCommand,
  channelsCommand,
  journalSearchCommand,
  journalImportCommand,
];
