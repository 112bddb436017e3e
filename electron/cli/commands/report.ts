import type { ReportFormat } from '../../../shared/report-stamp.js';
import { AttachmentFiles } from '../../journal/index.js';
import {
  folderReport,
  journalDigest,
  projectionReport,
  projectionSelection,
  renderReport,
  type RenderedReport,
} from '../../reports/index.js';
import { UsageError } from '../args.js';
import type { Command } from '../command.js';
import { formatOption, withOutput } from '../export-target.js';
import { withStore } from '../open-store.js';
import { Progress } from '../progress.js';
import { SELECTION_OPTIONS, selectionFromArgs } from '../selection-options.js';
import { positionOption, withProjection } from './project.js';

const FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'md'];

export const reportCommand: Command = {
  name: 'report',
  summary: 'Make a folder or projection report as HTML, PDF or Markdown, stamped so it can be verified',
  usage: [
    'DIR folder [--from X] [--to X] [filters as in export] --format html|pdf|md [-o FILE]',
    'DIR projection NAME [--at POSITION] [--compare POSITION] --format html|pdf|md [-o FILE]',
    'DIR journal --from DAY --to DAY [--channel C] [--time-zone ZONE] --format html|pdf|md [-o FILE]',
  ],
  description:
    'folder: events over time by type, growth, categories, event types and top streams, first and last\n' +
    "event and the folder's health, over the events the filters pick (X: a position or an ISO-8601 time).\n" +
    "projection: a projection's state after POSITION (default: the last event) as tables, and with\n" +
    '--compare what changed since another position.\n' +
    "journal: the digest of the days --from..--to (local days in --time-zone, default this computer's):\n" +
    'entries per day, words, tags, streaks, "on this day" and the entries with their pictures; --channel\n' +
    "takes a channel's name or id.\n" +
    'HTML is one self-contained file (no scripts, light and dark); PDF embeds its font and draws the\n' +
    'same charts. Each carries a stamp (HTML meta tags, PDF metadata and footer, a Markdown comment)\n' +
    'that `eventfold verify-report` checks. The same folder and options give the same bytes.',
  arguments: { required: ['DIR', 'KIND'], optional: ['NAME'] },
  options: {
    ...SELECTION_OPTIONS,
    at: {
      type: 'string',
      value: 'POSITION',
      description: 'projection: the state after this event (default: the last)',
    },
    compare: {
      type: 'string',
      value: 'POSITION',
      description: 'projection: also show what changed since this position',
    },
    channel: { type: 'string', value: 'C', description: 'journal: only this channel (its name or id)' },
    'time-zone': {
      type: 'string',
      value: 'ZONE',
      description: "journal: the days' time zone, like Europe/Oslo (default: this computer's)",
    },
    format: { type: 'string', value: 'FORMAT', description: 'html, pdf or md' },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'Write to FILE instead of stdout' },
  },
  examples: [
    'eventfold report ./journal folder --format html -o folder.html',
    'eventfold report ./journal folder --from 2026-01-01 --to 2026-01-31T23:59:59Z --format pdf -o january.pdf',
    'eventfold report ./journal projection stream-statistics --at 500 --compare 100 --format md',
    'eventfold report ./journal journal --from 2026-03-01 --to 2026-03-31 --format pdf -o march.pdf',
  ],
  async run(args) {
    const [dir, kind, name] = args.positionals as [string, string, string | undefined];
    const format = formatOption(args.string('format'), FORMATS);
    const file = args.string('output');
    let rendered: Promise<RenderedReport>;
    if (kind === 'folder') {
      if (name !== undefined) throw new UsageError(`a folder report takes no name (got "${name}")`);
      rendered = withStore(dir, {}, async (store) => {
        const { selection, compiled } = selectionFromArgs(args, store);
        const progress = new Progress('reading events');
        try {
          const built = await folderReport(store, selection, compiled, (done, total) =>
            progress.count(done, total, 'events'),
          );
          progress.clear();
          return await renderReport(built, format, {
            kind: 'folder-report',
            folder: store.manifest.id,
            selection,
          });
        } finally {
          progress.clear();
        }
      });
    } else if (kind === 'projection') {
      if (name === undefined)
        throw new UsageError('name the projection: eventfold report DIR projection NAME');
      rendered = withProjection(dir, name, async (runner, store) => {
        const at = positionOption(args, 'at', store) ?? store.lastPosition;
        const comparePosition = positionOption(args, 'compare', store);
        const state = await runner.stateAt(at);
        const compare =
          comparePosition === undefined
            ? undefined
            : { position: comparePosition, state: await runner.stateAt(comparePosition) };
        const built = await projectionReport(store, {
          name,
          position: at,
          state,
          ...(compare === undefined ? {} : { compare }),
        });
        return renderReport(built, format, {
          kind: 'projection-report',
          folder: store.manifest.id,
          selection: projectionSelection(at),
          projection: { name, position: at },
        });
      });
    } else if (kind === 'journal') {
      if (name !== undefined) throw new UsageError(`a journal digest takes no name (got "${name}")`);
      const from = args.string('from');
      const to = args.string('to');
      if (from === undefined || to === undefined)
        throw new UsageError('a journal digest needs its period: --from DAY --to DAY (like 2026-03-01)');
      const channel = args.string('channel');
      const timeZone = args.string('time-zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      rendered = withStore(dir, {}, async (store) => {
        const progress = new Progress('reading the journal');
        try {
          const built = await journalDigest(
            store,
            {
              from,
              to,
              timeZone,
              ...(channel === undefined ? {} : { channel }),
              attachments: new AttachmentFiles(dir),
            },
            (done, total) => progress.count(done, total, 'events'),
          );
          progress.clear();
          return await renderReport(built, format, {
            kind: 'journal-digest',
            folder: store.manifest.id,
            selection: built.selection,
            journal: built.period,
          });
        } finally {
          progress.clear();
        }
      });
    } else {
      throw new UsageError(`KIND must be folder, projection or journal, not "${kind}"`);
    }
    const report = await rendered;
    await withOutput(file, (output) => output.write(report.bytes));
    return 0;
  },
};
