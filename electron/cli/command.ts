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
   * Commands of this one, written after its DIR (`eventfold journal DIR post TEXT`): each is parsed with its
   * own options and arguments (DIR first), and `eventfold NAME DIR SUB --help` shows its help.
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
