import { getContext, setContext } from 'svelte';
import type { ChatView } from './chat-view.svelte.js';

const KEY = Symbol('chat-view');

/** Makes the chat view (and through it the journal session) reachable from every component under it. */
export function setChatView(view: ChatView): ChatView {
  return setContext(KEY, view);
}

/** The chat view the component is rendered in. */
export function chatView(): ChatView {
  const view = getContext<ChatView | undefined>(KEY);
  if (view === undefined) {
    throw new Error(
      'chatView() was called outside the journal view: render the component inside JournalView (which ' +
        'calls setChatView), or call setChatView with a ChatView in the test that mounts it.',
    );
  }
  return view;
}
