import type { EventfoldBridge, PushName } from '../../shared/contract.js';

/** The preload's view of a drag event: a DOM DragEvent, as far as it is read here. */
interface FolderDragEvent extends Event {
  readonly dataTransfer: {
    readonly types: readonly string[];
    readonly files: ArrayLike<File>;
    dropEffect: string;
  } | null;
}

export interface FolderDropOptions {
  /** Electron's webUtils.getPathForFile: a dropped File's path on disk ('' when it has none). */
  readonly pathOf: (file: File) => string;
  readonly invoke: EventfoldBridge['invoke'];
  readonly deliver: (name: PushName, payload: unknown) => void;
}

const carriesFiles = (event: FolderDragEvent): boolean =>
  event.dataTransfer?.types.includes('Files') ?? false;

/**
 * A folder dropped anywhere on the window opens in it. Listening here, on the document, keeps the page's
 * contract to what it is: the page gets no file paths and no extra request. A drop the page handled itself
 * (it called preventDefault) is left alone.
 */
export function installFolderDrop(target: EventTarget, options: FolderDropOptions): void {
  target.addEventListener('dragover', (event) => {
    const drag = event as FolderDragEvent;
    if (drag.defaultPrevented || !carriesFiles(drag) || !drag.dataTransfer) return;
    drag.preventDefault();
    drag.dataTransfer.dropEffect = 'copy';
  });
  target.addEventListener('drop', (event) => {
    const drop = event as FolderDragEvent;
    if (drop.defaultPrevented || !carriesFiles(drop)) return;
    const file = drop.dataTransfer?.files[0];
    if (!file) return;
    drop.preventDefault();
    const path = options.pathOf(file);
    if (!path) {
      options.deliver('app.error', { message: `“${file.name}” is not a folder on this computer` });
      return;
    }
    void options.invoke('folder.open', { path }).then((answer) => {
      if (!answer.ok) options.deliver('app.error', { message: answer.error.message });
    });
  });
}
