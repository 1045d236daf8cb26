/**
 * The workspace head: the one record that says what the workspace is — its notebooks (each pointing at
 * the blob of its text), settings, when each table was last used. Changing anything means writing a new
 * head; the previous one stays in the other of two slots until the next change.
 *
 * A slot holds the head's JSON, a line feed, and the SHA-256 of that JSON: a half-written slot fails the
 * check and is ignored, so a crash during a write can only cost the change being written.
 */
import { fromUtf8, sha256Hex, utf8 } from '../crypto/sha256';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface NotebookEntry {
  /** Stable across renames. */
  id: string;
  /** Unique in the workspace (ignoring case); the notebook's name in an export. */
  file: string;
  title: string;
  /** SHA-256 of the text (UTF-8): the key of its blob, and its fingerprint. */
  sha256: string;
  /** Bytes of text. */
  size: number;
  createdAt: number;
  updatedAt: number;
  lastUsedAt: number;
  /** The template it was made from (its file name), when it was: it can be reset to it. */
  template?: string;
}

export interface DeletedNotebook {
  entry: NotebookEntry;
  deletedAt: number;
}

/** A workspace import whose tables are staged in DuckDB but not yet swapped in (see archive.ts). */
export interface PendingImport {
  /** Staged table → final name; the staged tables disappear exactly when the swap commits. */
  staged: { staged: string; schema: string; name: string }[];
  notebooks: NotebookEntry[];
  settings: Record<string, Json>;
  tableUse: Record<string, number>;
}

export interface Head {
  format: 'longtail-workspace';
  version: 1;
  /** Increases by one with every change; the valid slot with the highest wins. */
  seq: number;
  notebooks: NotebookEntry[];
  /** The bin: deleted notebooks, kept (text and all) until restored or the bin is emptied. */
  deleted: DeletedNotebook[];
  settings: Record<string, Json>;
  /** Last use of each table (by name): created, imported, or read by a cell that ran. */
  tableUse: Record<string, number>;
  pendingImport?: PendingImport;
}

export function emptyHead(): Head {
  return { format: 'longtail-workspace', version: 1, seq: 0, notebooks: [], deleted: [], settings: {}, tableUse: {} };
}

export const SLOTS = ['head/0', 'head/1'] as const;

export function slotOf(seq: number): string {
  return SLOTS[seq % 2]!;
}

export async function encodeHead(head: Head): Promise<Uint8Array> {
  const json = JSON.stringify(head);
  return utf8(`${json}\n${await sha256Hex(utf8(json))}`);
}

/** The head in a slot, or null when the slot is empty, half-written or not a head. */
export async function decodeHead(bytes: Uint8Array | undefined): Promise<Head | null> {
  if (!bytes) return null;
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    return null;
  }
  const cut = text.lastIndexOf('\n');
  if (cut < 0) return null;
  const json = text.slice(0, cut);
  if ((await sha256Hex(utf8(json))) !== text.slice(cut + 1)) return null;
  const head = JSON.parse(json) as Head;
  if (head.format !== 'longtail-workspace' || head.version !== 1 || !Number.isInteger(head.seq)) return null;
  return head;
}

/** Blob keys a head needs: its notebooks, the deleted ones (for undo) and those of a pending import. */
export function blobsOf(head: Head): Set<string> {
  const all = [...head.notebooks, ...head.deleted.map((d) => d.entry), ...(head.pendingImport?.notebooks ?? [])];
  return new Set(all.map((n) => n.sha256));
}
