/** What the command line gets from whoever starts it (bin/longtail.mjs, a test), and what it answers. */
export interface Host {
  /** The repository (or installed package) root: where node_modules and the viewer build live. */
  root: string;
  /** The built TypeScript-cell worker (ts-worker.mjs). */
  tsWorker: URL;
  version: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** Exit codes: see HELP. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
