import path from 'node:path';

export interface CommandLineContext {
  /** Directory relative paths are resolved against: the launching shell's, not the running app's. */
  readonly cwd: string;
  /**
   * True when started as `electron APP_PATH …` (development, tests): the first bare argument is then the
   * app, not a folder. Electron's `process.defaultApp`.
   */
  readonly defaultApp: boolean;
}

/**
 * The event folder a command line names, absolute, or undefined when it names none. Accepts
 * `--folder=PATH`, `--folder PATH` and a bare PATH (what a file manager's "Open with" passes). Switches
 * that Chromium, Electron or macOS add (`--inspect=0`, `--no-sandbox`, `-psn_…`) are not folders.
 */
export function folderFromCommandLine(
  argv: readonly string[],
  context: CommandLineContext,
): string | undefined {
  const bare: string[] = [];
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--') {
      bare.push(...argv.slice(index + 1));
      break;
    }
    if (argument.startsWith('--folder=')) return resolve(argument.slice('--folder='.length), context);
    if (argument === '--folder') return resolve(argv[index + 1] ?? '', context);
    if (!argument.startsWith('-')) bare.push(argument);
  }
  const [folder] = context.defaultApp ? bare.slice(1) : bare;
  return folder === undefined ? undefined : resolve(folder, context);
}

function resolve(folder: string, context: CommandLineContext): string | undefined {
  return folder === '' ? undefined : path.resolve(context.cwd, folder);
}
