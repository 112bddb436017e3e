import { javascript } from '@codemirror/lang-javascript';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorSelection, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { CodeEditorControls } from './code-editor-controls.js';
import { codeEditorTheme } from './code-editor-theme.js';
import { diagnosticOf, offsetOf, type CodeProblem } from './code-problem.js';

export interface CodeEditorOptions {
  readonly doc: string;
  readonly label: string;
  readonly onchange: (text: string) => void;
  readonly onrun: () => void;
  readonly onsave: () => void;
  /** Shown, not edited: code the user reviews before trusting a folder. */
  readonly readOnly?: boolean;
}

/** A CodeMirror view as the CodeEditor component drives it. */
export interface MountedCodeEditor extends CodeEditorControls {
  /** Replaces the text when it differs (a value set from outside). */
  readonly setText: (text: string) => void;
  readonly setProblem: (problem: CodeProblem | null) => void;
  readonly destroy: () => void;
}

/**
 * The editor itself: CodeMirror with JavaScript, line numbers, folding, search and history (basicSetup),
 * the app's theme, and the what-if shortcuts. This module is loaded only when an editor is shown, so the
 * editor's weight is not part of every page load.
 */
export function mountCodeEditor(parent: HTMLElement, options: CodeEditorOptions): MountedCodeEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        // Before basicSetup's keymaps, which would insert a line on Mod-Enter.
        Prec.highest(
          keymap.of([
            { key: 'Mod-Enter', run: () => (options.onrun(), true) },
            // preventDefault: the browser's own "save page" never opens from the editor.
            { key: 'Mod-s', run: () => (options.onsave(), true), preventDefault: true },
          ]),
        ),
        basicSetup,
        javascript(),
        lintGutter(),
        EditorView.lineWrapping,
        codeEditorTheme,
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        ...(options.readOnly === true ? [EditorState.readOnly.of(true)] : []),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onchange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setText: (text) => {
      if (text !== view.state.doc.toString()) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      }
    },
    setProblem: (problem) => {
      const diagnostics = problem === null ? [] : [diagnosticOf(view.state.doc, problem)];
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goTo: (line, column) => {
      const at = offsetOf(view.state.doc, line, column);
      view.dispatch({ selection: EditorSelection.cursor(at), scrollIntoView: true });
      view.focus();
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
