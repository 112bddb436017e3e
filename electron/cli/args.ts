import { CliFailure, EXIT_USAGE } from './failure.js';

/** The command line was wrong: exit code 2, and the message points to the command's --help. */
export class UsageError extends CliFailure {
  constructor(
    message: string,
    /** The command line whose --help explains it (`journal DIR post`), when not the command's own. */
    readonly helpOf?: string,
  ) {
    super(message, EXIT_USAGE);
  }
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** May be given several times; the values are collected in order. */
  readonly multiple?: boolean;
  readonly short?: string;
  /** For help: the value's placeholder (`N`, `JSON`) and what the option does. */
  readonly value?: string;
  readonly description: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/**
 * A small strict parser rather than node:util's, for messages that name exactly what was wrong:
 * unknown options, a missing value, a boolean given a value, a single-valued option given twice.
 */
export function parseArgs(argv: readonly string[], specs: OptionSpecs): ParsedArgs {
  const positionals: string[] = [];
  const values = new Map<string, string | true | string[]>();
  const shortNames = new Map(
    Object.entries(specs).flatMap(([name, spec]) => (spec.short ? [[spec.short, name]] : [])),
  );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
      inline = equals === -1 ? undefined : arg.slice(equals + 1);
    } else if (/^-[^\d.]/.test(arg)) {
      const long = shortNames.get(arg.slice(1));
      if (long === undefined) throw new UsageError(`unknown option ${arg}`);
      name = long;
    } else {
      positionals.push(arg);
      continue;
    }
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined) throw new UsageError(`unknown option --${name}`);
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value (given "${inline}")`);
      values.set(name, true);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new UsageError(`--${name} needs a value${spec.value ? ` (${spec.value})` : ''}`);
      }
      value = next;
      i++;
    }
    const previous = values.get(name);
    if (spec.multiple) values.set(name, [...(Array.isArray(previous) ? previous : []), value]);
    else if (previous !== undefined) throw new UsageError(`--${name} is given more than once`);
    else values.set(name, value);
  }
  return new ParsedArgs(positionals, values);
}

export class ParsedArgs {
  constructor(
    readonly positionals: readonly string[],
    private readonly values: ReadonlyMap<string, string | true | string[]>,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  flag(name: string): boolean {
    return this.values.get(name) === true;
  }

  string(name: string): string | undefined {
    const value = this.values.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  strings(name: string): string[] {
    const value = this.values.get(name);
    return Array.isArray(value) ? value : [];
  }

  /** A whole number option within bounds; anything else is a usage error naming the option. */
  integer(name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const value = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
      throw new UsageError(`--${name} must be a whole number ${range}, not "${text}"`);
    }
    return value;
  }
}
