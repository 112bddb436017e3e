import fc from 'fast-check';
import type { RecordedEvent } from '../../shared/event.js';
import {
  decide,
  foldJournal,
  initialState,
  JournalError,
  streamOfEvent,
  type JournalCommand,
  type JournalEvent,
  type JournalState,
} from '../../shared/journal/index.js';
import { picture } from '../journal/journal-fixtures.js';

/**
 * Random journals for the views' property tests: sequences of commands over small pools of ids, so that
 * edits, conflicts, deletes, restores, pins, reactions, tags, replies and renames meet each other. Each
 * command carries its own time; `shuffleTimes` makes some of them older than earlier ones, as an import
 * of old entries does.
 */
const channel = fc.constantFrom('c1', 'c2', 'c3');
const message = fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6');
const edit = fc.constantFrom('e1', 'e2', 'e3', 'e4');
const text = fc.constantFrom('hello #work', 'other words here', 'Ünïcode #Café 🎉', 'a reply');
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
type Draft = JournalCommand extends infer C ? (C extends JournalCommand ? Omit<C, 'at'> : never) : never;

const draft: fc.Arbitrary<Draft> = fc.oneof(
  weighted(
    1,
    fc.record({
      type: fc.constant('CreateChannel' as const),
      channel,
      name: fc.constantFrom('Work', 'Home', 'Ideas'),
    }),
  ),
  weighted(
    1,
    fc.record({
      type: fc.constant('RenameChannel' as const),
      channel,
      name: fc.constantFrom('Trips', 'Later'),
    }),
  ),
  weighted(
    1,
    fc.record({ type: fc.constantFrom('ArchiveChannel' as const, 'UnarchiveChannel' as const), channel }),
  ),
  weighted(
    1,
    fc.record({ type: fc.constant('ReorderChannels' as const), order: fc.array(channel, { maxLength: 3 }) }),
  ),
  weighted(
    6,
    fc.record(
      {
        type: fc.constant('PostMessage' as const),
        message,
        channel,
        text,
        attachments: fc.option(fc.constant([picture]), { nil: undefined }),
        replyTo: fc.option(message, { nil: undefined }),
      },
      { requiredKeys: ['type', 'message', 'channel', 'text'] },
    ),
  ),
  weighted(
    4,
    fc.record(
      {
        type: fc.constant('EditMessage' as const),
        message,
        edit,
        baseVersion: fc.constantFrom(1, 2, 3),
        text,
        resolves: fc.option(fc.array(edit, { maxLength: 1 }), { nil: undefined }),
      },
      { requiredKeys: ['type', 'message', 'edit', 'baseVersion', 'text'] },
    ),
  ),
  weighted(1, fc.record({ type: fc.constant('DismissEditConflict' as const), message, edit })),
  weighted(
    4,
    fc.record({
      type: fc.constantFrom(
        'DeleteMessage' as const,
        'RestoreMessage' as const,
        'PinMessage' as const,
        'UnpinMessage' as const,
      ),
      message,
    }),
  ),
  weighted(
    2,
    fc.record({
      type: fc.constantFrom('AddReaction' as const, 'RemoveReaction' as const),
      message,
      emoji: fc.constantFrom('👍', '🎉'),
    }),
  ),
  weighted(
    2,
    fc.record({
      type: fc.constantFrom('AddTag' as const, 'RemoveTag' as const),
      message,
      tag: fc.constantFrom('trip', 'work'),
    }),
  ),
);

const opening: Draft[] = [
  { type: 'CreateChannel', channel: 'c1', name: 'Work' },
  { type: 'CreateChannel', channel: 'c2', name: 'Home' },
];

/** Commands with their times: minutes after a fixed morning, mostly rising, sometimes back in time. */
export const journalCommands: fc.Arbitrary<JournalCommand[]> = fc
  .array(
    fc.tuple(draft, fc.oneof(weighted(5, fc.constant(0)), weighted(1, fc.integer({ min: -500, max: -1 })))),
    {
      minLength: 1,
      maxLength: 60,
    },
  )
  .map((drafts) => {
    const all: [Draft, number][] = [...opening.map((d): [Draft, number] => [d, 0]), ...drafts];
    return all.map(([command, back], i) => ({ ...command, at: minutes(i * 10 + back) }));
  });

export function minutes(count: number): string {
  return new Date(Date.UTC(2026, 2, 1, 8, 0) + count * 60_000).toISOString();
}

export interface RunJournal {
  /** The events the decider accepted, as the store would record them. */
  readonly log: RecordedEvent[];
  readonly state: JournalState;
}

/** Decides each command on the journal so far, as the command handler would, and records what it accepts. */
export function runCommands(commands: readonly JournalCommand[]): RunJournal {
  let state = initialState();
  const log: RecordedEvent[] = [];
  const revisions = new Map<string, number>();
  for (const command of commands) {
    let events: JournalEvent[];
    try {
      events = decide(command, state);
    } catch (error) {
      if (error instanceof JournalError) continue;
      throw error;
    }
    state = foldJournal(events, state);
    for (const event of events) log.push(recorded(event, log.length + 1, revisions));
  }
  return { log, state };
}

function recorded(event: JournalEvent, position: number, revisions: Map<string, number>): RecordedEvent {
  const stream = streamOfEvent(event);
  const revision = revisions.get(stream) ?? 0;
  revisions.set(stream, revision + 1);
  return {
    position,
    stream,
    revision,
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: event.type,
    time: minutes(position),
    data: JSON.parse(JSON.stringify(event.data)) as RecordedEvent['data'],
    meta: {},
  };
}
