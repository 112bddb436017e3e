import type { JsonValue } from '../../shared/event.js';
import type { Handler } from './session-context.js';

/**
 * An event appended by hand. A wrong expected revision answers code WrongExpectedRevision with `expected`
 * and `actual` in its details, so the page can show both.
 */
export const appendEvent: Handler<'event.append'> = (arg, session) => {
  const { store } = session.folder('event.append');
  const event: { type: string; data?: JsonValue; meta?: JsonValue } = { type: arg.type };
  // The contract's schema has checked both as JSON values at the boundary.
  if (arg.data !== undefined) event.data = arg.data as JsonValue;
  if (arg.meta !== undefined) event.meta = arg.meta as JsonValue;
  return store.appendToStream(arg.stream, [event], { expectedRevision: arg.expectedRevision ?? 'any' });
};
