/**
 * What a Node worker thread has beyond a browser worker, taken away before any TypeScript cell runs.
 * The network lockdown (notebook/ts/lockdown.ts) covers what browsers and Node share (fetch, WebSocket,
 * code built from text…); Node adds `process`, which reaches every built-in module
 * (`process.getBuiltinModule('fs')`, `process.binding`, `process.dlopen`), and BroadcastChannel, which
 * reaches every thread of the process. CommonJS's `require` and `module` are not globals of an ES module
 * worker, and cells are strict-mode functions built from text, so no caller's scope is reachable.
 */
export const NODE_ONLY_GLOBALS = ['process', 'require', 'module', 'exports', '__filename', '__dirname', 'BroadcastChannel'] as const;

export function confineNodeGlobals(global: typeof globalThis): void {
  for (const name of NODE_ONLY_GLOBALS) {
    if (!(name in global)) continue;
    if (!Reflect.deleteProperty(global, name)) throw new Error(`Could not remove ${name} from the TypeScript worker.`);
  }
}
