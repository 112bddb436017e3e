import type { OptionSpec, OptionSpecs, ParsedArgs } from './args.js';

/** One `eventfold` subcommand: what help shows about it, and what it does. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Argument forms after `eventfold NAME`, one per line of the usage. */
  readonly usage: readonly string[];
  /** Paragraphs shown by `eventfold NAME --help`. */
  readonly description: string;
  readonly arguments: { readonly required: readonly string[]; readonly optional?: readonly string[] };
  readonly options: OptionSpecs;
  readonly examples?: readonly string[];
  /**
   * Commands of their own after DIR (`eventfold journal DIR search QUERY`): the second word picks one, which
   * then gets DIR and the rest of the line. `run` is not called for such a command.
   */
  readonly subcommands?: readonly Command[];
  /** Resolves to the exit code. */
  run(args: ParsedArgs): Promise<number>;
}

export const JSON_OPTION: OptionSpec = {
  type: 'boolean',
  description: 'Print JSON instead of text',
};

export const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help' };
