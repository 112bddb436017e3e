import { verifyAttachments, type AttachmentReport } from '../../journal/index.js';
import { describeProblem, openEventStore, verifyEventFolder, type VerifyReport } from '../../store/index.js';
import { JSON_OPTION, type Command } from '../command.js';
import { CliFailure } from '../failure.js';
import { printJson, printLine } from '../output.js';
import { Progress } from '../progress.js';
import { forTerminal } from '../terminal-text.js';
import { formatBytes, formatCount, plural } from '../units.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check every line, checksum, position and seal of a folder, and its attachments',
  usage: ['DIR [--json]'],
  description:
    'Reads the whole log as a stranger would: every line parsed and its checksum checked, positions\n' +
    '1..N without gaps, sealed segments against their seals. Then checks that every attachment a\n' +
    'journal message names is in attachments/sha256/ with the bytes of its hash, and lists files there\n' +
    'that no message names (information, not a problem). Exits 0 when the folder is sound, else 1,\n' +
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
    let attachments: AttachmentReport;
    try {
      report = await verifyEventFolder(dir, ({ bytesDone, bytesTotal }) =>
        progress.bytes(bytesDone, bytesTotal),
      );
      attachments = await checkAttachments(dir, (done, total) => progress.bytes(done, total));
    } finally {
      progress.clear();
    }
    const sound = report.sound && attachments.problems.length === 0;
    if (args.flag('json')) await printJson({ ...report, sound, attachments });
    else {
      if (report.sound) await printLine(`${dir} is sound: ${summary(report)}`);
      else for (const problem of report.problems) await printLine(forTerminal(describeProblem(problem)));
      for (const note of report.notes) await printLine(`note: ${forTerminal(note)}`);
      for (const line of attachmentLines(attachments)) await printLine(forTerminal(line));
    }
    if (!sound) {
      const count = report.problems.length + attachments.problems.length;
      throw new CliFailure(`${dir} is not sound: ${plural(count, 'problem')}${advice(report)}`);
    }
    if (!args.flag('json') && report.tail !== undefined) {
      await printLine(
        `(another process is in the middle of an append: ${plural(report.tail.bytes, 'byte')} not yet complete)`,
      );
    }
    return 0;
  },
};

async function checkAttachments(
  dir: string,
  onProgress: (done: number, total: number) => void,
): Promise<AttachmentReport> {
  const store = await openEventStore(dir, { readOnly: true, watch: false, cache: false });
  try {
    return await verifyAttachments(store, onProgress);
  } finally {
    await store.close();
  }
}

function attachmentLines(report: AttachmentReport): string[] {
  const lines = report.problems.map((problem) =>
    problem.problem === 'missing'
      ? `${problem.file}: missing (the attachment "${problem.name}", first named by the event at position ${problem.position})`
      : `${problem.file}: its bytes changed: their SHA-256 is now ${problem.actual ?? '?'} (the attachment "${problem.name}", first named at position ${problem.position})`,
  );
  if (report.referenced > 0 && report.problems.length === 0) {
    const which =
      report.referenced === 1
        ? 'the file the journal names is'
        : `all ${formatCount(report.referenced)} files the journal names are`;
    lines.push(`attachments: ${which} present and intact (${formatBytes(report.bytes)})`);
  }
  if (report.unreferenced.length > 0) {
    const shown = report.unreferenced.slice(0, 5).join(', ');
    const more = report.unreferenced.length > 5 ? `, and ${report.unreferenced.length - 5} more` : '';
    lines.push(
      `(information: ${plural(report.unreferenced.length, 'file')} in attachments/ that no message names: ${shown}${more})`,
    );
  }
  return lines;
}

function summary(report: VerifyReport): string {
  return [
    plural(report.events, 'event'),
    plural(report.streams, 'stream'),
    plural(report.segments, 'segment'),
    `${formatCount(report.bytes)} bytes${report.bytes >= 1024 ? ` (${formatBytes(report.bytes)})` : ''}`,
  ].join(', ');
}

function advice(report: VerifyReport): string {
  if (report.sound) return '; restore the attachments from a backup, or edit the messages that name them';
  const onlyTornTail = report.tail?.torn === true && report.problems.length === 1;
  return onlyTornTail
    ? '; `eventfold repair` cuts the torn tail'
    : '; the folder is read-only until the damaged lines are dealt with (`eventfold repair` cuts only a torn tail)';
}
