import { createHash } from 'node:crypto';
import { isJournalId } from '../../../shared/journal/index.js';

/**
 * Imported messages get ids derived from the source's own ids, never random ones: importing the same
 * export again derives the same ids, finds those messages in the journal and adds nothing. The prefix
 * keeps the tools apart; ids the journal could not take as they are (too long, other characters) are
 * hashed.
 */
export function importedMessageId(app: 'tg' | 'jrnl' | 'dayone', sourceId: string): string {
  const plain = `${app}-${sourceId}`;
  // Room for a continuation suffix (`-2`) when a long entry is split into several messages.
  if (plain.length <= 56 && isJournalId(plain)) return plain;
  return `${app}-${createHash('sha256').update(sourceId).digest('hex').slice(0, 40)}`;
}

/** The id of the nth message (1 is the entry's own id) an entry too long for one message is split into. */
export function partId(message: string, part: number): string {
  return part === 1 ? message : `${message}-${part}`;
}
