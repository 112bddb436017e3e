/**
 * The app's two keyboard overlays: the command palette and the key sheet. At most one is open; opening one
 * closes the other, and the element that had the focus gets it back when it closes.
 */
export class Overlays {
  palette = $state(false);
  /** What the palette opens with typed in (`g s` opens it at "stream "). */
  paletteQuery = $state('');
  sheet = $state(false);
  #returnFocus: HTMLElement | null = null;

  openPalette(query = ''): void {
    this.#remember();
    this.sheet = false;
    this.paletteQuery = query;
    this.palette = true;
  }

  openSheet(): void {
    this.#remember();
    this.palette = false;
    this.sheet = true;
  }

  close(): void {
    const open = this.palette || this.sheet;
    this.palette = false;
    this.sheet = false;
    if (open) {
      const target = this.#returnFocus;
      this.#returnFocus = null;
      // After the dialog has gone, or its own closing would take the focus back.
      if (target?.isConnected) queueMicrotask(() => target.focus());
    }
  }

  #remember(): void {
    if (this.palette || this.sheet) return;
    const active = typeof document === 'undefined' ? null : document.activeElement;
    this.#returnFocus = active instanceof HTMLElement && active !== document.body ? active : null;
  }
}
