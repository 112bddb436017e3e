import type { CommandOutcome } from '../../shared/journal/command-outcome.js';
import type { JournalCommand } from '../../shared/journal/index.js';
import type { SessionUnderTest } from '../api/api-session-fixture.js';

/** A time `minutes` after a fixed morning (2026-03-01 08:00 UTC). */
export function at(minutes: number): string {
  return new Date(Date.UTC(2026, 2, 1, 8, 0) + minutes * 60_000).toISOString();
}

/** Journal commands through a window's session, as the page sends them. */
export class JournalPage {
  private clock = 0;

  constructor(readonly session: SessionUnderTest) {}

  /** Runs a command at the next minute (or its own `at`). */
  command(command: DistributiveOmit<JournalCommand, 'at'> & { at?: string }): Promise<CommandOutcome> {
    const time = command.at ?? at(++this.clock);
    return this.session.call('journal.command', { ...command, at: time });
  }

  channel(channel: string, name: string): Promise<CommandOutcome> {
    return this.command({ type: 'CreateChannel', channel, name });
  }

  post(message: string, text: string, extra: { channel?: string; at?: string; replyTo?: string } = {}) {
    return this.command({
      type: 'PostMessage',
      message,
      channel: extra.channel ?? 'c1',
      text,
      ...(extra.replyTo === undefined ? {} : { replyTo: extra.replyTo }),
      ...(extra.at === undefined ? {} : { at: extra.at }),
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
