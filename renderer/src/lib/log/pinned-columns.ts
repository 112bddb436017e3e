import { parsePinnedPath, type PinnedPath } from './pinned-path.js';

type PinStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Keyed by the folder's manifest id, so the pins follow the folder when it moves. */
export const pinsKey = (folderId: string): string => `eventfold.log.pins.${folderId}`;

/** The fields the user pinned in this folder, in order; anything unreadable in storage is skipped. */
export function loadPins(storage: PinStorage, folderId: string): PinnedPath[] {
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(pinsKey(folderId)) ?? '[]');
  } catch {
    // Storage edited by hand or by an older version: start without pins rather than fail the view.
    return [];
  }
  if (!Array.isArray(stored)) return [];
  const pins: PinnedPath[] = [];
  for (const text of stored) {
    if (typeof text !== 'string') continue;
    const parsed = parsePinnedPath(text);
    if (parsed.ok && !pins.some((pin) => pin.text === parsed.path.text)) pins.push(parsed.path);
  }
  return pins;
}

export function savePins(storage: PinStorage, folderId: string, pins: readonly PinnedPath[]): void {
  storage.setItem(pinsKey(folderId), JSON.stringify(pins.map((pin) => pin.text)));
}
