import fs from 'node:fs/promises';
import type { ExportRequest, PreparedFile, ReportRequest } from '../../shared/contract.js';
import type { ReportStamp } from '../../shared/report-stamp.js';
import {
  exportEvents,
  exportState,
  FileOutput,
  folderReport,
  journalDigest,
  projectionReport,
  projectionSelection,
  renderReport,
  ReportError,
  selectionOf,
  type RenderedReport,
} from '../reports/index.js';
import { AttachmentFiles } from '../journal/index.js';
import { ProjectionError, ProjectionFault } from '../projections/index.js';
import type { EventStore } from '../store/index.js';
import { ContractFailure } from './contract-failure.js';
import { compileLogFilter } from './log-filter.js';
import { preparedFiles } from './prepared-files.js';
import { hostFor } from './projection-handlers.js';
import type { HandlerMap, SessionContext } from './session-context.js';
import { Throttle } from './throttle.js';

type ExportRequests = Pick<HandlerMap, 'export.prepare' | 'report.preview' | 'export.save' | 'export.cancel'>;

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  jsonl: 'application/x-ndjson',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** Progress is pushed at most this often. */
const PROGRESS_MS = 100;

/** The exports and report previews each window has in flight, for `export.cancel`. */
const inFlight = new WeakMap<SessionContext, Set<ExportRun>>();

export const exportHandlers: ExportRequests = {
  'export.prepare': async (arg, session) => {
    const folder = session.folder('export.prepare');
    const { store } = folder.lease;
    const progress = ExportRun.start(session);
    try {
      const name = fileName(arg, store);
      const entry = preparedFiles.reserve(name, MEDIA_TYPES[arg.format]!);
      const output = await FileOutput.create(entry.path);
      let stamp: ReportStamp;
      try {
        if (arg.kind === 'events') {
          const selection = selectionOf(store, arg.source, arg.filter ?? {});
          const compiled = compileLogFilter(selection.source, selection.filter);
          stamp = await exportEvents(
            store,
            selection,
            compiled,
            {
              format: arg.format,
              ...(arg.columns === undefined ? {} : { columns: arg.columns }),
              bom: arg.bom ?? false,
            },
            output,
            progress.report,
          );
        } else if (arg.kind === 'projection') {
          const position = arg.position ?? store.lastPosition;
          const state = await projectionState(session, arg.name, position);
          progress.check();
          stamp = await exportState(
            store,
            { name: arg.name, position, state },
            { format: arg.format, bom: arg.bom ?? false },
            output,
            progress.report,
          );
        } else {
          const report = await makeReport(arg, session, progress.report);
          progress.check();
          await output.write(report.bytes);
          stamp = report.stamp;
        }
        progress.check();
        await output.commit();
      } catch (error) {
        await output.abort();
        preparedFiles.discard(entry);
        throw error;
      }
      preparedFiles.add(entry);
      const { size } = await fs.stat(entry.path);
      const prepared: PreparedFile = { file: entry.id, name, bytes: size, mediaType: entry.mediaType, stamp };
      return prepared;
    } catch (error) {
      throw contractError('export.prepare', error);
    } finally {
      progress.finish();
    }
  },

  'report.preview': async (arg, session) => {
    const progress = ExportRun.start(session);
    try {
      const report = await makeReport({ ...arg, format: 'html' }, session, progress.report);
      progress.check();
      const charts = report.document.blocks.flatMap((block) =>
        block.kind === 'chart' ? [{ chart: block.chart, title: block.title, data: block.data }] : [],
      );
      return { html: report.bytes.toString('utf8'), stamp: report.stamp, charts };
    } catch (error) {
      throw contractError('report.preview', error);
    } finally {
      progress.finish();
    }
  },

  'export.save': async (arg, session) => {
    const entry = preparedFiles.get(arg.file);
    if (entry === undefined)
      throw new ContractFailure('BadRequest', 'export.save: that export is gone (make it again)', {
        request: 'export.save',
      });
    if (session.host.saveFile === undefined)
      throw new ContractFailure('Unsupported', 'export.save: browser mode downloads the file instead', {
        request: 'export.save',
      });
    const target = await session.host.saveFile(entry.name);
    if (target === null) return { saved: null };
    await fs.copyFile(entry.path, target);
    return { saved: target };
  },

  'export.cancel': (_arg, session) => {
    for (const run of inFlight.get(session) ?? []) run.cancel();
    return Promise.resolve(null);
  },
};

