import { describeProblem, verifyEventFolder, type VerifyReport } from '../../store/index.js';
import { JSON_OPTION, type Command } from '../command.js';
import { CliFailure } from '../failure.js';
import { printJson, printLine } from '../output.js';
import { Progress } from '../progress.js';
import { forTerminal } from '../terminal-text.js';
import { formatBytes, formatCount, plural } from '../units.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check every line, checksum, position and seal of a folder',
  usage: ['DIR [--json]'],
  description:
    'Reads the whole log as a stranger would: every line parsed and its checksum checked, positions\n' +
    '1..N without gaps, sealed segments against their seals. Exits 0 when the folder is sound, else 1,\n' +
    'printing one line per problem: log/SEGMENT line N (byte B): reason.\n' +
    'A torn tail (an append interrupted by a crash) is a problem that `eventfold repair` fixes.\n' +
    'Lines starting "note:" name entries outside the log that Eventfold leaves alone (a linked cache/,\n' +
    'a directory where write.lock belongs); they do not make the folder unsound.',
  arguments: { required: ['DIR'] },
  options: { json: { ...JSON_OPTION, description: 'Print the report as JSON' } },
  async run(args) {
    const dir = args.positionals[0]!;
    const progress = new Progress(`verifying ${dir}`);
    let report: VerifyReport;
    try {
      report = await verifyEventFolder(dir, ({ bytesDone, bytesTotal }) =>
        progress.bytes(bytesDone, bytesTotal),
      );
    } finally {
      progress.clear();
    }
    if (args.flag('json')) await printJson(report);
    else {
      if (report.sound) await printLine(`${dir} is sound: ${summary(report)}`);
      else for (const problem of report.problems) await printLine(forTerminal(describeProblem(problem)));
      for (const note of report.notes) await printLine(`note: ${forTerminal(note)}`);
    }
    if (!report.sound)
      throw new CliFailure(
        `${dir} is not sound: ${plural(report.problems.length, 'problem')}${advice(report)}`,
      );
    if (!args.flag('json') && report.tail !== undefined) {
      await printLine(
        `(another process is in the middle of an append: ${plural(report.tail.bytes, 'byte')} not yet complete)`,
      );
    }
    return 0;
  },
};

function summary(report: VerifyReport): string {
  return [
    plural(report.events, 'event'),
    plural(report.streams, 'stream'),
    plural(report.segments, 'segment'),
    `${formatCount(report.bytes)} bytes${report.bytes >= 1024 ? ` (${formatBytes(report.bytes)})` : ''}`,
  ].join(', ');
}

function advice(report: VerifyReport): string {
  const onlyTornTail = report.tail?.torn === true && report.problems.length === 1;
  return onlyTornTail
    ? '; `eventfold repair` cuts the torn tail'
    : '; the folder is read-only until the damaged lines are dealt with (`eventfold repair` cuts only a torn tail)';
}
