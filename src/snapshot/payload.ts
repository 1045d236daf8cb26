/**
 * What a snapshot file carries: the notebook as the analyst saw it — text, each cell's result rows,
 * charts — as plain JSON. The same shape is written into the HTML file, read back by the viewer, and
 * read back by the app, which treats it as untrusted input (see parse.ts).
 */
import type { Column } from '../engine/values';
import type { Attr, CodeKind } from '../notebook/model';
import type { DataProvenance } from '../notebook/state';
import type { Lang } from '../i18n/languages';

export const SNAPSHOT_FORMAT = 'longtail-snapshot';
export const SNAPSHOT_VERSION = 1;

/** A value as JSON holds it. Dates travel as ISO text and become Dates again by their column's kind. */
export type JsonValue = null | number | string | boolean | JsonValue[] | { [k: string]: JsonValue };

export interface SnapshotPayload {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  title: string;
  /** The notebook's file name when the snapshot was taken. */
  fileName: string;
  /** When the snapshot was taken (ISO 8601). */
  createdAt: string;
  /** The notebook's front matter, without the `---` lines; null when it has none. */
  frontMatter: string | null;
  cells: SnapshotCell[];
  fingerprints: Fingerprint[];
  hidden: HiddenSummary;
  /** Which data the shown results read, all cells together; null when none says (older snapshots). */
  provenance: DataProvenance | null;
  /** ISO 4217 code of the workspace's amounts (money columns are DECIMAL(…,2)); null when unknown. */
  currency: string | null;
  /**
   * The partners the embedded results name, with what the filters narrow by (sector, region, tier) and
   * what a partner page shows of who they are; null when no result names a partner.
   */
  partners: FrozenPartners | null;
  /**
   * The language the snapshot was written in, chosen at share time: its viewer's words, its number and
   * date formats and its `<html lang>`. Older snapshots have none and read as English.
   */
  lang?: Lang;
}

/**
 * One row per partner, keyed by `partner_id` as the results show it (an alias when pseudonymised).
 * Columns: partner_id, name, sector, region, tier, country, since — country and since left out (null)
 * when partners are pseudonymised, since with sector and tier they could tell who a partner is.
 */
export interface FrozenPartners {
  columns: Column[];
  rows: JsonValue[][];
}

/** What the snapshot leaves out or changes, so its reader knows. */
export interface HiddenSummary {
  /** The code of every code cell was left out. */
  code: boolean;
  /** Cells left out entirely, described for people (`SQL cell "raw_deals"`, `a text cell`). */
  cells: string[];
  /** How many partners were given an alias; null when names were kept. */
  pseudonymised: number | null;
  /** Names of the results cut to their first rows. */
  capped: string[];
}

export type SnapshotCell = MarkdownSnapshotCell | CodeSnapshotCell;

export interface MarkdownSnapshotCell {
  kind: 'markdown';
  text: string;
}

export type SnapshotStatus = 'idle' | 'done' | 'error' | 'blocked' | 'stale';

export interface CodeSnapshotCell {
  kind: CodeKind;
  name: string;
  attrs: Attr[];
  /** null when the code was hidden. */
  source: string | null;
  /** Relations and inputs the cell read, as the runner last saw them. */
  reads: string[];
  status: SnapshotStatus;
  error: { message: string; hint: string } | null;
  result: SnapshotResult | null;
}

export interface SnapshotResult {
  columns: Column[];
  /** Rows of the whole result, even when fewer are embedded. */
  rowCount: number;
  /** The embedded rows: all of them for small results, the first ones for large results. */
  rows: JsonValue[][];
  /** For a capped result: per column, the sum over all rows (null where a sum means nothing). */
  totals: (number | null)[] | null;
  /** Something the reader should know about this result (capped, very large…). */
  note: string | null;
  displays: SnapshotDisplay[];
  elapsedMs: number;
  /** When the cell finished running (ms since epoch). */
  finishedAt: number;
  /** The SQL an analysis generated; null when code is hidden. */
  generatedSql: string | null;
  /** Which data this result read (the app's badge); null when it read none or did not say. */
  provenance: DataProvenance | null;
}

export type SnapshotDisplay =
  | { kind: 'markdown'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'table'; columns: Column[]; rows: JsonValue[][]; rowCount: number }
  | {
      kind: 'vega-lite';
      /** The spec with its data inline; null when the data was too large to embed (the SVG remains). */
      spec: { [k: string]: JsonValue } | null;
      /** The chart drawn when the snapshot was taken: shown if the live chart cannot be drawn. */
      svg: string | null;
      note: string | null;
    };

/** Says which data the results came from, so two snapshots can be compared. */
export interface Fingerprint {
  table: string;
  rows: number;
  /** `file-sha256`: SHA-256 of the imported file; `content`: a hash of the table's rows, in any order. */
  method: 'file-sha256' | 'content';
  value: string;
  /** The imported file's name, for `file-sha256`. */
  file: string | null;
  importedAt: string | null;
}

export function isCodeCell(c: SnapshotCell): c is CodeSnapshotCell {
  return c.kind !== 'markdown';
}
