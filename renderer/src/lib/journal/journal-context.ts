import { getContext, setContext } from 'svelte';
import type { JournalSession } from './journal-session.svelte.js';

const KEY = Symbol('journal-session');

/** Makes the session reachable from every component under the journal view. */
export function setJournalSession(session: JournalSession): JournalSession {
  return setContext(KEY, session);
}

export function journalSession(): JournalSession {
  const session = getContext<JournalSession | undefined>(KEY);
  if (session === undefined) {
    throw new Error(
      'journalSession() was called outside the journal view: render the component inside JournalView ' +
        '(which calls setJournalSession), or set one in the test that mounts it.',
    );
  }
  return session;
}
