import { StoreError } from '../../../shared/store-error.js';
import { describeProblem, type LogProblem, type RepairResult } from '../../store/index.js';
import { JSON_OPTION, type Command } from '../command.js';
import { CliFailure } from '../failure.js';
import { withStore } from '../open-store.js';
import { printJson, printLine } from '../output.js';
import { Progress } from '../progress.js';
import { forTerminal } from '../terminal-text.js';
import { plural } from '../units.js';

export const repairCommand: Command = {
  name: 'repair',
  summary: 'Cut a torn tail, or set aside journaled appends that cannot be written back',
  usage: ['DIR [--json]'],
  description:
    'Cuts the bytes of an interrupted append from the end of the log (a crash mid-write leaves them),\n' +
    'keeping them in repairs/ inside the folder. Events that were acknowledged are never cut.\n' +
    'When log/journal.bin holds appends that another program wrote over (a power loss, then a writer\n' +
    'that ignored the journal), it keeps their lines in repairs/ and clears the journal.\n' +
    'It first checks the whole log as `eventfold verify` does: damage anywhere else (a bad checksum,\n' +
    'a gap) is refused, listing what it found, with exit code 1. The app repairs the same way.',
  arguments: { required: ['DIR'] },
  options: { json: { ...JSON_OPTION, description: 'Print the result as JSON' } },
  async run(args) {
    const dir = args.positionals[0]!;
    const json = args.flag('json');
    // A writable open first puts back appends that a power loss left in the journal only; the store's
    // repair then checks the whole log and does what it can (the same call the app makes).
    return withStore(dir, {}, async (store) => {
      const progress = new Progress(`checking ${dir}`);
      let result: RepairResult;
      try {
        result = await store.repair({
          onProgress: ({ bytesDone, bytesTotal }) => progress.bytes(bytesDone, bytesTotal),
        });
      } catch (error) {
        if (!(error instanceof StoreError && error.code === 'Corrupt')) throw error;
        progress.clear();
        return refuse(dir, (error.details.problems as LogProblem[] | undefined) ?? [], json);
      } finally {
        progress.clear();
      }
      if (json) await printJson(result);
      else await printLine(result.message);
      return 0;
    });
  },
};

async function refuse(dir: string, problems: readonly LogProblem[], json: boolean): Promise<never> {
  const message =
    `refusing to repair ${dir}: the log is damaged before its end (${plural(problems.length, 'problem')}), ` +
    'and cutting there would drop valid events; keep a copy of the folder before editing it by hand';
  if (json) await printJson({ repaired: false, bytesCut: 0, message, problems });
  else for (const problem of problems) await printLine(forTerminal(describeProblem(problem)));
  throw new CliFailure(message);
}
