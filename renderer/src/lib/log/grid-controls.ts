/** What the log view asks of its grid: moves that only the grid, knowing the scroll scale, can make. */
export interface GridControls {
  /** Scrolls as little as needed for row `index` to be fully visible. */
  reveal(index: number): void;
  /** Puts row `index` at the top (or as near as the end allows). */
  scrollToIndex(index: number): void;
  /** Shows the newest rows and keeps following them. */
  scrollToEnd(): void;
  focus(): void;
  /** Moves the selection by `delta` rows, scrolling as needed. */
  move(delta: number): void;
}
