import { parseArgs, UsageError } from './args.js';
import type { Command } from './command.js';
import { closestCommand, loadCommand } from './command-list.js';
import { exitCodeFor, isUnexpected, messageOf } from './error-report.js';
import { EXIT_OK, EXIT_USAGE } from './failure.js';
import { commandHelp, mainHelp } from './help.js';
import { runSubcommand } from './subcommand.js';
import { watchForClosedOutput, printError, writeOut } from './output.js';
import { packageVersion } from './package-root.js';

/** Runs `eventfold ARGS` and resolves to the exit code; every failure is reported here, once. */
export async function main(argv: readonly string[]): Promise<number> {
  let command: Command | undefined;
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      process.stderr.write(mainHelp(packageVersion()));
      return EXIT_USAGE;
    }
    if (name === '--help' || name === '-h') return await show(mainHelp(packageVersion()));
    if (name === '--version') return await show(`eventfold ${packageVersion()}\n`);
    if (name === 'help') return await help(rest);
    if (name.startsWith('-')) throw new UsageError(`unknown option ${name} (options go after the command)`);
    command = await loadCommand(name);
    if (command === undefined) throw unknownCommand(name);
    return await run(command, rest);
  } catch (error) {
    return report(error, command);
  }
}

async function run(command: Command, argv: readonly string[]): Promise<number> {
  if (command.subcommands !== undefined) return runSubcommand(command, argv, run);
  const beforeSeparator = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  // Help wins over every other mistake on the line: it is what someone who made one is looking for.
  if (beforeSeparator.includes('--help') || beforeSeparator.includes('-h')) return show(commandHelp(command));
  const args = parseArgs(argv, command.options);
  const { required, optional = [] } = command.arguments;
  const missing = required.slice(args.positionals.length);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(' and ')}`);
  // An argument named `TEXT...` takes the rest of the line.
  const variadic = optional.some((name) => name.endsWith('...'));
  const extra = variadic ? [] : args.positionals.slice(required.length + optional.length);
  if (extra.length > 0)
    throw new UsageError(
      `unexpected argument${extra.length === 1 ? '' : 's'} ${extra.map((a) => `"${a}"`).join(' ')}`,
    );
  return command.run(args);
}

async function help(argv: readonly string[]): Promise<number> {
  const [name, ...extra] = argv;
  if (name === undefined) return show(mainHelp(packageVersion()));
  if (extra.length > 0) throw new UsageError('help takes one command name');
  const command = await loadCommand(name);
  if (command === undefined) throw unknownCommand(name);
  return show(commandHelp(command));
}

async function show(text: string): Promise<number> {
  await writeOut(text);
  return EXIT_OK;
}

function unknownCommand(name: string): UsageError {
  const suggestion = closestCommand(name);
  return new UsageError(
    `unknown command "${name}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; run eventfold --help for the list`,
  );
}

function report(error: unknown, command: Command | undefined): number {
  if (error instanceof UsageError && command !== undefined) {
    printError(`${error.message} (see eventfold ${error.helpOf ?? command.name} --help)`);
  } else if (isUnexpected(error)) {
    printError(
      `unexpected error: ${messageOf(error)} (set EVENTFOLD_DEBUG=1 for details, and please report it)`,
    );
    if (process.env.EVENTFOLD_DEBUG) console.error(error);
  } else {
    printError(messageOf(error));
  }
  return exitCodeFor(error);
}

watchForClosedOutput();
process.exitCode = await main(process.argv.slice(2));
