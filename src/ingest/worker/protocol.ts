/**
 * Messages between the page and the ingest worker. Everything in them is structured-cloneable: the
 * File itself (a reference to the user's file, not its bytes), settings, inspections without their
 * heavy parts, row batches. Each request has an id; its one reply carries the same id.
 */
import type { FixedSettings, Inspection } from '../import';
import type { SizeLimits } from '../limits';
import type { RowBatch } from '../staged-load';
import type { ImportErrorCode } from '../errors';
import type { Said } from '../../i18n/said';
import type { ImportSettings, RejectSummary, SourceFile } from '../types';

export type IngestRequest =
  | { id: number; op: 'inspect'; file: SourceFile; limits?: SizeLimits }
  | { id: number; op: 'redetect'; handle: number; fixed: FixedSettings }
  | { id: number; op: 'open'; handle: number; settings: ImportSettings; limit: number }
  | { id: number; op: 'next'; stream: number }
  | { id: number; op: 'close'; stream: number }
  | { id: number; op: 'release'; handle: number };

/** An error as it crosses: an ImportError keeps its code, hint, line and rejected rows, and its said forms. */
export type WireError =
  | { kind: 'import'; code: ImportErrorCode; message: string; hint: string; said: Said | null; hintSaid: Said | null; line: number | null; rejected: RejectSummary | null }
  | { kind: 'error'; message: string };

export type IngestReply =
  | { id: number; ok: true; value: IngestValue }
  | { id: number; ok: false; error: WireError }
  /** Sent once, when the worker's script has loaded. */
  | { id: 0; ready: true };

export type IngestValue =
  | { handle: number; inspection: Inspection }
  | { inspection: Inspection }
  | { stream: number }
  | { batch: RowBatch | null }
  | null;
