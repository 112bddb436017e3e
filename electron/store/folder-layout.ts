import path from 'node:path';

/**
 * Where things live in an event folder (docs/FORMAT.md, "Files"). Nothing else in the store builds paths,
 * so the layout can be read in one place.
 */
export const MANIFEST_FILE = 'eventfold.json';
export const LOG_DIR = 'log';
export const CACHE_DIR = 'cache';
export const PROJECTIONS_DIR = 'projections';
export const LOCK_FILE = 'write.lock';
/** Inside log/: the durable copy of recent appends (docs/FORMAT.md, "The append journal"). */
export const JOURNAL_FILE = 'journal.bin';

const SEGMENT_DIGITS = 12;
const SEGMENT_NAME = /^(\d{12})\.jsonl$/;

export class FolderLayout {
  constructor(readonly root: string) {}

  get manifest(): string {
    return path.join(this.root, MANIFEST_FILE);
  }
  get log(): string {
    return path.join(this.root, LOG_DIR);
  }
  get cache(): string {
    return path.join(this.root, CACHE_DIR);
  }
  get lock(): string {
    return path.join(this.root, LOCK_FILE);
  }
  get journal(): string {
    return path.join(this.root, LOG_DIR, JOURNAL_FILE);
  }
  segment(name: string): string {
    return path.join(this.root, LOG_DIR, name);
  }
  seal(segmentName: string): string {
    return path.join(this.root, LOG_DIR, sealNameOf(segmentName));
  }
}

/** Segments are named by the position of their first event, zero-padded so that names sort in log order. */
export function segmentName(firstPosition: number): string {
  return String(firstPosition).padStart(SEGMENT_DIGITS, '0') + '.jsonl';
}

/** The first position a segment's name promises, or undefined when the file is not a segment. */
export function parseSegmentName(name: string): number | undefined {
  const match = SEGMENT_NAME.exec(name);
  if (match === null) return undefined;
  const position = Number(match[1]);
  return position >= 1 ? position : undefined;
}

export function sealNameOf(segmentName: string): string {
  return segmentName.replace(/\.jsonl$/, '.seal.json');
}
