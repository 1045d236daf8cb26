/**
 * Benchmark comparison (DOMAIN.md "Benchmark comparison"): the data's annual partner retention, overall
 * and per sector, placed against industry bands. The bands are a relation (an editable cell of the
 * notebook), never constants here, so a user can put their own figures in.
 */
import { readNumber, readRelation, readString, relationParam } from './core-params';
import { ident, lit } from './sql';
import type { AnalysisDef } from './types';

export interface BenchmarkRetentionOptions {
  /** A `cohorts.annual` result: year, level, sector, partners_prev_year, retention (fraction). */
  annual?: string;
  /** Columns sector, low_pct, high_pct: the band of annual retention in per cent, per industry. */
  bands?: string;
  /** The year to compare; null: the latest year in `annual`. */
  year?: number | null;
  /** The band the overall rate is compared against (your own industry); null: none. */
  industry?: string | null;
}

/**
 * One row for the overall rate, then one per sector: year, level, sector, partners_prev_year,
 * retention_pct, band, band_low_pct, band_high_pct, position ('below' | 'within' | 'above'; NULL when no
 * band matches), points_vs_band (percentage points below the low end (negative) or above the high end
 * (positive), 0 within). Sectors match bands by name, ignoring case and surrounding spaces.
 */
export function benchmarkRetentionSql(opts: BenchmarkRetentionOptions = {}): string {
  const annual = ident(opts.annual ?? 'annual_retention');
  const bands = ident(opts.bands ?? 'benchmark_bands');
  const year = opts.year == null ? 'NULL' : lit(Math.trunc(opts.year));
  return `WITH
chosen AS (SELECT coalesce(${year}, max(year)) AS year FROM ${annual}),
band AS (
  SELECT lower(trim(CAST(sector AS VARCHAR))) AS band_key, sector AS band, low_pct, high_pct FROM ${bands}
),
rates AS (
  SELECT a.year, a.level, a.sector, a.partners_prev_year, 100 * a.retention AS retention_pct,
    lower(trim(CASE WHEN a.level = 'overall' THEN ${lit(opts.industry ?? null)} ELSE CAST(a.sector AS VARCHAR) END)) AS band_key
  FROM ${annual} AS a JOIN chosen ON a.year = chosen.year
)
SELECT r.year, r.level, r.sector, r.partners_prev_year, r.retention_pct,
  b.band, b.low_pct AS band_low_pct, b.high_pct AS band_high_pct,
  CASE WHEN b.band IS NULL THEN NULL
       WHEN r.retention_pct < b.low_pct THEN 'below'
       WHEN r.retention_pct > b.high_pct THEN 'above'
       ELSE 'within' END AS position,
  CASE WHEN b.band IS NULL THEN NULL
       WHEN r.retention_pct < b.low_pct THEN r.retention_pct - b.low_pct
       WHEN r.retention_pct > b.high_pct THEN r.retention_pct - b.high_pct
       ELSE 0 END AS points_vs_band
FROM rates AS r
LEFT JOIN band AS b ON b.band_key = r.band_key
ORDER BY r.level, r.sector NULLS LAST`;
}

export const benchmarkDefinitions: AnalysisDef[] = [
  {
    id: 'benchmark.retention',
    title: 'Retention against industry benchmarks',
    description:
      'Is our annual partner retention below, within or above the usual range for the industry, overall and per sector, and by how many points?',
    params: [
      relationParam('annual', 'Annual retention', 'The result of a cohorts.annual cell.', 'annual_retention'),
      relationParam('bands', 'Benchmark bands', 'A table of sector, low_pct, high_pct (annual retention in %).', 'benchmark_bands'),
      { name: 'year', kind: 'integer', label: 'Year', doc: 'The year to compare. Empty: the latest complete year.', default: null },
      {
        name: 'industry',
        kind: 'string',
        label: 'Our industry',
        doc: 'The band your overall retention is compared with (a sector of the bands table).',
        default: null,
      },
    ],
    sql: (p) =>
      benchmarkRetentionSql({
        annual: readRelation(p, 'annual', 'annual_retention'),
        bands: readRelation(p, 'bands', 'benchmark_bands'),
        year: readNumber(p, 'year', null),
        industry: readString(p, 'industry', null),
      }),
  },
];
