/**
 * Cohort retention (DOMAIN.md "Cohort retention"): partners grouped by the period they started in,
 * followed period by period; and the annual partner retention rate, overall and per sector.
 *
 * - `cohorts.retention`: one row per (cohort, period k), a full rectangle whose cells that cannot be
 *   observed yet are NULL.
 * - `cohorts.annual`: one row per year and level (all partners, then each sector).
 */
import { AS_OF_PARAM, DEALS_PARAM, PARTNERS_PARAM, readDate, readEnum, readRelation } from './core-params';
import { asOfExpr, wonPartnerDeal } from './core-sql';
import { ident, lit } from './sql';
import type { AnalysisDef } from './types';

export const COHORT_GRAINS = ['month', 'quarter', 'year'] as const;
export type CohortGrain = (typeof COHORT_GRAINS)[number];
export const COHORT_BASES = ['first_deal', 'onboarding'] as const;
export type CohortBasis = (typeof COHORT_BASES)[number];

const MONTHS: Record<CohortGrain, number> = { month: 1, quarter: 3, year: 12 };
const LABEL: Record<CohortGrain, (d: string) => string> = {
  month: (d) => `strftime(${d}, '%Y-%m')`,
  quarter: (d) => `CAST(year(${d}) AS VARCHAR) || '-Q' || CAST(quarter(${d}) AS VARCHAR)`,
  year: (d) => `CAST(year(${d}) AS VARCHAR)`,
};

export interface CohortOptions {
  deals?: string;
  partners?: string;
  asOf?: string | null;
  grain?: CohortGrain;
  /** `first_deal`: cohort of a partner's first won deal; `onboarding`: of its `onboarded_at`. */
  basis?: CohortBasis;
}

/**
 * One row per cohort × period k = 0 … (periods from the first cohort to the one holding the day before
 * the as-of date):
 * cohort (first day), cohort_label, cohort_size, period, period_start, observed,
 * active_partners / partner_retention (won a deal in period k),
 * unbounded_partners / unbounded_retention (won a deal in period k or any later one, up to the as-of date),
 * revenue / revenue_retention (÷ the cohort's revenue in period 0; NULL when that is 0).
 *
 * A cell is observed when its period has ended before the as-of date: a period still running would show
 * a drop that is only missing time. Unobserved cells are NULL, never 0. Deals before a partner's cohort
 * (possible with `onboarding`) are ignored; partners with no start before the as-of date are not counted.
 */
export function cohortRetentionSql(opts: CohortOptions = {}): string {
  const grain = opts.grain ?? 'month';
  const basis = opts.basis ?? 'first_deal';
  const g = lit(grain);
  const step = MONTHS[grain];
  const deals = ident(opts.deals ?? 'deals');
  const partners = ident(opts.partners ?? 'partners');
  const starts =
    basis === 'first_deal'
      ? `SELECT partner_id, min(closed_at) AS start_on FROM won GROUP BY partner_id`
      : `SELECT p.partner_id, CAST(p.onboarded_at AS DATE) AS start_on FROM ${partners} AS p, params
         WHERE p.partner_id IS NOT NULL AND p.onboarded_at IS NOT NULL AND CAST(p.onboarded_at AS DATE) < params.as_of`;
  return `WITH
params AS (SELECT ${asOfExpr(opts.deals ?? 'deals', opts.asOf)} AS as_of),
won AS (
  SELECT d.partner_id, CAST(d.closed_at AS DATE) AS closed_at, d.amount
  FROM ${deals} AS d, params
  WHERE ${wonPartnerDeal('d')} AND CAST(d.closed_at AS DATE) < params.as_of
),
starts AS (${starts}),
members AS (SELECT partner_id, CAST(date_trunc(${g}, start_on) AS DATE) AS cohort FROM starts),
activity AS (
  SELECT m.partner_id, m.cohort,
    date_diff(${g}, m.cohort, CAST(date_trunc(${g}, w.closed_at) AS DATE)) AS period,
    sum(w.amount) AS revenue
  FROM members AS m JOIN won AS w ON w.partner_id = m.partner_id AND w.closed_at >= m.cohort
  GROUP BY m.partner_id, m.cohort, period
),
last_seen AS (SELECT partner_id, max(period) AS last_period FROM activity GROUP BY partner_id),
sizes AS (SELECT cohort, count(*) AS cohort_size FROM members GROUP BY cohort),
horizon AS (
  SELECT date_diff(${g}, min(m.cohort), CAST(date_trunc(${g}, any_value(params.as_of) - 1) AS DATE)) AS last_period
  FROM members AS m, params
),
grid AS (
  SELECT s.cohort, s.cohort_size, k.period,
    CAST(s.cohort + to_months(${step} * k.period) AS DATE) AS period_start,
    CAST(s.cohort + to_months(${step} * (k.period + 1)) AS DATE) <= params.as_of AS observed
  FROM sizes AS s, params, (SELECT unnest(range(0, last_period + 1)) AS period FROM horizon) AS k
),
cells AS (
  SELECT cohort, period, count(*) AS active_partners, sum(revenue) AS revenue
  FROM activity GROUP BY cohort, period
),
unbounded AS (
  SELECT g.cohort, g.period, count(l.partner_id) AS unbounded_partners
  FROM grid AS g
  JOIN members AS m ON m.cohort = g.cohort
  LEFT JOIN last_seen AS l ON l.partner_id = m.partner_id AND l.last_period >= g.period
  GROUP BY g.cohort, g.period
),
base AS (SELECT cohort, revenue AS revenue0 FROM cells WHERE period = 0)
SELECT g.cohort, ${LABEL[grain]('g.cohort')} AS cohort_label, g.cohort_size, g.period, g.period_start, g.observed,
  CASE WHEN g.observed THEN coalesce(c.active_partners, 0) END AS active_partners,
  CASE WHEN g.observed THEN coalesce(c.active_partners, 0) / g.cohort_size END AS partner_retention,
  CASE WHEN g.observed THEN u.unbounded_partners END AS unbounded_partners,
  CASE WHEN g.observed THEN u.unbounded_partners / g.cohort_size END AS unbounded_retention,
  CASE WHEN g.observed THEN coalesce(c.revenue, 0) END AS revenue,
  CASE WHEN g.observed THEN coalesce(c.revenue, 0) / nullif(b.revenue0, 0) END AS revenue_retention
FROM grid AS g
JOIN unbounded AS u ON u.cohort = g.cohort AND u.period = g.period
LEFT JOIN cells AS c ON c.cohort = g.cohort AND c.period = g.period
LEFT JOIN base AS b ON b.cohort = g.cohort
ORDER BY g.cohort, g.period`;
}

