/**
 * --snapshot: the same one-file HTML the app's Share writes (snapshot/build.ts and html.ts), with the
 * same viewer. The viewer is built by `npm run build` (and `npm install`) into
 * node_modules/.longtail/snapshot-viewer; when it is missing, the command line builds it with the
 * project's own Vite, and says so — or says plainly why it cannot.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Engine } from '../engine/types';
import type { Notebook } from '../notebook/model';
import type { CellState } from '../notebook/state';
import { buildSnapshot } from '../snapshot/build';
import { snapshotHtml, type ViewerAssets } from '../snapshot/html';

/** VIEWER_OUT_DIR of src/ui/snapshot/vite.viewer.config.ts (not imported: that file loads Vite and Svelte). */
export const VIEWER_DIR = 'node_modules/.longtail/snapshot-viewer';
const VIEWER_CONFIG = 'src/ui/snapshot/vite.viewer.config.ts';

export class ViewerUnavailableError extends Error {
  constructor(reason: string) {
    super(`--snapshot needs the snapshot viewer, which is not built and could not be built: ${reason}`);
    this.name = 'ViewerUnavailableError';
  }
}

function readViewer(root: string): ViewerAssets | null {
  const [js, css] = ['viewer.js', 'viewer.css'].map((f) => path.join(root, VIEWER_DIR, f));
  if (!existsSync(js!) || !existsSync(css!)) return null;
  return { js: readFileSync(js!, 'utf8'), css: readFileSync(css!, 'utf8') };
}

/** The viewer's script and stylesheet: found, or built now (about half a minute). Throws ViewerUnavailableError. */
export function viewerAssets(root: string, log: (line: string) => void): ViewerAssets {
  const found = readViewer(root);
  if (found) return found;
  let vite: string;
  try {
    const pkg = createRequire(path.join(root, 'package.json')).resolve('vite/package.json');
    vite = path.join(path.dirname(pkg), 'bin', 'vite.js');
  } catch {
    throw new ViewerUnavailableError(`Vite is not installed in ${root}. Run \`npm install\` there (it builds the viewer), or \`npm run build\`.`);
  }
  if (!existsSync(path.join(root, VIEWER_CONFIG))) throw new ViewerUnavailableError(`${VIEWER_CONFIG} is missing from ${root}.`);
  log(`Building the snapshot viewer (once; ${VIEWER_DIR})…`);
  const r = spawnSync(process.execPath, [vite, 'build', '-c', VIEWER_CONFIG, '--configLoader', 'runner', '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const built = r.status === 0 ? readViewer(root) : null;
  if (!built) throw new ViewerUnavailableError(`the build failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || '').trim().slice(-600)}`);
  return built;
}

export interface SnapshotRequest {
  notebook: Notebook;
  fileName: string;
  states: Record<string, CellState | undefined>;
  hideCode: boolean;
  pseudonymise: boolean;
}

/** The snapshot's HTML, taken from the results as they are (it runs nothing). */
export async function snapshotFile(engine: Engine, viewer: ViewerAssets, req: SnapshotRequest): Promise<string> {
  const payload = await buildSnapshot(
    engine,
    { notebook: req.notebook, fileName: req.fileName, states: req.states },
    { hideCode: req.hideCode, hiddenCells: new Set(), pseudonymise: req.pseudonymise },
  );
  return snapshotHtml(payload, viewer);
}
