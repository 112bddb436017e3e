/** The journal's Node side: running commands against the store (read models, search and imports come next). */
export { JournalCommandHandler } from './command-handler.js';
export type { CommandHandlerOptions } from './command-handler.js';
export type { CommandOutcome } from '../../shared/journal/command-outcome.js';
export { loadDecisionState } from './decision-state.js';
export type { LoadedState } from './decision-state.js';
export type { JournalStreams } from './journal-streams.js';
