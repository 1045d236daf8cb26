/**
 * The command line end to end: `bin/longtail.mjs` run as a user runs it, in a child process, on every
 * template over the demo and over a French export, with its exit codes, its messages, its --json (equal
 * to what the runner gives in-process on DuckDB-WASM, the browser's engine) and its --snapshot.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellKinds } from '../../src/app/kinds';
import { cellReports, type CellReport, type RunReport } from '../../src/cli/report';
import { loadDemo } from '../../src/demo/load';
import type { Engine } from '../../src/engine/types';
import type { Column } from '../../src/engine/values';
import { parseNotebook } from '../../src/notebook/format';
import { Runner } from '../../src/notebook/runner';
import { readSnapshotHtml } from '../../src/snapshot/parse';
import { decodeRows } from '../../src/snapshot/values';
import { createTsTestEngine } from '../notebook/ts/engine';
import { compareResults, hasTopLevelOrderBy } from './compare';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/longtail.mjs');
const TEMPLATES = readdirSync(path.join(ROOT, 'notebooks')).filter((f) => f.endsWith('.md')).sort();
const FRENCH = path.join(ROOT, 'test/fixtures/french-export-1252.csv');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { cwd?: string; wrap?: string[] } = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const [cmd, ...pre] = options.wrap ?? [];
    const child = cmd ? spawn(cmd, [...pre, process.execPath, BIN, ...args], { cwd: options.cwd ?? ROOT }) : spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
const out = (name: string) => path.join(dir, name);
const report = (name: string) => JSON.parse(readFileSync(out(name), 'utf8')) as RunReport;
const cellOf = (r: RunReport, name: string) => r.cells.find((c) => c.name === name)!;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'longtail-cli-'));
  // One build before the runs (the launcher would rebuild a stale build itself, but not twice at once).
  const built = spawnSync(process.execPath, [BIN, '--build-only'], { cwd: ROOT, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--help and mistakes', () => {
  it('--help says it all, on stdout, exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['run NOTEBOOK.md', '--data', '--engine native', '--engine wasm', '--json', '--snapshot', '--database', 'md:', '--set', '--skip-bad-rows', 'Exit status', '10,000 rows']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('npx longtail --help works from the repository (the package bin)', () => {
    const r = spawnSync('npx', ['--no-install', 'longtail', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^longtail — run a Longtail notebook/);
  });

  it('a bad flag or a missing file: a clear message on stderr, exit 2, nothing run', async () => {
    const flag = await cli(['run', 'notebooks/rfm.md', '--jsn', 'x.json']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^longtail: Unknown option '--jsn'.*longtail --help/);
    const missing = await cli(['run', 'notebooks/rfm.md', '--data', 'no-such-export.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^longtail: The data file no-such-export.csv does not exist/);
    const input = await cli(['run', 'notebooks/rfm.md', '--set', 'nope=1']);
    expect(input.code).toBe(2);
    expect(input.stderr).toContain('the notebook has no input cell named nope (its inputs: as_of, window_days)');
  });
});

describe('every template over the demo', () => {
  let reference: Engine;
  beforeAll(async () => {
    reference = await createTsTestEngine();
    await loadDemo(reference);
  }, 120_000);
  afterAll(() => reference?.close());

  it.each(TEMPLATES)('%s: every cell runs, and --json holds what the runner gives in-process on DuckDB-WASM', async (file) => {
    const json = `demo-${file}.json`;
    const r = await cli(['run', `notebooks/${file}`, '--json', out(json)]);
    expect(r.stderr).toMatch(/longtail: done — \d+ cells ran in [\d.]+ m?s \(data in [\d.]+ m?s; peak memory [\d.]+ GiB\)\./);
    expect(r.code).toBe(0);
    const got = report(json);
    expect(got).toMatchObject({ notebook: file, ok: true, rowLimit: 10_000, data: 'demo' });
    // The process's own peak (DuckDB runs inside it): more than Node alone, and the times add up.
    expect(got.resources.maxRssBytes).toBeGreaterThan(100 * 2 ** 20);
    expect(got.timings.totalMs).toBeGreaterThanOrEqual(got.timings.dataMs + got.timings.runMs);

    const notebook = parseNotebook(readFileSync(path.join(ROOT, 'notebooks', file), 'utf8'));
    const runner = new Runner(reference, () => notebook.cells, cellKinds());
    await runner.init();
    await runner.runAll();
    const expected = await cellReports(reference, notebook, (id) => runner.state(id));
    expect(got.cells.map((c) => [c.name, c.status])).toEqual(expected.map((c) => [c.name, 'done']));
    const decoded = (c: CellReport) => {
      const columns = c.columns.map((x) => ({ name: x.name, kind: x.kind, sqlType: x.type })) as Column[];
      return { columns, rows: decodeRows(columns, c.rows) };
    };
    for (const want of expected) {
      const have = cellOf(got, want.name);
      expect({ cell: want.name, rowCount: have.rowCount, truncated: have.truncated }).toEqual({ cell: want.name, rowCount: want.rowCount, truncated: want.truncated });
      const cell = notebook.cells.find((c) => c.name === want.name)!;
      const sql = cell.kind === 'sql' ? cell.source : (runner.state(cell.id).result?.generatedSql ?? '');
      // A truncated result is its first rows; ties at the cut may differ, so only whole results compare as sets.
      if (!want.truncated) expect({ cell: want.name, diff: compareResults(decoded(want), decoded(have), hasTopLevelOrderBy(sql)) }).toEqual({ cell: want.name, diff: null });
    }
  }, 180_000);
});

describe('over a French deals export (Windows-1252, `;`, decimal commas, dd/mm/yyyy)', () => {
  // The export holds deals only: partners are derived from them; templates that need activities, surveys
  // or programmes say so, and churn-risk's model cannot be fitted on four deals.
  const WHOLE = ['benchmark.md', 'channel-conflict.md', 'cohort-retention.md', 'lifetime-value.md', 'long-tail.md', 'rfm.md'];
  const LACKS: Record<string, RegExp> = {
    'churn-risk.md': /BG\/NBD cannot be fitted: no history has a repeat purchase/,
    'engagement.md': /needs `activities`, and your data does not have it yet/,
    'nps.md': /needs `surveys`, and your data does not have it yet/,
    'program-roi.md': /needs `programs`, and your data does not have it yet/,
    'welcome.md': /needs `activities`, and your data does not have it yet/,
    'partner-page.md': /BG\/NBD cannot be fitted: no history has a repeat purchase/,
    'partner-review.md': /needs `tier_rules`, and your data does not have it yet/,
  };
  /** Every cell that does not run says one of these: a model table the export lacks, or too little history. */
  const ALLOWED = /^(Reads "\w+", which )?(This cell )?needs `(activities|surveys|programs|enrolments|targets|tier_rules|mdf)`|BG\/NBD cannot be fitted/;

  it('covers every template', () => {
    expect([...WHOLE, ...Object.keys(LACKS)].sort()).toEqual(TEMPLATES);
  });

  it.each(TEMPLATES)('%s runs on the export with no edit', async (file) => {
    const json = `fr-${file}.json`;
    const r = await cli(['run', `notebooks/${file}`, '--data', FRENCH, '--json', out(json)]);
    expect(r.stderr).toContain("french-export-1252.csv: 4 rows → table french_export_1252, onto the model's deals");
    // The € of "Montant (€)" is byte 0x80 in Windows-1252, the 28th byte of the file (worked out by hand).
    expect(r.stderr).toContain('note: encoding: Detected: not UTF-8 (byte 0x80 at offset 27 is not valid UTF-8), so Windows-1252');
    expect(r.stderr).toContain('the partner model (your data): deals: your files, 4 rows; partners: derived from deals, 3 rows; activities: missing');
    const got = report(json);
    expect(got.model.slice(0, 2)).toEqual([
      { table: 'deals', source: 'imports', rows: 4, files: ['french-export-1252.csv'] },
      { table: 'partners', source: 'derived', rows: 3, files: [], derivedFrom: 'deals' },
    ]);
    const failed = got.cells.filter((c) => c.status === 'error' || c.status === 'missing');
    if (WHOLE.includes(file)) {
      expect(failed.map((c) => [c.name, c.error?.message])).toEqual([]);
      expect(r.code).toBe(0);
    } else {
      expect(r.code).toBe(1);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.some((c) => LACKS[file]!.test(c.error!.message))).toBe(true);
      for (const c of failed) {
        expect({ cell: c.name, message: c.error!.message }).toEqual({ cell: c.name, message: expect.stringMatching(ALLOWED) });
        expect(r.stderr).toContain(`✗ ${c.name}: `);
      }
    }
  }, 120_000);

  it('computes from the export the values worked out by hand', () => {
    // Won ("Gagné") deals: Intégra Conseil 1 234,56 on 03/04/2024; Numérique Sud 75,25 on 01/12/2023. The
    // lost one (Réseau Ouest) and the open one do not count. As of the day after the last won deal,
    // 2024-04-04: recency 1, and 30 + 31 + 29 + 31 + 3 + 1 = 125 days. Partners, derived from the deals,
    // are named by the export's partner names.
    const rfm = cellOf(report('fr-rfm.md.json'), 'rfm_scores');
    const pick = (id: string) => {
      const row = rfm.rows.find((x) => x[0] === id)!;
      return Object.fromEntries(['last_deal_on', 'recency_days', 'frequency', 'monetary', 'segment', 'as_of'].map((k) => [k, row[rfm.columns.findIndex((c) => c.name === k)]]));
    };
    expect(rfm.rowCount).toBe(3);
    expect(pick('Intégra Conseil')).toMatchObject({ last_deal_on: '2024-04-03', recency_days: 1, frequency: 1, monetary: 1234.56, as_of: '2024-04-04' });
    expect(pick('Numérique Sud')).toMatchObject({ last_deal_on: '2023-12-01', recency_days: 125, frequency: 1, monetary: 75.25, as_of: '2024-04-04' });
    expect(pick('Réseau Ouest')).toMatchObject({ last_deal_on: null, frequency: null, segment: 'No purchase' });
    // welcome.md's revenue by year: one won deal a year, round(75.25) and round(1234.56).
    expect(cellOf(report('fr-welcome.md.json'), 'revenue_by_year').rows).toEqual([
      [2023, 1, 75, null],
      [2024, 1, 1235, null],
    ]);
  });
});

