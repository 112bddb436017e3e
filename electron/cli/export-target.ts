import type { ExportFormat, ReportFormat } from '../../shared/report-stamp.js';
import { FileOutput, ReportError, StreamOutput, type ExportOutput } from '../reports/index.js';
import { UsageError } from './args.js';
import { CliFailure, EXIT_USAGE } from './failure.js';

/** `--format` checked against the formats a command makes. */
export function formatOption<F extends ExportFormat | ReportFormat>(
  text: string | undefined,
  formats: readonly F[],
): F {
  if (text === undefined) throw new UsageError(`--format is required: one of ${formats.join(', ')}`);
  if (!(formats as readonly string[]).includes(text))
    throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${text}"`);
  return text as F;
}

/**
 * Writes to FILE (appearing only once complete) or to stdout, and turns the reports' errors into the
 * CLI's: a bad option is a usage error (exit 2), anything else exit 1.
 */
export async function withOutput<T>(
  file: string | undefined,
  write: (output: ExportOutput) => Promise<T>,
): Promise<T> {
  let output: ExportOutput;
  try {
    output = file === undefined ? new StreamOutput(process.stdout) : await FileOutput.create(file);
  } catch (error) {
    throw asCliFailure(error);
  }
  try {
    const result = await write(output);
    await output.commit();
    return result;
  } catch (error) {
    await output.abort();
    throw asCliFailure(error);
  }
}

export function asCliFailure(error: unknown): unknown {
  if (error instanceof ReportError)
    return new CliFailure(error.message, error.code === 'BadOption' ? EXIT_USAGE : 1);
  return error;
}
