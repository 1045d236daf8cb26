/**
 * CodeMirror 6, configured per cell kind: the editor behind CodeEditor.svelte. In a module of its own so
 * the page loads it on first use (a dynamic import), after the first screen is up: CodeMirror and its
 * languages are about 170 KiB of gzip, a third of what the page would otherwise load before painting.
 */
import { EditorView, keymap, placeholder as placeholderExt, lineNumbers, highlightActiveLine } from '@codemirror/view';
import { EditorState, Compartment, Prec } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { sql, PostgreSQL, schemaCompletionSource } from '@codemirror/lang-sql';
import { markdown } from '@codemirror/lang-markdown';
import { javascript } from '@codemirror/lang-javascript';
import { autocompletion, closeBrackets, closeCompletion, completionKeymap, type CompletionSource } from '@codemirror/autocomplete';
import { syntaxHighlighting, bracketMatching } from '@codemirror/language';
import { codeHighlight } from './code-highlight';

export type EditorLanguage = 'sql' | 'markdown' | 'ts' | 'yaml' | 'text';

export interface EditorOptions {
  value: string;
  language: EditorLanguage;
  label: string;
  schema: Record<string, string[]>;
  readonly: boolean;
  placeholder: string;
  onchange?: (value: string) => void;
  onrun?: () => void;
  onrunnext?: () => void;
  onescape?: () => void;
  /** Shift+Alt+F: formats the text (SQL cells). */
  onformat?: () => void;
}

export interface Editor {
  /** Replaces the text (a file opened, an undo): not called while the user types. */
  setValue(value: string): void;
  /** Table and column completion follows the workspace. */
  setSchema(schema: Record<string, string[]>): void;
  focus(): void;
  destroy(): void;
}

/**
 * Table and column completion for a schema, built on the first completion asked for and shared by every
 * editor given the same schema. lang-sql's own `schema` option builds every completion of every table
 * at once, in each editor: with a 10,000-column table and a dozen SQL cells that held the page 3.4 s
 * after the import.
 */
const schemaSources = new WeakMap<Record<string, string[]>, CompletionSource>();
function schemaSource(schema: Record<string, string[]>): CompletionSource {
  let source = schemaSources.get(schema);
  if (!source) {
    let built: CompletionSource | null = null;
    source = (context) => (built ??= schemaCompletionSource({ dialect: PostgreSQL, schema, upperCaseKeywords: true }))(context);
    schemaSources.set(schema, source);
  }
  return source;
}

export function createEditor(parent: HTMLElement, o: EditorOptions): Editor {
  const lang = new Compartment();
  const languageExt = (schema: Record<string, string[]>) => {
    if (o.language === 'sql') return [sql({ dialect: PostgreSQL, upperCaseKeywords: true }), PostgreSQL.language.data.of({ autocomplete: schemaSource(schema) })];
    if (o.language === 'markdown') return markdown();
    if (o.language === 'ts') return javascript({ typescript: true });
    return [];
  };
  const runKeys = Prec.highest(
    keymap.of([
      // Running ends the typing: a completion list left open would hang over the result.
      { key: 'Mod-Enter', run: (v) => (closeCompletion(v), o.onrun?.(), true) },
      { key: 'Shift-Enter', run: (v) => (closeCompletion(v), o.onrunnext?.(), true) },
      { key: 'Escape', run: () => (o.onescape?.(), false) },
      { key: 'Shift-Alt-f', run: () => (o.onformat ? (o.onformat(), true) : false) },
    ]),
  );
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: o.value,
      extensions: [
        runKeys,
        lineNumbers(),
        history(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        autocompletion(),
        syntaxHighlighting(codeHighlight),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        lang.of(languageExt(o.schema)),
        placeholderExt(o.placeholder),
        EditorState.readOnly.of(o.readonly),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': o.label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onchange?.(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setValue(value) {
      if (value !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    },
    setSchema(schema) {
      view.dispatch({ effects: lang.reconfigure(languageExt(schema)) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
