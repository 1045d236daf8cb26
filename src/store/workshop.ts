/**
 * Workshops: a consultant prepares a workspace (notebooks with their inputs set, imported tables, the
 * model's bindings), saves it as the workshop, and after each session puts the workspace back to exactly
 * that state in one action. The saved state is a workspace archive (archive.ts) kept in this browser's
 * storage, so it survives reloads and works offline; the same archive can be handed to participants.
 */
import type { Engine } from '../engine/types';
import { exportWorkspace, importWorkspace, type ImportReport } from './archive';
import type { KeyValueStore } from './kv';
import type { WorkspaceStore } from './workspace-store';
import { StoreError } from './store-error';
import { said } from '../i18n/said';

const ARCHIVE_KEY = 'workshop/archive';
const META_KEY = 'workshop/meta';

export interface WorkshopInfo {
  savedAt: string;
  notebooks: number;
  tables: number;
  bytes: number;
}

export async function workshopInfo(kv: KeyValueStore): Promise<WorkshopInfo | null> {
  const meta = await kv.get(META_KEY);
  return meta ? (JSON.parse(new TextDecoder().decode(meta)) as WorkshopInfo) : null;
}

/** Saves the workspace as it is now as the workshop (replacing an earlier one). */
export async function saveWorkshop(engine: Engine, store: WorkspaceStore, kv: KeyValueStore, now = () => new Date()): Promise<WorkshopInfo> {
  const { bytes, manifest } = await exportWorkspace(engine, store);
  const info: WorkshopInfo = { savedAt: now().toISOString(), notebooks: manifest.notebooks.length, tables: manifest.tables.filter((t) => t.schema === 'main').length, bytes: bytes.byteLength };
  // The archive, then what describes it: the meta only ever names an archive that was written whole.
  await kv.put(ARCHIVE_KEY, bytes);
  await kv.put(META_KEY, new TextEncoder().encode(JSON.stringify(info)));
  return info;
}

/** The saved workshop as a file to hand out (the same format as Workspace → Export). */
export async function workshopArchive(kv: KeyValueStore): Promise<Uint8Array | null> {
  return (await kv.get(ARCHIVE_KEY)) ?? null;
}

/**
 * Puts the workspace back to the saved workshop: notebooks, their inputs, tables and bindings as they
 * were saved; whatever the session added is gone. Checked like any archive before anything runs.
 */
export async function resetToWorkshop(engine: Engine, store: WorkspaceStore, kv: KeyValueStore): Promise<ImportReport> {
  const bytes = await kv.get(ARCHIVE_KEY);
  if (!bytes) throw new StoreError(said('core.store.workshop.none'));
  return importWorkspace(engine, store, bytes);
}
