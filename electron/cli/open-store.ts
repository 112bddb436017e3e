import { openEventStore, type EventStore } from '../store/index.js';
import { Progress } from './progress.js';

export interface CliOpenOptions {
  /** Only `read --follow` watches the folder: one-shot commands must not keep a watcher alive. */
  readonly watch?: boolean;
  /** Start using the folder while a cold index is still being built (forward reads of $all only). */
  readonly progressive?: boolean;
}

/** Opens the folder (showing progress when the index has to be built from the log), uses it, closes it. */
export async function withStore<T>(
  folder: string,
  options: CliOpenOptions,
  use: (store: EventStore) => Promise<T>,
): Promise<T> {
  const progress = new Progress(`opening ${folder}`);
  let store: EventStore;
  try {
    store = await openEventStore(folder, {
      watch: options.watch ?? false,
      // A progressive open goes on indexing during the read, which shows its own progress.
      ...(options.progressive === true
        ? { progressive: true }
        : { onProgress: ({ bytesDone, bytesTotal }) => progress.bytes(bytesDone, bytesTotal) }),
    });
  } finally {
    progress.clear();
  }
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
