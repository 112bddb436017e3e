import type { Dataset } from './dataset.js';
import type { TempDirs } from './temp-dirs.js';

/** What every case family gets: the shared dataset, a place for its own folders, and a way to speak. */
export interface BenchContext {
  readonly quick: boolean;
  readonly dataset: Dataset;
  readonly temp: TempDirs;
  /** A line for the notes printed under the table (how something was measured, side figures). */
  readonly note: (text: string) => void;
  /** Progress on stderr while the run goes on. */
  readonly progress: (text: string) => void;
}
