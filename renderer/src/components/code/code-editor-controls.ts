/** What a page may do with a code editor it shows. */
export interface CodeEditorControls {
  /** Puts the cursor at a line and column (1-based; column null = the line's start) and shows it. */
  goTo(line: number, column: number | null): void;
  focus(): void;
}
