import type { Command } from '../../command.js';
import { channelsCommand } from './channels.js';
import { deleteCommand, restoreCommand } from './delete-restore.js';
import { editCommand } from './edit.js';
import { listCommand } from './list.js';
import { postCommand } from './post.js';

/** `eventfold journal DIR COMMAND`, in the order help lists them (search and import join this list). */
export const JOURNAL_SUBCOMMANDS: readonly Command[] = [
  postCommand,
  editCommand,
  deleteCommand,
  restoreCommand,
  listCommand,
  channelsCommand,
];
