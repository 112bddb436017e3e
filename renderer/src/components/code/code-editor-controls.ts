/** What a page may do with a code editor it shows (plain functions: they are handed around). */
export interface CodeEditorControls {
  /** Puts the cursor at a line and column (1-based; column null = the line's start) and shows it. */
  readonly goTo: (line: number, column: number | null) => void;
  readonly focus: () => void;
}
