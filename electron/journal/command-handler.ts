import type { JsonValue } from '../../shared/event.js';
import type { CommandOutcome } from '../../shared/journal/command-outcome.js';
import { decide, JournalError, routeOf, type JournalCommand } from '../../shared/journal/index.js';
import { WrongExpectedRevisionError } from '../../shared/store-error.js';
import { loadDecisionState } from './decision-state.js';
import type { JournalStreams } from './journal-streams.js';

export interface CommandHandlerOptions {
  /**
   * How many times a command is decided before the handler gives up with 'WriteContention'. Each retry
   * reads the stream again, so it only fails when others keep changing the same message or the channel
   * directory faster than it can decide: five is far beyond two windows and a CLI.
   */
  readonly maxAttempts?: number;
  /** Metadata for every appended event (which program wrote it, an import's source file). */
  readonly meta?: JsonValue;
}

/**
 * Runs journal commands against a store: read the decision state of the command's streams, decide, and
 * append to the command's stream expecting the revision that was read. When another window, process or
 * the CLI appended to that stream in between, the store refuses the append (WrongExpectedRevision) and
 * the command is decided again on the fresh state, which may now accept it as it is, record it as an
 * edit conflict, give no events (the other writer did the same thing), or refuse it (the message was
 * deleted meanwhile). A refusal is thrown as the decider's JournalError.
 */
export class JournalCommandHandler {
  private readonly maxAttempts: number;

  constructor(
    private readonly streams: JournalStreams,
    private readonly options: CommandHandlerOptions = {},
  ) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  }

  async handle(command: JournalCommand): Promise<CommandOutcome> {
    const route = routeOf(command);
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await loadDecisionState(this.streams, route);
      const events = decide(command, state);
      const conflict = events.some((event) => event.type === 'MessageEditConflicted');
      if (events.length === 0)
        return { stream: route.stream, events, positions: null, conflict, attempts: attempt };
      try {
        const result = await this.streams.appendToStream(
          route.stream,
          events.map((event) => ({
            type: event.type,
            data: event.data as unknown as JsonValue,
            ...(this.options.meta === undefined ? {} : { meta: this.options.meta }),
          })),
          { expectedRevision: revision === 'no-stream' ? 'no-stream' : revision },
        );
        return {
          stream: route.stream,
          events,
          positions: { first: result.firstPosition, last: result.lastPosition },
          conflict,
          attempts: attempt,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= this.maxAttempts) {
          throw new JournalError(
            'WriteContention',
            `${command.type} lost the race for ${route.stream} to other writers ${attempt} times in a row; nothing was changed, try again`,
            { stream: route.stream, attempts: attempt },
          );
        }
      }
    }
  }
}