describe('failures', () => {
  it('a cell error: exit 1, the cell named with its error, its dependants named as waiting, the others run', async () => {
    const nb = out('broken.md');
    writeFileSync(
      nb,
      '# Broken\n\n```sql fine\nSELECT 1 AS x\n```\n\n```sql broken_cell\nSELECT no_such_column FROM fine\n```\n\n```sql after_it\nSELECT * FROM broken_cell\n```\n',
    );
    const r = await cli(['run', nb, '--json', out('broken.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/longtail: 1 cell failed, 1 waited on it \(1 ran; peak memory [\d.]+ GiB\):/);
    expect(r.stderr).toContain('✗ broken_cell: There is no column "no_such_column" here.');
    expect(r.stderr).toContain('waiting on those: after_it');
    const got = report('broken.json');
    expect(got.ok).toBe(false);
    expect(got.cells.map((c) => [c.name, c.status])).toEqual([
      ['fine', 'done'],
      ['broken_cell', 'error'],
      ['after_it', 'blocked'],
    ]);
    expect(cellOf(got, 'fine').rows).toEqual([[1]]);
  });

  it('a file that cannot be imported: exit 1 and the pipeline’s own message', async () => {
    const r = await cli(['run', 'notebooks/rfm.md', '--data', path.join(ROOT, 'test/fixtures/empty.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/longtail: empty\.csv is empty/i);
  });
});

describe('outputs and options', () => {
  it('--snapshot writes the app’s snapshot: the same cells and rows as --json', async () => {
    const r = await cli(['run', 'notebooks/rfm.md', '--snapshot', out('rfm.html'), '--json', out('rfm.json')]);
    expect(r.code).toBe(0);
    const payload = readSnapshotHtml(readFileSync(out('rfm.html'), 'utf8'));
    expect(payload.title).toBe('RFM segmentation');
    const json = report('rfm.json');
    for (const c of json.cells.filter((x) => x.kind === 'sql' || x.kind === 'analysis')) {
      const s = payload.cells.find((x) => x.kind !== 'markdown' && x.name === c.name);
      expect(s && s.kind !== 'markdown' ? { status: s.status, rowCount: s.result?.rowCount, first: s.result?.rows[0] } : null).toEqual({ status: 'done', rowCount: c.rowCount, first: c.rows[0] });
    }
    expect(payload.cells.filter((x) => x.kind === 'chart').every((x) => x.kind === 'chart' && x.result?.displays[0]?.kind === 'vega-lite')).toBe(true);
  }, 120_000);

  it('--set changes an input before the run, and --json reports the value used', async () => {
    const r = await cli(['run', 'notebooks/rfm.md', '--set', 'as_of=2025-06-30', '--set', 'window_days=365', '--json', out('set.json')]);
    expect(r.code).toBe(0);
    const got = report('set.json');
    expect(cellOf(got, 'as_of').value).toBe('2025-06-30');
    expect(cellOf(got, 'window_days').value).toBe(365);
    const scores = cellOf(got, 'rfm_scores');
    const at = (k: string) => scores.rows[0]![scores.columns.findIndex((c) => c.name === k)];
    expect([at('as_of'), at('window_start')]).toEqual(['2025-06-30', '2024-06-30']);
  });

  it('--engine wasm runs the browser’s engine build, with the same results', async () => {
    const r = await cli(['run', 'notebooks/rfm.md', '--engine', 'wasm', '--json', out('wasm.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('rfm.md on DuckDB-WASM');
    expect(cellOf(report('wasm.json'), 'champions').rows).toEqual(cellOf(report('rfm.json'), 'champions').rows);
  });

  it('--database: imports kept in a .duckdb file are there for the next run, without --data', async () => {
    const db = out('work.duckdb');
    const first = await cli(['run', 'notebooks/rfm.md', '--database', db, '--data', FRENCH]);
    expect(first.code).toBe(0);
    const second = await cli(['run', 'notebooks/rfm.md', '--database', db, '--json', out('db.json')]);
    expect(second.stderr).toContain(`data: the tables of ${db}`);
    expect(second.code).toBe(0);
    expect(report('db.json').model[0]).toEqual({ table: 'deals', source: 'imports', rows: 4, files: ['french-export-1252.csv'] });
    expect(cellOf(report('db.json'), 'rfm_scores').rowCount).toBe(3);
  });
});

describe('what a notebook cannot do from the command line', () => {
  it('TypeScript cells run, without process, require, network or files', async () => {
    const nb = out('ts.md');
    writeFileSync(
      nb,
      [
        '# TS',
        '',
        '```sql base',
        'SELECT partner_id, count(*) AS n FROM deals WHERE partner_id IS NOT NULL GROUP BY 1 ORDER BY n DESC, partner_id LIMIT 3',
        '```',
        '',
        '```ts doubled',
        'const total = await sql`SELECT sum(n) AS s FROM base`;',
        'return base.map((b) => ({ partner_id: b.partner_id, twice: b.n * 2, total: total[0].s }));',
        '```',
        '',
        '```ts escapes',
        'const tries: Record<string, () => unknown> = {',
        "  process: () => (globalThis as any).process.getBuiltinModule('fs').readFileSync('/etc/hostname', 'utf8'),",
        '  bare: () => (process as any).pid,',
        "  require: () => (require as any)('node:fs'),",
        "  fromText: () => Function('return this')().process.pid,",
        "  fetch: () => fetch('http://127.0.0.1:9/'),",
        "  channel: () => new (globalThis as any).BroadcastChannel('longtail'),",
        "  sqlFile: async () => await sql`SELECT * FROM read_text('/etc/hostname')`,",
        '};',
        'const out = [];',
        'for (const [k, f] of Object.entries(tries)) {',
        "  try { await f(); out.push({ k, blocked: false }); } catch (e) { out.push({ k, blocked: true, why: (e as Error).message }); }",
        '}',
        'return out;',
        '```',
        '',
      ].join('\n'),
    );
    const r = await cli(['run', nb, '--json', out('ts.json')]);
    expect(r.code).toBe(0);
    const got = report('ts.json');
    const base = cellOf(got, 'base').rows as [string, number][];
    const total = base.reduce((s, [, n]) => s + n, 0);
    expect(cellOf(got, 'doubled').rows).toEqual(base.map(([id, n]) => [id, 2 * n, total]));
    const escapes = cellOf(got, 'escapes');
    expect(escapes.rows.map((row) => [row[0], row[1]])).toEqual(['process', 'bare', 'require', 'fromText', 'fetch', 'channel', 'sqlFile'].map((k) => [k, true]));
    expect(escapes.rows.find((row) => row[0] === 'sqlFile')![2]).toMatch(/Cannot access "\/etc\/hostname"\. Longtail's command line lets SQL read only/);
  });

  it('SQL reads no URL and no file it was not given, and the whole run works with no network at all', async () => {
    const nb = out('reach.md');
    writeFileSync(nb, "# Reach\n\n```sql remote\nSELECT * FROM read_csv('https://example.com/deals.csv')\n```\n\n```sql local\nSELECT * FROM read_text('/etc/hostname')\n```\n");
    // unshare -rn: a network namespace with no interface up, as an unprivileged user.
    const r = await cli(['run', nb, '--json', out('reach.json')], { wrap: ['unshare', '-rn'] });
    expect(r.code).toBe(1);
    const got = report('reach.json');
    expect(got.cells.map((c) => [c.name, c.status, c.error?.message])).toEqual([
      ['remote', 'error', 'Longtail keeps your data on this machine: `https://example.com/deals.csv` cannot be read from a cell. Import the file instead.'],
      ['local', 'error', expect.stringMatching(/^Cannot access "\/etc\/hostname"\. Longtail's command line lets SQL read only the notebook's data/)],
    ]);
    const offline = await cli(['run', 'notebooks/long-tail.md', '--json', out('offline.json')], { wrap: ['unshare', '-rn'] });
    expect(offline.code).toBe(0);
  }, 120_000);
});
