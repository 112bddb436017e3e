import type { Handler, HandlerMap } from './session-context.js';

type JournalDraftRequests = Pick<HandlerMap, 'journal.drafts' | 'journal.draft.save'>;

const drafts: Handler<'journal.drafts'> = (_arg, session) =>
  session.drafts.list(session.folder('journal.drafts').store.manifest.id);

const save: Handler<'journal.draft.save'> = async (arg, session) => {
  await session.drafts.save(session.folder('journal.draft.save').store.manifest.id, arg.channel, arg.draft);
  return null;
};

/** Drafts per channel, kept in the app's settings across restarts. */
export const journalDraftHandlers: JournalDraftRequests = {
  'journal.drafts': drafts,
  'journal.draft.save': save,
};
