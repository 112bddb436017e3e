import { StoreError } from '../../../shared/store-error.js';
import { describeProblem, verifyEventFolder, type LogProblem } from '../../store/index.js';
import { JSON_OPTION, type Command } from '../command.js';
import { CliFailure } from '../failure.js';
import { withStore } from '../open-store.js';
import { printJson, printLine } from '../output.js';
import { Progress } from '../progress.js';
import { forTerminal } from '../terminal-text.js';
import { plural } from '../units.js';

export const repairCommand: Command = {
  name: 'repair',
  summary: 'Cut a torn tail left by an interrupted append',
  usage: ['DIR [--json]'],
  description:
    'Cuts the bytes of an interrupted append from the end of the log (a crash mid-write leaves them),\n' +
    'keeping them in repairs/ inside the folder. Events that were acknowledged are never cut.\n' +
    'It first checks the whole log as `eventfold verify` does: damage anywhere else (a bad checksum,\n' +
    'a gap) is refused, listing what it found, with exit code 1.',
  arguments: { required: ['DIR'] },
  options: { json: { ...JSON_OPTION, description: 'Print the result as JSON' } },
  async run(args) {
    const dir = args.positionals[0]!;
    const json = args.flag('json');
    // A writable open first puts back appends that a power loss left in the journal only; then the full
    // check, since opening trusts the index cache for the lines it covers and only verify sees damage there.
    await withStore(dir, {}, () => Promise.resolve(0));
    const damage = await damageBeforeTail(dir);
    if (damage.length > 0) return refuse(dir, damage, json);
    return withStore(dir, {}, async (store) => {
      try {
        const result = await store.repair();
        if (json) await printJson(result);
        else await printLine(result.message);
        return 0;
      } catch (error) {
        if (!(error instanceof StoreError && error.code === 'Corrupt')) throw error;
        return refuse(dir, store.health().problems, json);
      }
    });
  },
};

async function damageBeforeTail(dir: string): Promise<readonly LogProblem[]> {
  const progress = new Progress(`checking ${dir}`);
  try {
    const report = await verifyEventFolder(dir, ({ bytesDone, bytesTotal }) =>
      progress.bytes(bytesDone, bytesTotal),
    );
    // The torn tail is the one problem repair is for.
    const tail = report.tail;
    return tail?.torn === true
      ? report.problems.filter(
          (problem) => problem.segment !== tail.segment || problem.offset !== tail.offset,
        )
      : report.problems;
  } finally {
    progress.clear();
  }
}

async function refuse(dir: string, problems: readonly LogProblem[], json: boolean): Promise<never> {
  const message =
    `refusing to repair ${dir}: the log is damaged before its end (${plural(problems.length, 'problem')}), ` +
    'and cutting there would drop valid events; keep a copy of the folder before editing it by hand';
  if (json) await printJson({ repaired: false, bytesCut: 0, message, problems });
  else for (const problem of problems) await printLine(forTerminal(describeProblem(problem)));
  throw new CliFailure(message);
}
