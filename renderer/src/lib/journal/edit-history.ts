import type { MessageHistory, MessageVersion } from '../../../../shared/journal/views.js';
import { wordDiff, type WordSegment } from '../diff/word-diff.js';

/** One step of a message's history as the history panel shows it: a version and what changed from the one before. */
export interface HistoryStep {
  readonly version: MessageVersion;
  /** Word diff from the previous version's text; the post's own text as "same" words for version 1. */
  readonly changes: readonly WordSegment[];
  /** Attachments added and removed by this version, by name. */
  readonly attachmentsAdded: readonly string[];
  readonly attachmentsRemoved: readonly string[];
}

/** The versions of a message, newest first, each with the word diff from the version before it. */
export function historySteps(history: MessageHistory): HistoryStep[] {
  const steps: HistoryStep[] = [];
  let previous: MessageVersion | null = null;
  for (const version of history.versions) {
    const before = previous?.text ?? '';
    const had = new Set(previous?.attachments.map((file) => file.sha256) ?? []);
    const has = new Set(version.attachments.map((file) => file.sha256));
    steps.push({
      version,
      changes: previous === null ? wordDiff(version.text, version.text) : wordDiff(before, version.text),
      attachmentsAdded:
        previous === null ? [] : version.attachments.filter((f) => !had.has(f.sha256)).map((f) => f.name),
      attachmentsRemoved: previous?.attachments.filter((f) => !has.has(f.sha256)).map((f) => f.name) ?? [],
    });
    previous = version;
  }
  return steps.reverse();
}

/** Word diff of a conflicting edit against the text it lost to, for the conflict's side-by-side view. */
export function conflictChanges(current: string, conflicting: string): WordSegment[] {
  return wordDiff(current, conflicting);
}
