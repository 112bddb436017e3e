import type { EventStore } from '../store/index.js';
import type { CheckpointHeader } from './checkpoint-file.js';
import type { ProjectionCode } from './projection-code.js';

/** A checkpoint is trusted only when made by this code, over this log (its event is still at its position). */
export async function checkpointMatches(
  store: EventStore,
  code: ProjectionCode,
  checkpoint: CheckpointHeader,
): Promise<boolean> {
  if (checkpoint.codeHash !== code.hash || checkpoint.projection !== code.name) return false;
  if (checkpoint.position > store.lastPosition) return false;
  if (checkpoint.position === 0) return true;
  const [event] = await store.readPositions([checkpoint.position]);
  return event?.id === checkpoint.eventId;
}
