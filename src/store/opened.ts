/**
 * A workspace as opened, whatever opened it: the browser (OPFS database, IndexedDB store; startup.ts)
 * or a test (the Node engine, a store in memory). The workspace controller asks for nothing more.
 */
import type { Engine } from '../engine/types';
import type { KeyValueStore } from './kv';
import type { WorkspaceStore } from './workspace-store';

/** What opening the database found, for the workspace to say (and offer the archive) when it is not the plain case. */
export type DbRecovery =
  | { kind: 'none' }
  /** The write-ahead log could not be replayed: the database opened as of its last checkpoint; the log is kept aside. */
  | { kind: 'log-set-aside'; kept: string; error: string }
  /**
   * The database file could not be opened: it is kept aside under `kept` (its log, if any, under
   * `also`), a new database was started, and the tables that could still be read from the old one
   * were copied (`recovered`).
   */
  | { kind: 'file-set-aside'; kept: string; error: string; recovered: string[]; also?: string[] }
  /** No database file could be opened at all: the tables live in memory this time. */
  | { kind: 'memory'; error: string };

export interface OpenedWorkspace {
  engine: Engine;
  store: WorkspaceStore;
  /** The store's key-value backend (the edit journal keeps its durable copy there too). */
  kv: KeyValueStore;
  /** False when tables live in memory only (OPFS refused). */
  tablesKept: boolean;
  /** False when notebooks live in memory only (IndexedDB refused). */
  notebooksKept: boolean;
  importRecovery: 'none' | 'completed' | 'undone';
  dbRecovery: DbRecovery;
  /** Writes DuckDB's log into its file now (the page is going away, an import finished). */
  checkpoint(): Promise<void>;
  /** Saves DuckDB's log into its file and lets go of the file and the IndexedDB connection. */
  close(): Promise<void>;
}
