import type { EventDetail } from '../../shared/contract.js';
import { StoreError } from '../../shared/store-error.js';
import type { Handler } from './session-context.js';

/** One event with its stored line and its neighbours in $all and in its stream, for the event view's links. */
export const getEvent: Handler<'event.get'> = async ({ position }, session) => {
  const { store } = session.folder('event.get');
  const last = store.lastPosition;
  const [event] = position <= last ? await store.readPositions([position]) : [];
  const raw = event === undefined ? undefined : await store.rawLine(position);
  if (event === undefined || raw === undefined) {
    throw new StoreError(
      'InvalidArgument',
      position > last
        ? `event.get: there is no event at position ${position}; the log ends at ${last}`
        : `event.get: position ${position} holds no readable event (a damaged line)`,
      { position, lastPosition: last },
    );
  }
  const detail: EventDetail = {
    event,
    raw: raw.line,
    segment: raw.segment,
    previous: position > 1 ? position - 1 : null,
    next: position < store.lastPosition ? position + 1 : null,
    streamPrevious: store.streamPositionAt(event.stream, event.revision - 1) ?? null,
    streamNext: store.streamPositionAt(event.stream, event.revision + 1) ?? null,
  };
  return detail;
};
