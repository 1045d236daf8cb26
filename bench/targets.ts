/**
 * The targets of issue 16, each a row with what was measured, what it is compared with, the ratio and
 * whether it is met: a second table under the main one. Computed from the run's rows and figures; a
 * figure that could not be measured says so ("not measured") rather than passing or failing.
 */
import { formatBytes, formatFigure, formatMs, formatRatio } from './format';
import { FIT, FIT_SQL, PIPELINE, PIPELINE_THREADED, threadedRow } from './page-suite';
import type { Row } from './results';
import { ratio, type Figure } from './stats';

export interface TargetRow {
  target: string;
  measured: string;
  reference: string;
  /** Measured ÷ reference; null when either is missing. */
  ratio: number | null;
  goal: string;
  met: 'yes' | 'no' | 'not measured';
}

export interface TargetInput {
  rows: readonly Row[];
  initialJsGzip: number | null;
  firstVisit: Figure | null;
  laterVisit: Figure | null;
  /** Last session's results on screen, later visit; null when the app marked none. */
  lastResults: Figure | null;
  bareLater: Figure | null;
  /** What the largest-table probe saw as shipped, by row count. */
  largest: { rows: number; outcome: 'imported' | 'refused' | 'error' | 'crashed' | 'no answer'; message: string }[];
}

const KIB = 1024;
const GIB = 1024 ** 3;
/** The analyses whose SQL the page and native DuckDB run alike (churn.bgnbd fits its model in JS). */
const SQL_ANALYSES = ['rfm.scores', 'cohorts.retention', 'pareto.curve'];

function bound(target: string, measured: string, reference: string, r: number | null, limit: number, goal: string): TargetRow {
  return { target, measured, reference, ratio: r, goal, met: r === null ? 'not measured' : r <= limit ? 'yes' : 'no' };
}

const fig = (f: Figure | null, unit: 'ms' | 'bytes') => (f ? formatFigure(f, unit) : 'not measured');

/** The worst ratio to native DuckDB of the SQL analyses on one data set, for one build's rows. */
function sqlAnalyses(rows: readonly Row[], data: string, name: (id: string) => string, label: string): TargetRow {
  const pairs = SQL_ANALYSES.map((id) => {
    const own = rows.find((r) => r.section === 'Analytics, warm' && r.what === name(id) && r.data === data);
    const native = rows.find((r) => r.section === 'Analytics, warm' && r.what === id && r.data === data)?.native ?? null;
    return { id, own: own?.failed?.longtail ? null : (own?.longtail ?? null), native, r: ratio(own?.longtail ?? null, native) };
  });
  const measured = pairs.filter((p) => p.r !== null);
  const worst = measured.length === pairs.length ? measured.reduce((a, b) => (b.r! > a.r! ? b : a)) : null;
  return bound(
    `16.3 SQL analyses ÷ native DuckDB, ${data}, ${label} (worst of ${SQL_ANALYSES.join(', ')})`,
    worst ? `${worst.id}: ${formatFigure(worst.own, 'ms')}` : 'not measured',
    worst ? formatFigure(worst.native, 'ms') : '—',
    worst?.r ?? null,
    1.5,
    '≤ 1.5×',
  );
}

/**
 * The multi-threaded build against the single-threaded one on the same data set: the import pipeline,
 * and the SQL analyses summed. Below 1× the threaded build is faster; the goal is to adopt it where so.
 */
function threadedVsSingle(rows: readonly Row[], data: string): TargetRow[] {
  const find = (section: string, what: string) => {
    const r = rows.find((x) => x.section === section && x.what === what && x.data === data);
    return r?.failed?.longtail ? null : (r?.longtail ?? null);
  };
  const sum = (name: (id: string) => string) => {
    const figures = SQL_ANALYSES.map((id) => find('Analytics, warm', name(id)));
    return figures.every((f) => f !== null) ? figures.reduce((a, f) => a + f!.median, 0) : null;
  };
  const row = (what: string, threaded: number | null, single: number | null): TargetRow => {
    const r = threaded !== null && single !== null ? threaded / single : null;
    return {
      target: `16.3 Multi-threaded ÷ single-threaded build, ${what}, ${data}`,
      measured: threaded === null ? 'not measured' : formatMs(threaded),
      reference: single === null ? 'not measured' : formatMs(single),
      ratio: r,
      goal: '< 1× to adopt it',
      met: r === null ? 'not measured' : r < 1 ? 'yes' : 'no',
    };
  };
  const imp = (what: string) => find('Import', what)?.median ?? null;
  return [
    row('import pipeline', imp(PIPELINE_THREADED), imp(PIPELINE)),
    row(`SQL analyses summed (${SQL_ANALYSES.join(' + ')})`, sum(threadedRow), sum((id) => id)),
  ];
}

