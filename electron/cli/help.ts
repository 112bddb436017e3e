import { HELP_OPTION, type Command } from './command.js';
import { COMMANDS } from './command-list.js';

export function mainHelp(version: string): string {
  const width = COMMANDS.reduce((most, command) => Math.max(most, command.name.length), 0);
  return [
    `eventfold ${version}: an append-only event store in a folder of JSON lines`,
    '',
    'Usage: eventfold COMMAND DIR [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    "Run 'eventfold help COMMAND' or 'eventfold COMMAND --help' for a command's options.",
    '',
    'Options:',
    '  -h, --help     Show this help',
    '  --version      Print the version',
    '',
    'Exit codes: 0 ok, 1 error, 2 usage error, 3 wrong expected revision.',
    '',
  ].join('\n');
}

/** A command's help; a subcommand's (`parent` given) is written as `eventfold journal DIR search …`. */
export function commandHelp(command: Command, parent?: Command): string {
  const options = Object.entries({ ...command.options, help: HELP_OPTION }).map(([name, spec]) => ({
    flags: `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`,
    description: spec.description,
  }));
  const width = options.reduce((most, option) => Math.max(most, option.flags.length), 0);
  const prefix = parent === undefined ? command.name : parent.name;
  const subcommands = command.subcommands ?? [];
  const nameWidth = subcommands.reduce((most, sub) => Math.max(most, sub.name.length), 0);
  return [
    ...command.usage.map((usage, i) => `${i === 0 ? 'Usage:' : '      '} eventfold ${prefix} ${usage}`),
    '',
    command.summary + '.',
    '',
    command.description,
    '',
    ...(subcommands.length === 0
      ? []
      : [
          'Commands:',
          ...subcommands.map((sub) => `  ${sub.name.padEnd(nameWidth)}  ${sub.summary}`),
          '',
          `Run 'eventfold ${command.name} DIR COMMAND --help' for a command's options.`,
          '',
        ]),
    'Options:',
    ...options.map((option) => `  ${option.flags.padEnd(width)}  ${option.description}`),
    ...(command.examples === undefined
      ? []
      : ['', 'Examples:', ...command.examples.map((example) => `  ${example}`)]),
    '',
  ].join('\n');
}
