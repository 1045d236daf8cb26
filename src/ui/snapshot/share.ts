/**
 * The app side of sharing: builds the snapshot file from the open notebook, opens a snapshot file, and
 * turns an opened snapshot back into a notebook of the session. Kept out of App.svelte so the shared
 * shell only wires buttons to these.
 */
import type { Engine } from '../../engine/types';
import type { Notebook } from '../../notebook/model';
import type { CellState } from '../../notebook/state';
import { buildSnapshot, type SnapshotOptions } from '../../snapshot/build';
import { duplicateSnapshot } from '../../snapshot/duplicate';
import { snapshotHtml } from '../../snapshot/html';
import { readSnapshotHtml } from '../../snapshot/parse';
import type { SnapshotPayload } from '../../snapshot/payload';
import type { Session } from '../session.svelte';
import type { I18n } from '../../i18n';
import { said, type Said, type SaidError } from '../../i18n/said';

/** What these helpers need of the interface's language (the app's LangState, or an I18n). */
type Words = Pick<I18n, 't' | 'n'>;

export interface BuiltSnapshot {
  html: string;
  payload: SnapshotPayload;
  /** Size of the file in bytes (UTF-8). */
  bytes: number;
  /** Of which the viewer's code and styles. */
  viewerBytes: number;
}

/** Its message is for developers; the share dialog shows its said form, in the interface's language. */
export class ViewerMissingError extends Error implements SaidError {
  readonly said: Said = said('share.x.viewer_missing');
  constructor() {
    super('The snapshot viewer is not part of this build. Build Longtail with `npm run build`, which builds the viewer first.');
  }
}

/** `notebook` and `states` must be plain data (use $state.snapshot on the session's). */
export async function buildSnapshotFile(
  engine: Engine,
  source: { notebook: Notebook; fileName: string; states: Record<string, CellState | undefined> },
  options: SnapshotOptions,
): Promise<BuiltSnapshot> {
  // The viewer's 1 MB of text is loaded on first Share, not with the app.
  const assets = (await import('./viewer-assets')).viewerAssets();
  if (!assets) throw new ViewerMissingError();
  const payload = await buildSnapshot(engine, source, options);
  const html = snapshotHtml(payload, assets);
  const size = (s: string) => new TextEncoder().encode(s).length;
  return { html, payload, bytes: size(html), viewerBytes: size(assets.js) + size(assets.css) };
}

/** `rfm-snapshot-2026-02-03.html` from the notebook's file name and the snapshot's date. */
export function snapshotFileName(fileName: string, createdAt: string): string {
  const base = fileName.replace(/\.(md|markdown)$/i, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'notebook';
  return `${base}-snapshot-${createdAt.slice(0, 10)}.html`;
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function isSnapshotFile(file: File): boolean {
  return /\.html?$/i.test(file.name);
}

/** Reads a snapshot file; throws with a message for people when it is not one. */
export async function readSnapshotFile(file: File): Promise<SnapshotPayload> {
  return readSnapshotHtml(await file.text());
}

/**
 * Restores the snapshot's results as tables and opens the notebook that reads them. It does not run:
 * the code came from a file, possibly someone else's, so the user reads it first and runs it.
 */
export async function duplicateIntoSession(session: Session, payload: SnapshotPayload, words: Words): Promise<void> {
  const dup = await duplicateSnapshot(session.engine, payload);
  await session.refreshTables();
  if (!(await session.open(dup.text, dup.fileName, false))) return;
  session.hold();
  const tables = dup.tables.map((t) => t.table);
  session.banner = {
    kind: 'info',
    message: tables.length
      ? words.t('share.x.duplicated_tables', { count: tables.length, title: payload.title, tables: tables.join(', ') })
      : words.t('share.x.duplicated', { title: payload.title }),
  };
}