export function targetRows(t: TargetInput): TargetRow[] {
  const out: TargetRow[] = [];
  out.push(
    t.lastResults
      ? bound('16.1 Last results visible (later visit) ÷ bare DuckDB-WASM page to SELECT 1 (later visit)', fig(t.lastResults, 'ms'), fig(t.bareLater, 'ms'), ratio(t.lastResults, t.bareLater), 0.5, '≤ 0.5×')
      : {
          target: '16.1 Last results visible (later visit) ÷ bare DuckDB-WASM page to SELECT 1 (later visit)',
          measured: 'not measured: no cell marked data-from-last-session',
          reference: fig(t.bareLater, 'ms'),
          ratio: null,
          goal: '≤ 0.5×',
          met: 'not measured',
        },
  );
  out.push(bound('16.1 Live engine ready: first finished cell (later visit) ÷ bare page to SELECT 1 (later visit)', fig(t.laterVisit, 'ms'), fig(t.bareLater, 'ms'), ratio(t.laterVisit, t.bareLater), 1.2, '≤ 1.2×'));
  out.push(
    bound(
      '16.2 Initial JavaScript, gzip',
      t.initialJsGzip === null ? 'not measured' : formatBytes(t.initialJsGzip),
      '200.0 KiB',
      t.initialJsGzip === null ? null : t.initialJsGzip / (200 * KIB),
      1,
      '≤ 1×',
    ),
  );
  out.push(bound('16.2 First visit to first result (fresh profile)', fig(t.firstVisit, 'ms'), formatMs(2500), t.firstVisit ? t.firstVisit.median / 2500 : null, 1, '≤ 1×'));
  for (const data of ['1 M', '5 M']) {
    out.push(sqlAnalyses(t.rows, data, (id) => id, 'single-threaded build (the app)'));
    out.push(sqlAnalyses(t.rows, data, threadedRow, 'multi-threaded build (not shipped)'));
    out.push(...threadedVsSingle(t.rows, data));
  }
  for (const data of ['1 M', '5 M']) {
    const row = (what: string) => t.rows.find((r) => r.section === 'Analytics, warm' && r.data === data && r.what.startsWith(what));
    const fit = row(FIT)?.longtail ?? null;
    const sql = row(FIT_SQL)?.longtail ?? null;
    out.push(bound(`16.4 Churn model fits ÷ the SQL that feeds them, ${data}`, fig(fit, 'ms'), fig(sql, 'ms'), ratio(fit, sql), 3, '≤ 3×'));
  }
  const memory = t.rows.find((r) => r.section === 'Memory and size' && r.data === '1 M' && r.what.startsWith('Peak memory of the tab, the workspace as the app keeps it'));
  const page = t.rows.find((r) => r.section === 'Memory and size' && r.data === '1 M' && r.what.startsWith('Peak memory of the tab (imports'));
  for (const [label, row] of [
    ['as the app keeps it (OPFS database)', memory],
    ['bench page, tables in memory', page],
  ] as const) {
    const f = row?.longtail ?? null;
    out.push(bound(`16.5 Peak memory of the tab, 1 M workspace, ${label}`, fig(f, 'bytes'), '1.00 GiB', f ? f.median / GIB : null, 1, '≤ 1×'));
  }
  const twenty = t.largest.find((l) => l.rows >= 20e6 && l.rows < 40e6);
  out.push({
    target: '16.5 A 20 M-row file imports in the tab, as shipped',
    measured: twenty ? `${twenty.outcome}: ${twenty.message}` : 'not measured',
    reference: '—',
    ratio: null,
    goal: 'imported',
    met: twenty ? (twenty.outcome === 'imported' ? 'yes' : 'no') : 'not measured',
  });
  const larger = t.largest.find((l) => l.rows >= 40e6);
  out.push({
    target: '16.5 A larger file is refused, pointing to the command line',
    measured: larger ? `${larger.outcome}: ${larger.message}` : 'not measured',
    reference: '—',
    ratio: null,
    goal: 'refused, naming npx longtail run',
    met: larger ? (larger.outcome === 'refused' && /npx longtail run/.test(larger.message) ? 'yes' : 'no') : 'not measured',
  });
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function targetsTable(rows: readonly TargetRow[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [
    line(['Target (issue 16)', 'Measured', 'Reference', 'Ratio', 'Goal', 'Met']),
    line(['---', '---:', '---:', '---:', '---', '---']),
    ...rows.map((r) => line([r.target, r.measured, r.reference, formatRatio(r.ratio), r.goal, r.met])),
  ].join('\n');
}
