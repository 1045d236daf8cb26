/**
 * CodeMirror is loaded on first use (it is a third of the editor's script). Once it is here, editors
 * are made synchronously from `loaded`, so a key typed just after a cell is added reaches its editor.
 */
export type CodeMirrorModule = typeof import('./codemirror');

export let loaded: CodeMirrorModule | undefined;
let loading: Promise<CodeMirrorModule> | undefined;

export function loadCodeMirror(): Promise<CodeMirrorModule> {
  loading ??= import('./codemirror').then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}
