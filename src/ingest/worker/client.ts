/**
 * The page's side of the ingest worker: an Inspector whose inspections are done in the worker. The
 * inspection it returns holds only light parts (settings, notes, a CSV's first megabytes); a workbook's
 * cells, a JSON array's records and a Parquet footer stay in the worker, and the inspection's `source`
 * pulls rows from there one batch at a time when a preview or an import needs them.
 *
 *   const inspector = new IngestWorkerClient(startIngestWorker);   // browser.ts
 *   const insp = await inspector.inspect(file);
 *   …
 *   inspector.close();                                             // ends the worker, frees its memory
 */
import { hashAhead } from '../fingerprint';
import { ImportError } from '../errors';
import { said, type Said } from '../../i18n/said';
import type { FixedSettings, InspectOptions, Inspection } from '../import';
import type { Inspector } from '../inspector';
import type { RowSource } from '../load-context';
import type { RowBatch } from '../staged-load';
import type { ImportSettings, SourceFile } from '../types';
import { fromWire } from './host';
import type { IngestReply, IngestRequest, IngestValue } from './protocol';

/** A request before it gets its id (Omit spread over each kind of request). */
type Unsent = IngestRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

type Pending = { resolve: (v: IngestValue) => void; reject: (e: Error) => void };

/** Settings and choices as plain data: the dialog's may be reactive proxies, which cannot be cloned. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class IngestWorkerClient implements Inspector {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly handles = new WeakMap<Inspection, number>();
  private nextId = 1;

  constructor(private readonly start: () => Worker) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = this.start();
    w.addEventListener('message', (e: MessageEvent<IngestReply>) => {
      const m = e.data;
      if ('ready' in m) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(fromWire(m.error));
    });
    w.addEventListener('error', (e) => {
      e.preventDefault();
      this.crashed(e.message || said('core.ingest.detail.reader_stopped'));
    });
    this.worker = w;
    return w;
  }

  /** The worker died (out of memory on a huge file, most likely): every request waiting gets a message, and the next starts a new worker. */
  private crashed(reason: string | Said): void {
    this.worker?.terminate();
    this.worker = null;
    const err = new ImportError('engine', said('core.ingest.error.reader_crashed', { reason }), said('core.ingest.hint.reader_crashed'));
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private call(request: Unsent): Promise<IngestValue> {
    const id = this.nextId++;
    const worker = this.ensure();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as IngestRequest);
    });
  }

  /** The light inspection, with the page's own File (the one hashAhead keyed) and a source of rows. */
  private attach(light: Inspection, handle: number, file: SourceFile): Inspection {
    const insp: Inspection = light.format === 'csv' ? { ...light, file } : { ...light, file, source: this.source(handle) };
    this.handles.set(insp, handle);
    return insp;
  }

  private source(handle: number): RowSource {
    const call = (r: Unsent) => this.call(r);
    return {
      async *batches(settings: ImportSettings, limit: number): AsyncGenerator<RowBatch> {
        const { stream } = (await call({ op: 'open', handle, settings: plain(settings), limit })) as { stream: number };
        let done = false;
        try {
          for (;;) {
            const { batch } = (await call({ op: 'next', stream })) as { batch: RowBatch | null };
            if (!batch) {
              done = true;
              return;
            }
            yield batch;
          }
        } finally {
          if (!done) void call({ op: 'close', stream }).catch(() => undefined);
        }
      },
    };
  }

  async inspect(file: SourceFile, options: InspectOptions = {}): Promise<Inspection> {
    const { handle, inspection } = (await this.call({ op: 'inspect', file, ...(options.limits ? { limits: options.limits } : {}) })) as { handle: number; inspection: Inspection };
    // The hash starts here: the page's own digest runs off its thread, and the import finds it under way.
    if (options.hashAhead !== false) hashAhead(file);
    return this.attach(inspection, handle, file);
  }

  async redetect(insp: Inspection, fixed: FixedSettings): Promise<Inspection> {
    const handle = this.handles.get(insp);
    if (handle === undefined) throw new Error('This inspection was not made by this inspector.');
    const { inspection } = (await this.call({ op: 'redetect', handle, fixed: plain(fixed) })) as { inspection: Inspection };
    return this.attach(inspection, handle, insp.file);
  }

  close(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('The import dialog was closed.'));
    this.pending.clear();
  }
}
