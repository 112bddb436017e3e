import type { ExportFormat } from '../../../shared/report-stamp.js';
import { exportEvents, exportState, parseColumns } from '../../reports/index.js';
import { UsageError } from '../args.js';
import type { Command } from '../command.js';
import { asCliFailure, formatOption, withOutput } from '../export-target.js';
import { withStore } from '../open-store.js';
import { Progress } from '../progress.js';
import { SELECTION_OPTIONS, selectionFromArgs } from '../selection-options.js';
import { positionOption, withProjection } from './project.js';

const FORMATS: readonly ExportFormat[] = ['jsonl', 'json', 'csv', 'md'];

export const exportCommand: Command = {
  name: 'export',
  summary: "Export the events a filter picks, or a projection's state, stamped so it can be verified",
  usage: [
    'DIR [--stream S | --category C] [--type T]... [--match P] [--text T] [--from X] [--to X] --format jsonl|json|csv|md [--columns a,b.c] [-o FILE]',
    'DIR --projection NAME [--at POSITION] --format json|csv|md [-o FILE]',
  ],
  description:
    'Writes every event the filters pick (not a page of them) to FILE or stdout, streaming, with\n' +
    'progress on a terminal. JSON lines holds the stored lines byte for byte (--shape event: as\n' +
    '`read --json` prints them); JSON, CSV and Markdown hold the events as `read --json` does.\n' +
    "CSV and Markdown have the envelope fields and the data's fields as columns (--columns to choose);\n" +
    'CSV escapes cells a spreadsheet would run as formulas, and --bom makes Excel read it as UTF-8.\n' +
    'Every export carries a stamp (the folder, the selection, the count and SHA-256 hashes): the first\n' +
    'line of JSON lines (skip it with `tail -n +2`), the last line otherwise. `eventfold verify-report`\n' +
    'checks it. The same folder and options give the same bytes.',
  arguments: { required: ['DIR'] },
  options: {
    ...SELECTION_OPTIONS,
    projection: {
      type: 'string',
      value: 'NAME',
      description: "Export this projection's state instead of events",
    },
    at: {
      type: 'string',
      value: 'POSITION',
      description: 'With --projection: the state after this event (default: the last)',
    },
    format: { type: 'string', value: 'FORMAT', description: 'jsonl, json, csv or md' },
    columns: {
      type: 'string',
      value: 'a,b.c',
      description: 'CSV and Markdown: these columns, in this order',
    },
    shape: {
      type: 'string',
      value: 'stored|event',
      description: 'JSON lines and JSON: stored lines, or events as read --json',
    },
    bom: { type: 'boolean', description: 'CSV: start with a byte order mark (for Excel)' },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'Write to FILE instead of stdout' },
  },
  examples: [
    'eventfold export ./journal --category order --format csv -o orders.csv',
    'eventfold export ./journal --type OrderPlaced --from 2026-01-01 --to 2026-01-31T23:59:59Z --format jsonl',
    'eventfold export ./journal --projection stream-statistics --format md',
  ],
  async run(args) {
    const dir = args.positionals[0]!;
    const format = formatOption(args.string('format'), FORMATS);
    const file = args.string('output');
    const shape = args.string('shape');
    if (shape !== undefined && shape !== 'stored' && shape !== 'event')
      throw new UsageError(`--shape must be stored or event, not "${shape}"`);
    const columnsText = args.string('columns');
    let columns: string[] | undefined;
    try {
      columns = columnsText === undefined ? undefined : parseColumns(columnsText);
    } catch (error) {
      throw asCliFailure(error);
    }
    const projection = args.string('projection');
    if (projection !== undefined) {
      if (format === 'jsonl')
        throw new UsageError('a projection state is one value: use --format json, csv or md');
      await withProjection(dir, projection, async (runner, store) => {
        const at = positionOption(args, 'at', store) ?? store.lastPosition;
        const state = await runner.stateAt(at);
        const progress = new Progress('hashing the events');
        try {
          await withOutput(file, (output) =>
            exportState(
              store,
              { name: projection, position: at, state },
              { format, bom: args.flag('bom') },
              output,
              (done, total) => progress.count(done, total, 'events'),
            ),
          );
        } finally {
          progress.clear();
        }
      });
      return 0;
    }
    if (args.has('at')) throw new UsageError('--at goes with --projection');
    return withStore(dir, {}, async (store) => {
      const { selection, compiled } = selectionFromArgs(args, store);
      // On a terminal that shows the data itself, a progress line would garble it.
      const progress = new Progress(
        'exporting',
        Boolean(process.stderr.isTTY) && (file !== undefined || !process.stdout.isTTY),
      );
      try {
        await withOutput(file, (output) =>
          exportEvents(
            store,
            selection,
            compiled,
            {
              format,
              ...(shape === undefined ? {} : { shape }),
              ...(columns === undefined ? {} : { columns }),
              bom: args.flag('bom'),
            },
            output,
            (done, total) => progress.count(done, total, 'events'),
          ),
        );
      } finally {
        progress.clear();
      }
      return 0;
    });
  },
};
