/**
 * The ingest worker's side, as plain functions over messages (so Node tests drive it without a worker):
 * it inspects files and keeps what it parsed — a workbook's cells, a JSON array's records, a Parquet
 * footer — under a handle, re-detects settings from it, and hands out rows batch by batch when the page
 * pulls them. The page receives only the light part of an inspection.
 */
import { inspectFile, redetect, type Inspection } from '../import';
import { ImportError } from '../errors';
import { jsonBatches } from '../json';
import { parquetBatches } from '../parquet';
import { xlsxBatches } from '../xlsx';
import type { RowBatch } from '../staged-load';
import type { ImportSettings } from '../types';
import type { IngestReply, IngestRequest, IngestValue, WireError } from './protocol';

/** The inspection without what stays in the worker. */
export function lightInspection(insp: Inspection): Inspection {
  switch (insp.format) {
    case 'xlsx': {
      const { cells: _cells, source: _source, ...light } = insp;
      return light;
    }
    case 'json': {
      const { source: _source, ...light } = insp;
      return { ...light, records: null };
    }
    case 'parquet': {
      const { metadata: _metadata, source: _source, ...light } = insp;
      return light;
    }
    case 'csv':
      return insp;
  }
}

function batchesOf(insp: Inspection, settings: ImportSettings, limit: number): AsyncIterator<RowBatch> {
  switch (insp.format) {
    case 'xlsx':
      if (settings.format !== 'xlsx') break;
      return xlsxBatches(insp, settings, limit);
    case 'json':
      return jsonBatches(insp, limit);
    case 'parquet':
      return parquetBatches(insp, limit);
    case 'csv':
      break;
  }
  throw new Error(`No rows to read from a ${insp.format} inspection with ${settings.format} settings.`);
}

export function wireError(err: unknown): WireError {
  if (err instanceof ImportError) {
    return { kind: 'import', code: err.code, message: err.message, hint: err.hint, said: err.said, hintSaid: err.hintSaid, line: err.line, rejected: err.rejected };
  }
  // A stack overflow or an exhausted heap in a parser says so in its own words.
  return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
}

export function fromWire(e: WireError): Error {
  // The said forms make the same English text (`message`, `hint`) and keep the reader's language.
  return e.kind === 'import' ? new ImportError(e.code, e.said ?? e.message, e.hintSaid ?? e.hint, e.line, e.rejected) : new Error(e.message);
}

export class IngestHost {
  private readonly kept = new Map<number, Inspection>();
  private readonly streams = new Map<number, AsyncIterator<RowBatch>>();
  private nextId = 1;

  private inspection(handle: number): Inspection {
    const insp = this.kept.get(handle);
    if (!insp) throw new Error('The file is no longer open in the import dialog; drop it again.');
    return insp;
  }

  private async value(m: IngestRequest): Promise<IngestValue> {
    switch (m.op) {
      case 'inspect': {
        const insp = await inspectFile(m.file, { ...(m.limits ? { limits: m.limits } : {}), hashAhead: false });
        const handle = this.nextId++;
        this.kept.set(handle, insp);
        return { handle, inspection: lightInspection(insp) };
      }
      case 'redetect':
        return { inspection: lightInspection(redetect(this.inspection(m.handle), m.fixed)) };
      case 'open': {
        const stream = this.nextId++;
        this.streams.set(stream, batchesOf(this.inspection(m.handle), m.settings, m.limit));
        return { stream };
      }
      case 'next': {
        const it = this.streams.get(m.stream);
        if (!it) return { batch: null };
        const r = await it.next();
        if (r.done) this.streams.delete(m.stream);
        return { batch: r.done ? null : r.value };
      }
      case 'close':
        await this.streams.get(m.stream)?.return?.(undefined);
        this.streams.delete(m.stream);
        return null;
      case 'release':
        this.kept.delete(m.handle);
        return null;
    }
  }

  async handle(m: IngestRequest): Promise<IngestReply> {
    try {
      return { id: m.id, ok: true, value: await this.value(m) };
    } catch (err) {
      return { id: m.id, ok: false, error: wireError(err) };
    }
  }
}