export interface AnnualRetentionOptions {
  deals?: string;
  partners?: string;
  asOf?: string | null;
}

/**
 * Annual partner retention for year Y = partners with a won deal in both Y−1 and Y ÷ partners with a won
 * deal in Y−1. Only years that ended before the as-of date are reported. Rows: year, level ('overall',
 * then 'sector' with `sector` set; NULL sector = partners without one), partners_prev_year, retained,
 * retention (a fraction).
 */
export function annualRetentionSql(opts: AnnualRetentionOptions = {}): string {
  const deals = ident(opts.deals ?? 'deals');
  const partners = ident(opts.partners ?? 'partners');
  return `WITH
params AS (SELECT ${asOfExpr(opts.deals ?? 'deals', opts.asOf)} AS as_of),
active AS (
  SELECT DISTINCT d.partner_id, year(CAST(d.closed_at AS DATE)) AS yr
  FROM ${deals} AS d, params
  WHERE ${wonPartnerDeal('d')} AND CAST(d.closed_at AS DATE) < params.as_of
),
pairs AS (
  SELECT prev.yr + 1 AS year, p.sector, cur.partner_id IS NOT NULL AS retained
  FROM active AS prev
  CROSS JOIN params
  LEFT JOIN active AS cur ON cur.partner_id = prev.partner_id AND cur.yr = prev.yr + 1
  LEFT JOIN ${partners} AS p ON p.partner_id = prev.partner_id
  WHERE make_date(CAST(prev.yr + 2 AS BIGINT), 1, 1) <= params.as_of
)
SELECT year,
  CASE WHEN grouping(sector) = 1 THEN 'overall' ELSE 'sector' END AS level,
  sector,
  count(*) AS partners_prev_year,
  count(*) FILTER (WHERE retained) AS retained,
  count(*) FILTER (WHERE retained) / count(*) AS retention
FROM pairs
GROUP BY GROUPING SETS ((year), (year, sector))
ORDER BY year, level, sector NULLS LAST`;
}

export const cohortDefinitions: AnalysisDef[] = [
  {
    id: 'cohorts.retention',
    title: 'Cohort retention',
    description:
      'Of the partners who started in a given month (quarter, year), how many still sell k periods later, ' +
      'counting a partner as kept until its last deal (unbounded), and how much of their first-period revenue they still bring.',
    params: [
      DEALS_PARAM,
      PARTNERS_PARAM,
      AS_OF_PARAM,
      { name: 'grain', kind: 'enum', label: 'Cohort period', doc: 'Group partners by month, quarter or year.', options: COHORT_GRAINS, default: 'month' },
      {
        name: 'basis',
        kind: 'enum',
        label: 'Cohort by',
        doc: 'first_deal: when the partner first won a deal; onboarding: when it joined the programme.',
        options: COHORT_BASES,
        default: 'first_deal',
      },
    ],
    sql: (p) =>
      cohortRetentionSql({
        deals: readRelation(p, 'deals', 'deals'),
        partners: readRelation(p, 'partners', 'partners'),
        asOf: readDate(p, 'as_of'),
        grain: readEnum(p, 'grain', COHORT_GRAINS, 'month'),
        basis: readEnum(p, 'basis', COHORT_BASES, 'first_deal'),
      }),
  },
  {
    id: 'cohorts.annual',
    title: 'Annual partner retention',
    description: 'Each year, the share of last year\'s selling partners who sold again, for all partners and per sector.',
    params: [DEALS_PARAM, PARTNERS_PARAM, AS_OF_PARAM],
    sql: (p) =>
      annualRetentionSql({
        deals: readRelation(p, 'deals', 'deals'),
        partners: readRelation(p, 'partners', 'partners'),
        asOf: readDate(p, 'as_of'),
      }),
  },
];
