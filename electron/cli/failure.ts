/** A failure the CLI reports as one line on stderr, with the exit code the user's scripts can test. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Exit codes, as `eventfold --help` documents them. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_WRONG_EXPECTED_REVISION = 3;
