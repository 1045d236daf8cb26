/**
 * The built snapshot viewer, embedded in the app as text so a snapshot can be written offline. The
 * viewer is built before the app (`npm run build`); a glob rather than a plain import lets the app still
 * build without it — Share then says what is missing instead of the whole build failing.
 */
import type { ViewerAssets } from '../../snapshot/html';

// VIEWER_OUT_DIR of vite.viewer.config.ts: a glob takes a literal, not the constant.
const files = import.meta.glob('/node_modules/.longtail/snapshot-viewer/viewer.{js,css}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export function viewerAssets(): ViewerAssets | null {
  const js = Object.entries(files).find(([path]) => path.endsWith('.js'))?.[1];
  const css = Object.entries(files).find(([path]) => path.endsWith('.css'))?.[1];
  return js && css !== undefined ? { js, css } : null;
}
