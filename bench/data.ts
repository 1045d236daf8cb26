/**
 * The benchmark's input files, written once to disk by the demo generator and reused by later runs.
 *
 * Files are streamed chunk by chunk (5 M rows of CSV is ~560 MB: never one string) to a temporary name
 * and renamed when complete, so an interrupted run never leaves a truncated file that a later run would
 * trust. The cache folder is keyed by a hash of src/demo, so any change to the generator regenerates.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { dealsCsvChunks, generateDemo, DEMO_SCHEMA, type CsvLocale } from '../src/demo';
import { tableCsv } from '../src/demo/table-csv';
import { partnerColumns } from '../src/demo/generate';
import { buildWorld } from '../src/demo/world';

export const DATA_ROOT = process.env.LONGTAIL_BENCH_DATA ?? '/tmp/longtail-bench-data';

/** What was written: enough to label a figure with the real row count and size. */
export interface DataFile {
  path: string;
  rows: number;
  bytes: number;
}

/** The tables that, with deals, make up a workspace the template notebooks run on. */
export const WORKSPACE_TABLES = ['activities', 'surveys', 'programs', 'enrolments', 'targets', 'tier_rules', 'mdf'] as const;
export type WorkspaceTable = (typeof WORKSPACE_TABLES)[number];

function generatorHash(repo: string): string {
  const dir = path.join(repo, 'src/demo');
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(path.join(dir, f)));
  return h.digest('hex').slice(0, 12);
}

export class DataCache {
  readonly dir: string;

  constructor(repo: string, root = DATA_ROOT) {
    this.dir = path.join(root, generatorHash(repo));
  }

  private has(name: string): boolean {
    const file = path.join(this.dir, name);
    return existsSync(file) && existsSync(`${file}.json`);
  }

  private async cached(name: string, write: (tmp: string) => Promise<number>): Promise<DataFile> {
    const file = path.join(this.dir, name);
    const meta = `${file}.json`;
    if (this.has(name)) return JSON.parse(readFileSync(meta, 'utf8')) as DataFile;
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.partial`;
    const rows = await write(tmp);
    renameSync(tmp, file);
    const out: DataFile = { path: file, rows, bytes: statSync(file).size };
    writeFileSync(meta, JSON.stringify(out));
    return out;
  }

  /** The deals table as the CSV export of `locale`, from the generator at `scale` (scale 20 ≈ 1 M rows). */
  deals(scale: number, locale: CsvLocale): Promise<DataFile> {
    return this.cached(`s${scale}/deals${locale === 'en' ? '' : `-${locale}`}.csv`, async (tmp) => {
      const out = createWriteStream(tmp);
      let rows = -1; // the header
      for (const chunk of dealsCsvChunks({ scale, locale })) {
        rows += countLines(chunk);
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      out.end();
      await finished(out);
      return rows;
    });
  }

  /**
   * The partners table at `scale`, drawn the way generateDemo draws it (the world is built before any
   * deal), without generating the scale's deals and activities.
   */
  partners(scale: number): Promise<DataFile> {
    return this.cached(`s${scale}/partners.csv`, async (tmp) => {
      const columns = partnerColumns(buildWorld({ scale }));
      writeFileSync(tmp, tableCsv(columns, Object.keys(DEMO_SCHEMA.partners)));
      return columns.partner_id!.length;
    });
  }

  /** activities, surveys, programs and enrolments at `scale` (one generation writes all four). */
  async workspace(scale: number): Promise<Record<WorkspaceTable, DataFile>> {
    const name = (t: WorkspaceTable) => `s${scale}/${t}.csv`;
    const missing = WORKSPACE_TABLES.some((t) => !this.has(name(t)));
    const demo = missing ? generateDemo({ scale }) : null;
    const out = {} as Record<WorkspaceTable, DataFile>;
    for (const t of WORKSPACE_TABLES) {
      out[t] = await this.cached(name(t), async (tmp) => {
        const columns = Object.keys(DEMO_SCHEMA[t]);
        writeFileSync(tmp, tableCsv(demo![t], columns));
        return demo![t][columns[0]!]!.length;
      });
    }
    return out;
  }

  /**
   * `times` copies of a deals file's rows under one header: the largest-table probe needs 10 M and
   * 20 M rows, and copying the 5 M file is much faster than generating them (the import pipeline does
   * not look at duplicate ids).
   */
  repeated(source: DataFile, times: number): Promise<DataFile> {
    // Same file name in a folder of its own: the app shows the name in its messages.
    const rel = path.join(`${path.dirname(path.relative(this.dir, source.path))}x${times}`, path.basename(source.path));
    return this.cached(rel, async (tmp) => {
      const out = createWriteStream(tmp);
      for (let k = 0; k < times; k++) {
        let skipHeader = k > 0;
        for await (const chunk of createReadStream(source.path)) {
          let buf = chunk as Buffer;
          if (skipHeader) {
            buf = buf.subarray(buf.indexOf(10) + 1);
            skipHeader = false;
          }
          if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
        }
      }
      out.end();
      await finished(out);
      return source.rows * times;
    });
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

