import type { ReportStamp } from '../../shared/report-stamp.js';
import { describeProblem, type EventStore } from '../store/index.js';
import { selectedLines, type FilterCompiler } from './event-selection.js';
import { JournalDigestCheck } from './journal-digest-check.js';
import { LineDigest } from './line-digest.js';
import type { StampedFile } from './stamp-reading.js';

/** What `eventfold verify-report` found: problems make it fail; notes are worth knowing but change nothing. */
export interface ReportVerification {
  readonly ok: boolean;
  readonly stamp: ReportStamp;
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}

/**
 * Checks a stamped file against a folder: the file's content is what was stamped, the folder is the one
 * it came from, and the events its selection picks now are exactly the ones it used (same count, same
 * positions, same stored bytes). A selection whose range was closed (an end position, or a filter's end
 * time) also fails when events were appended inside it since.
 */
export async function verifyReport(
  file: StampedFile,
  store: EventStore,
  compile: FilterCompiler,
): Promise<ReportVerification> {
  const { stamp } = file;
  const problems: string[] = [];
  const notes: string[] = [];
  if (file.contentSha256 !== stamp.contentSha256) {
    problems.push(
      'the report was changed after it was made: its content no longer matches its stamp (contentSha256)',
    );
  }
  if (store.manifest.id !== stamp.folder) {
    problems.push(`it was made from folder ${stamp.folder}, and this folder is ${store.manifest.id}`);
    return { ok: false, stamp, problems, notes };
  }
  for (const problem of store.health().problems)
    problems.push(`the folder's log is damaged: ${describeProblem(problem)}`);

  const { selection } = stamp;
  const compiled = compile(selection.source, selection.filter);
  const digest = new LineDigest();
  // A journal digest also fails when later events change its period's entries (see JournalDigestCheck).
  const journal =
    stamp.kind === 'journal-digest' && stamp.journal !== undefined
      ? new JournalDigestCheck(stamp.journal)
      : undefined;
  // Events past the report's last one: appended inside its range since (counted, not kept: flat memory).
  const added = { count: 0, first: 0, last: 0 };
  for await (const lines of selectedLines(store, selection, compiled)) {
    digest.add(lines);
    for (const line of lines)
      if (journal !== undefined && line.position <= (stamp.last ?? 0)) journal.used(line.event);
    for (const { position } of lines) {
      if (position <= (stamp.last ?? 0)) continue;
      if (added.count++ === 0) added.first = position;
      added.last = position;
    }
  }
  const hash = digest.digest();
  if (digest.count > stamp.count && added.count === digest.count - stamp.count) {
    problems.push(
      `${plural(added.count, 'event')} appended inside the report's range since it was made (${span(added)})`,
    );
  } else if (digest.count !== stamp.count) {
    problems.push(
      `the report used ${plural(stamp.count, 'event')} in positions ${selection.from}..${selection.to}; the folder now has ${digest.count} there`,
    );
  } else if (digest.first !== stamp.first || digest.last !== stamp.last) {
    problems.push(
      `the events are at other positions now (first ${String(digest.first)}, last ${String(digest.last)}; the report: ${String(stamp.first)}, ${String(stamp.last)})`,
    );
  } else if (hash !== stamp.eventsSha256) {
    problems.push(
      `a stored line of the report's ${plural(stamp.count, 'event')} changed (positions ${String(stamp.first)}..${String(stamp.last)}): their SHA-256 is ${hash}, the report's ${stamp.eventsSha256}`,
    );
  }

  // Events after the window: inside the report's range when the filter has an end time they fall before.
  if (selection.to < store.lastPosition && problems.length === 0) {
    const later = { ...selection, from: selection.to + 1, to: store.lastPosition };
    let count = 0;
    const found: number[] = [];
    for await (const lines of selectedLines(store, later, compiled)) {
      count += lines.length;
      for (const line of lines) {
        if (found.length < 3) found.push(line.position);
        journal?.later(line.event);
      }
    }
    if (journal !== undefined && journal.count > 0) {
      problems.push(
        `${plural(journal.count, 'event')} appended since it was made change the entries of its period ${journal.period.from}..${journal.period.to} (from position ${journal.changes[0]!})`,
      );
    } else if (count > 0 && selection.filter.to !== undefined) {
      problems.push(
        `${plural(count, 'event')} appended inside the report's time range (up to ${selection.filter.to}) since it was made (from position ${found[0]!})`,
      );
    } else if (count > 0) {
      notes.push(
        `${plural(count, 'newer event')} after position ${selection.to} would match its filter (not in the report)`,
      );
    }
  }
  return { ok: problems.length === 0, stamp, problems, notes };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function span(added: { readonly count: number; readonly first: number; readonly last: number }): string {
  return added.count === 1 ? `position ${added.first}` : `positions ${added.first}..${added.last}`;
}
