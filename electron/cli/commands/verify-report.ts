import { compileLogFilter } from '../../api/log-filter.js';
import { readStampedFile, verifyReport, type ReportVerification } from '../../reports/index.js';
import { JSON_OPTION, type Command } from '../command.js';
import { asCliFailure } from '../export-target.js';
import { CliFailure } from '../failure.js';
import { withStore } from '../open-store.js';
import { printJson, printLine } from '../output.js';

export const verifyReportCommand: Command = {
  name: 'verify-report',
  summary: 'Check that a folder still holds exactly the events an export or report was made from',
  usage: ['FILE DIR [--json]'],
  description:
    "Reads FILE's stamp (any export or report Eventfold made), checks that FILE is unchanged since it was\n" +
    'made, and picks the events its selection names from DIR again: the same count, at the same\n' +
    'positions, with the same stored bytes (SHA-256). Exits 0 when they match; 1 naming what changed\n' +
    '(events appended inside the range, a changed line, a changed report, another folder); 2 when FILE\n' +
    'or DIR cannot be used.',
  arguments: { required: ['FILE', 'DIR'] },
  options: { json: { ...JSON_OPTION, description: 'Print the outcome as JSON' } },
  examples: ['eventfold verify-report orders.csv ./journal'],
  async run(args) {
    const [file, dir] = args.positionals as [string, string];
    let stamped;
    try {
      stamped = await readStampedFile(file);
    } catch (error) {
      const failure = asCliFailure(error);
      throw failure instanceof CliFailure ? new CliFailure(failure.message, 2) : failure;
    }
    const outcome = await withStore(dir, {}, (store) => verifyReport(stamped, store, compileLogFilter));
    if (args.flag('json')) await printJson(outcome);
    else await printOutcome(file, dir, outcome);
    if (!outcome.ok) throw new CliFailure(`${file} no longer matches ${dir}: ${outcome.problems.join('; ')}`);
    return 0;
  },
};

async function printOutcome(file: string, dir: string, outcome: ReportVerification): Promise<void> {
  const { stamp } = outcome;
  const range = `positions ${stamp.selection.from}..${stamp.selection.to}`;
  if (outcome.ok)
    await printLine(
      `${file} matches ${dir}: ${stamp.count} events in ${range}, SHA-256 ${stamp.eventsSha256}`,
    );
  for (const problem of outcome.problems) await printLine(`changed: ${problem}`);
  for (const note of outcome.notes) await printLine(`note: ${note}`);
}
