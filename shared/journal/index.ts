/**
 * The journal's domain: commands, events, the decider and the rules they follow. Pure TypeScript (no I/O,
 * no clock): the Node side, the renderer and tests all use it. docs/JOURNAL.md describes the events as a
 * jq reader finds them in a folder.
 */
export * from './attachment.js';
export * from './command-outcome.js';
export * from './commands.js';
export { decide } from './decide.js';
export * from './decider.js';
export * from './emoji.js';
export * from './event-reading.js';
export * from './events.js';
export { evolve, evolveDirectory, evolveMessage } from './evolve.js';
export * from './journal-error.js';
export * from './journal-values.js';
export * from './limits.js';
export * from './state.js';
export { CHANNELS_STREAM, messageIdOfStream, messageStream, routeOf, streamOfEvent } from './streams.js';
export type { CommandRoute } from './streams.js';
export * from './tags.js';
export * from './value-schemas.js';
export * from './views.js';
export { journalArgs, messagePageRequest } from './request-args.js';
export type { MessagePageRequest } from './request-args.js';
