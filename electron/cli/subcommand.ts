import { UsageError } from './args.js';
import type { Command } from './command.js';
import { closestCommand } from './command-list.js';
import { writeOut } from './output.js';
import { commandHelp } from './help.js';

/**
 * `eventfold NAME DIR SUB [options]`: finds SUB among the command's subcommands and runs it with DIR and
 * the rest (parsed by `run`, with SUB's own options). `eventfold NAME --help` lists the subcommands;
 * `eventfold NAME DIR SUB --help` (or `eventfold NAME SUB --help`) shows SUB's.
 */
export async function runSubcommand(
  parent: Command,
  argv: readonly string[],
  run: (command: Command, argv: readonly string[]) => Promise<number>,
): Promise<number> {
  const subcommands = parent.subcommands ?? [];
  const [first, second, ...rest] = argv;
  const wantsHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';
  if (first === undefined || wantsHelp(first)) return show(commandHelp(parent));
  // `eventfold journal post --help`: help needs no folder.
  const named = find(subcommands, first);
  if (named !== undefined && (second === undefined || wantsHelp(second)))
    return show(subcommandHelp(parent, named));
  if (second === undefined) {
    throw new UsageError(
      `missing a command after ${first}: ${subcommands.map((sub) => sub.name).join(', ')}`,
    );
  }
  const sub = find(subcommands, second);
  if (sub === undefined) {
    const suggestion = closestCommand(second, subcommands);
    throw new UsageError(
      `unknown ${parent.name} command "${second}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; ` +
        `the commands are ${subcommands.map((s) => s.name).join(', ')}`,
    );
  }
  if (rest.some(wantsHelp)) return show(subcommandHelp(parent, sub));
  try {
    return await run({ ...sub, name: parent.name }, [first, ...rest]);
  } catch (error) {
    if (error instanceof UsageError && error.helpOf === undefined) {
      throw new UsageError(error.message, `${parent.name} DIR ${sub.name}`);
    }
    throw error;
  }
}

function find(subcommands: readonly Command[], name: string): Command | undefined {
  return subcommands.find((sub) => sub.name === name);
}

/** A subcommand's help, its usage lines as they are typed: `eventfold journal DIR post …`. */
function subcommandHelp(parent: Command, sub: Command): string {
  return commandHelp({ ...sub, name: parent.name });
}

async function show(text: string): Promise<number> {
  await writeOut(text);
  return 0;
}
