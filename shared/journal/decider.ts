import type { JournalCommand } from './commands.js';
import { decide } from './decide.js';
import type { JournalEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialState, type JournalState } from './state.js';

/** Emmett's decider shape: decide a command on a state, evolve a state by an event, from an initial state. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** The journal's decider. Route a command with routeOf to know which streams its state needs. */
export const journalDecider: Decider<JournalCommand, JournalEvent, JournalState> = {
  decide,
  evolve,
  initialState,
};

/** The state after these events, from the initial state. */
export function foldJournal(
  events: Iterable<JournalEvent>,
  state: JournalState = initialState(),
): JournalState {
  let folded = state;
  for (const event of events) folded = evolve(folded, event);
  return folded;
}