async function makeReport(
  arg: ReportRequest,
  session: SessionContext,
  onProgress: (done: number, total: number) => void,
): Promise<RenderedReport> {
  const { store } = session.folder('report.preview').lease;
  if (arg.kind === 'folder-report') {
    const selection = selectionOf(store, arg.source, arg.filter ?? {});
    const built = await folderReport(
      store,
      selection,
      compileLogFilter(selection.source, selection.filter),
      onProgress,
    );
    return renderReport(built, arg.format, { kind: 'folder-report', folder: store.manifest.id, selection });
  }
  if (arg.kind === 'journal-digest') {
    const built = await journalDigest(
      store,
      {
        from: arg.from,
        to: arg.to,
        timeZone: arg.timeZone,
        ...(arg.channel === undefined ? {} : { channel: arg.channel }),
        attachments: new AttachmentFiles(session.folder('report.preview').lease.path),
      },
      onProgress,
    );
    return renderReport(built, arg.format, {
      kind: 'journal-digest',
      folder: store.manifest.id,
      selection: built.selection,
      journal: built.period,
    });
  }
  const position = arg.position ?? store.lastPosition;
  const state = await projectionState(session, arg.name, position);
  const compare =
    arg.compare === undefined
      ? undefined
      : { position: arg.compare, state: await projectionState(session, arg.name, arg.compare) };
  const built = await projectionReport(
    store,
    { name: arg.name, position, state, ...(compare === undefined ? {} : { compare }) },
    onProgress,
  );
  return renderReport(built, arg.format, {
    kind: 'projection-report',
    folder: store.manifest.id,
    selection: projectionSelection(position),
    projection: { name: arg.name, position },
  });
}

/** Through the projection host's public API, so its own code runs only in a trusted folder. */
async function projectionState(session: SessionContext, name: string, position: number): Promise<unknown> {
  if (position > session.folder('export.prepare').lease.store.lastPosition)
    throw new ContractFailure('OutOfRange', `position ${position} is past the end of the log`);
  const host = await hostFor(session, 'export.prepare');
  return host.stateAt(name, position);
}

/** A name that says what is inside: `order-events.csv`, `stream-statistics-at-40.md`, `folder-report.pdf`. */
function fileName(arg: ExportRequest, store: EventStore): string {
  const safe = (text: string): string =>
    text
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'events';
  switch (arg.kind) {
    case 'events': {
      const source =
        arg.source.kind === 'all'
          ? 'events'
          : arg.source.kind === 'stream'
            ? arg.source.stream
            : `${arg.source.category}-events`;
      return `${safe(source)}.${arg.format}`;
    }
    case 'projection':
      return `${safe(arg.name)}-at-${arg.position ?? store.lastPosition}.${arg.format}`;
    case 'folder-report':
      return `folder-report.${arg.format}`;
    case 'projection-report':
      return `${safe(arg.name)}-report.${arg.format}`;
    case 'journal-digest':
      return `journal-${arg.from === arg.to ? arg.from : `${arg.from}-to-${arg.to}`}.${arg.format}`;
  }
}

/** The reports' and projections' errors as the contract's codes (as the projection requests answer them). */
function contractError(request: string, error: unknown): unknown {
  if (error instanceof ExportCancelled)
    return new ContractFailure('Cancelled', `${request}: ${error.message}`);
  if (error instanceof ProjectionFault) {
    return new ContractFailure('ProjectionFault', error.message, {
      projection: error.projection,
      position: error.position,
      reason: error.reason,
    });
  }
  if (error instanceof ProjectionError)
    return new ContractFailure(
      error.code === 'InvalidArgument' ? 'BadRequest' : error.code,
      `${request}: ${error.message}`,
    );
  if (error instanceof ReportError)
    return new ContractFailure(
      error.code === 'BadOption' ? 'BadRequest' : 'Internal',
      `${request}: ${error.message}`,
    );
  return error;
}

/** Thrown where a cancelled export stops: the reports' loops call `report` once a window of positions. */
class ExportCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'ExportCancelled';
  }
}

/**
 * One export.prepare or report.preview of a window: its export.progress pushes, throttled, and its
 * cancellation. The reports take only a progress callback, so a cancelled run throws from there, which
 * unwinds the read loop and lets the handler remove the half-written file like any other failure.
 */
class ExportRun {
  private latest = { done: 0, total: 0 };
  private cancelled = false;
  private readonly throttle: Throttle;
  readonly report = (done: number, total: number): void => {
    this.check();
    this.latest = { done, total };
    this.throttle.request();
  };

  private constructor(private readonly session: SessionContext) {
    this.throttle = new Throttle(PROGRESS_MS, () => session.push('export.progress', this.latest));
  }

  static start(session: SessionContext): ExportRun {
    const run = new ExportRun(session);
    let runs = inFlight.get(session);
    if (runs === undefined) {
      runs = new Set();
      inFlight.set(session, runs);
    }
    runs.add(run);
    return run;
  }

  cancel(): void {
    this.cancelled = true;
  }

  check(): void {
    if (this.cancelled) throw new ExportCancelled();
  }

  finish(): void {
    inFlight.get(this.session)?.delete(this);
    if (this.cancelled) this.throttle.cancel();
    else this.throttle.flush();
  }
}
