import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decide,
  foldJournal,
  initialState,
  JournalError,
  readJournalEvent,
  routeOf,
  streamOfEvent,
  type JournalCommand,
  type JournalEvent,
  type JournalState,
} from '../../shared/journal/index.js';
import { at, picture } from './journal-fixtures.js';

// Small pools of ids and values, so that random commands often meet each other: the same message edited
// twice from one base, a reply to a deleted message, a channel archived under a post. Values the journal
// refuses come now and then, not so often that little else happens.
const mostly = <T>(valid: readonly T[], invalid: readonly T[]): fc.Arbitrary<T> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...invalid) },
  );
const channel = mostly(['c1', 'c2'], ['c3']);
const message = mostly(['m1', 'm2', 'm3'], ['m4']);
const edit = fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5');
const text = mostly(['hello #work', 'other words', 'Ünïcode #Café 🎉'], ['', ' ', 'x'.repeat(70_000)]);
const name = mostly(['Work', 'work', 'Home', ' Ideas '], ['', 'bad\nname']);
const emoji = mostly(['👍', '🎉', '👍🏽'], ['ok']);
const tag = mostly(['work', '#Trip', 'café'], ['1bad']);
const attachments = fc.option(mostly([[], [picture]], [[{ ...picture, width: 0 }]]), { nil: undefined });
/** A command without its time (Omit distributed over the union). */
type Draft = JournalCommand extends infer C ? (C extends JournalCommand ? Omit<C, 'at'> : never) : never;
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

/** A command without its time; times are given in order when the sequence runs. */
const randomCommand: fc.Arbitrary<Draft> = fc.oneof(
  weighted(1, fc.record({ type: fc.constant('CreateChannel' as const), channel, name })),
  weighted(1, fc.record({ type: fc.constant('RenameChannel' as const), channel, name })),
  weighted(1, fc.record({ type: fc.constant('ArchiveChannel' as const), channel })),
  weighted(2, fc.record({ type: fc.constant('UnarchiveChannel' as const), channel })),
  weighted(
    1,
    fc.record({ type: fc.constant('ReorderChannels' as const), order: fc.array(channel, { maxLength: 3 }) }),
  ),
  weighted(
    4,
    fc.record(
      {
        type: fc.constant('PostMessage' as const),
        message,
        channel,
        text,
        attachments,
        replyTo: fc.option(message, { nil: undefined }),
      },
      { requiredKeys: ['type', 'message', 'channel', 'text'] },
    ),
  ),
  weighted(
    6,
    fc.record(
      {
        type: fc.constant('EditMessage' as const),
        message,
        edit,
        baseVersion: mostly([1, 1, 2, 3], [0]),
        text,
        attachments,
        resolves: fc.option(fc.array(edit, { maxLength: 2 }), { nil: undefined }),
      },
      { requiredKeys: ['type', 'message', 'edit', 'baseVersion', 'text'] },
    ),
  ),
  weighted(2, fc.record({ type: fc.constant('DismissEditConflict' as const), message, edit })),
  weighted(
    3,
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
    fc.record({ type: fc.constantFrom('AddReaction' as const, 'RemoveReaction' as const), message, emoji }),
  ),
  weighted(2, fc.record({ type: fc.constantFrom('AddTag' as const, 'RemoveTag' as const), message, tag })),
);

/** Most sequences start with a journal to work on (two channels, two messages); some start empty. */
const opening: Draft[] = [
  { type: 'CreateChannel', channel: 'c1', name: 'Work' },
  { type: 'CreateChannel', channel: 'c2', name: 'Home' },
  { type: 'PostMessage', message: 'm1', channel: 'c1', text: 'first' },
  { type: 'PostMessage', message: 'm2', channel: 'c1', text: 'second', replyTo: 'm1' },
];
const commands = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    fc.array(randomCommand, { minLength: 1, maxLength: 80, size: 'medium' }),
  )
  .map(([open, rest]) => (open ? [...opening, ...rest] : rest));

type Outcome = { readonly events: JournalEvent[] } | { readonly refused: string };

function attempt(command: JournalCommand, state: JournalState): Outcome {
  try {
    return { events: decide(command, state) };
  } catch (error) {
    // A refusal is the only thing deciding may throw.
    expect(error).toBeInstanceOf(JournalError);
    return { refused: (error as JournalError).code };
  }
}

/** The log as the store would hold it: each event in the stream it was appended to. */
interface Logged {
  readonly stream: string;
  readonly event: JournalEvent;
}

/** What the command handler folds: the events of the command's route streams, in log order. */
function stateFromStreams(log: readonly Logged[], streams: readonly string[]): JournalState {
  return foldJournal(log.filter((entry) => streams.includes(entry.stream)).map((entry) => entry.event));
}

/** The events as a reader gets them from the folder: through JSON, and read back with their schema. */
function readBack(log: readonly Logged[]): JournalEvent[] {
  return log.map(({ event }) => {
    const reading = readJournalEvent(event.type, JSON.parse(JSON.stringify(event.data)));
    if (reading.kind !== 'journal')
      throw new Error(`${event.type} did not read back: ${JSON.stringify(reading)}`);
    return reading.event;
  });
}

describe('the journal decider, on any sequence of commands', () => {
  it('decides the same on the streams a command routes to as on the whole journal, and its events fold back to the state it saw', () => {
    fc.assert(
      fc.property(commands, (drafts) => {
        const log: Logged[] = [];
        let state = initialState();
        drafts.forEach((draft, i) => {
          const command = { ...draft, at: at(i) } as JournalCommand;
          const route = routeOf(command);
          const outcome = attempt(command, state);
          // The command handler loads only the route's streams: it must decide exactly the same.
          expect(attempt(command, stateFromStreams(log, route.reads))).toStrictEqual(outcome);
          if (!('events' in outcome)) return;
          for (const event of outcome.events) {
            expect(streamOfEvent(event)).toBe(route.stream);
            log.push({ stream: route.stream, event });
          }
          state = foldJournal(outcome.events, state);
          // A retried command never records anything twice.
          const retried = attempt(command, state);
          if ('events' in retried) expect(retried.events).toStrictEqual([]);
        });
        // Folding the accepted events, read back from their stored form, gives the state the decider saw.
        expect(foldJournal(readBack(log))).toStrictEqual(state);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every stream a fold of its own: a message stream alone gives that message', () => {
    fc.assert(
      fc.property(commands, (drafts) => {
        const log: Logged[] = [];
        let state = initialState();
        drafts.forEach((draft, i) => {
          const outcome = attempt({ ...draft, at: at(i) }, state);
          if (!('events' in outcome)) return;
          for (const event of outcome.events) log.push({ stream: streamOfEvent(event), event });
          state = foldJournal(outcome.events, state);
        });
        for (const [id, folded] of Object.entries(state.messages)) {
          expect(stateFromStreams(log, [`message-${id}`]).messages[id]).toStrictEqual(folded);
        }
        expect(stateFromStreams(log, ['journal-channels']).directory).toStrictEqual(state.directory);
      }),
      { numRuns: 200 },
    );
  });
});
