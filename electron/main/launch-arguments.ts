/** The event folder named on the command line as `--folder=PATH` or `--folder PATH`, if any. */
export function folderArgument(argv: readonly string[]): string | undefined {
  for (const [index, argument] of argv.entries()) {
    if (argument.startsWith('--folder=')) return argument.slice('--folder='.length) || undefined;
    if (argument === '--folder') return argv[index + 1];
  }
  return undefined;
}
