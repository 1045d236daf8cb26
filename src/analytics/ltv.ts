/**
 * Partner lifetime value (DOMAIN.md "Partner lifetime value"):
 * LTV = (average monthly revenue × gross margin) ÷ monthly churn rate, with the monthly churn derived
 * from the annual partner retention of the retention analysis: 1 − (annual retention)^(1/12).
 * It is the margin a partner brings per month, times the months it is expected to stay (1 ÷ churn).
 *
 * - `ltv.partners`: one row per partner.
 * - `ltv.segments`: an `ltv.partners` result summed per segment.
 */
import { AS_OF_PARAM, DEALS_PARAM, PARTNERS_PARAM, readDate, readEnum, readNumber, readRelation, relationParam } from './core-params';
import { asOfExpr, windowStartExpr, wonPartnerDeal } from './core-sql';
import { ident, lit } from './sql';
import type { AnalysisDef } from './types';

export const MARGIN_KINDS = ['fraction', 'amount'] as const;
export type MarginKind = (typeof MARGIN_KINDS)[number];

export interface LtvOptions {
  deals?: string;
  partners?: string;
  /** A `cohorts.annual` result: year, level ('overall' | 'sector'), sector, retention (a fraction). */
  retention?: string;
  /** The year of retention used; null: the latest year in `retention`. */
  year?: number | null;
  /** Use each partner's sector retention where there is one (else the overall rate). */
  bySector?: boolean;
  asOf?: string | null;
  /** Days of revenue averaged, ending the day before the as-of date (default 365); null or ≤ 0: all history. */
  windowDays?: number | null;
  /** deals.gross_margin holds a fraction of the amount (default) or an amount of money. */
  grossMargin?: MarginKind;
}

/**
 * One row per partner (listed in `partners` or with a won deal), highest LTV first: partner_id, name,
 * sector, tier, revenue and gross_margin (won deals in the window), margin_rate (gross_margin ÷
 * revenue), months (length of the window in months: days × 12 / 365.25; with all history, from the first
 * won deal in the data), avg_monthly_revenue, avg_monthly_margin, retention_year, retention_basis
 * ('overall' | 'sector'), annual_retention, monthly_churn, ltv.
 *
 * ltv is NULL when no retention rate applies, or when retention is 100 % (no churn: the formula has no
 * finite value). A deal without gross margin adds its revenue but no margin.
 */
export function ltvPartnersSql(o: LtvOptions = {}): string {
  const deals = o.deals ?? 'deals';
  const partners = ident(o.partners ?? 'partners');
  const retention = ident(o.retention ?? 'annual_retention');
  const margin = (o.grossMargin ?? 'fraction') === 'fraction' ? 'd.amount * d.gross_margin' : 'd.gross_margin';
  const year = o.year == null ? 'NULL' : lit(Math.trunc(o.year));
  const windowDays = o.windowDays === undefined ? 365 : o.windowDays;
  return `WITH
params AS (SELECT ${asOfExpr(deals, o.asOf)} AS as_of),
all_won AS (
  SELECT d.partner_id, CAST(d.closed_at AS DATE) AS closed_on, d.amount, ${margin} AS margin
  FROM ${ident(deals)} AS d, params
  WHERE ${wonPartnerDeal('d')} AND CAST(d.closed_at AS DATE) < params.as_of
),
bounds AS (
  SELECT as_of, coalesce(${windowStartExpr('as_of', windowDays)}, (SELECT min(closed_on) FROM all_won)) AS window_start
  FROM params
),
won AS (SELECT w.* FROM all_won AS w, bounds AS b WHERE w.closed_on >= b.window_start),
chosen AS (SELECT coalesce(${year}, (SELECT max(year) FROM ${retention})) AS year),
overall AS (
  SELECT any_value(r.retention) AS retention FROM ${retention} AS r, chosen WHERE r.year = chosen.year AND r.level = 'overall'
),
by_sector AS (
  SELECT r.sector, any_value(r.retention) AS retention FROM ${retention} AS r, chosen
  WHERE r.year = chosen.year AND r.level = 'sector' AND r.sector IS NOT NULL GROUP BY r.sector
),
universe AS (SELECT partner_id FROM ${partners} WHERE partner_id IS NOT NULL UNION SELECT partner_id FROM won),
per AS (
  SELECT u.partner_id, coalesce(sum(w.amount), 0) AS revenue, coalesce(sum(w.margin), 0) AS gross_margin
  FROM universe AS u LEFT JOIN won AS w ON w.partner_id = u.partner_id GROUP BY u.partner_id
),
rated AS (
  SELECT per.*, p.name, p.sector, p.tier,
    date_diff('day', b.window_start, b.as_of) * 12 / 365.25 AS months,
    CASE WHEN ${lit(o.bySector ?? false)} AND s.retention IS NOT NULL THEN 'sector' ELSE 'overall' END AS retention_basis,
    CASE WHEN ${lit(o.bySector ?? false)} AND s.retention IS NOT NULL THEN s.retention ELSE o.retention END AS annual_retention
  FROM per
  CROSS JOIN bounds AS b
  CROSS JOIN overall AS o
  LEFT JOIN ${partners} AS p ON p.partner_id = per.partner_id
  LEFT JOIN by_sector AS s ON s.sector = p.sector
),
rates AS (
  SELECT *, revenue / months AS avg_monthly_revenue, gross_margin / months AS avg_monthly_margin,
    1 - pow(annual_retention, 1 / 12) AS monthly_churn
  FROM rated
)
SELECT r.partner_id, r.name, r.sector, r.tier, r.revenue, r.gross_margin, r.gross_margin / nullif(r.revenue, 0) AS margin_rate,
  r.months, r.avg_monthly_revenue, r.avg_monthly_margin,
  c.year AS retention_year, r.retention_basis, r.annual_retention, r.monthly_churn,
  r.avg_monthly_margin / nullif(r.monthly_churn, 0) AS ltv
FROM rates AS r CROSS JOIN chosen AS c
ORDER BY ltv DESC NULLS LAST, r.partner_id`;
}

export interface LtvSegmentOptions {
  /** An `ltv.partners` result. */
  ltv?: string;
  /** Any relation with partner_id, segment. */
  segments?: string;
}

/**
 * One row per segment, most total LTV first: segment ('(no segment)' for partners the segment relation
 * does not list), partners, partners_with_ltv, total_ltv, mean_ltv, median_ltv, share_of_ltv,
 * avg_monthly_revenue (sum over the segment's partners).
 */
export function ltvSegmentsSql(o: LtvSegmentOptions = {}): string {
  const ltv = ident(o.ltv ?? 'ltv_partners');
  const segments = ident(o.segments ?? 'rfm_scores');
  return `WITH
seg AS (SELECT partner_id, min(CAST(segment AS VARCHAR)) AS segment FROM ${segments} GROUP BY partner_id),
joined AS (SELECT l.*, coalesce(s.segment, '(no segment)') AS seg FROM ${ltv} AS l LEFT JOIN seg AS s ON s.partner_id = l.partner_id)
SELECT seg AS segment, count(*) AS partners, count(ltv) AS partners_with_ltv,
  sum(ltv) AS total_ltv, avg(ltv) AS mean_ltv, median(ltv) AS median_ltv,
  sum(ltv) / sum(sum(ltv)) OVER () AS share_of_ltv,
  sum(avg_monthly_revenue) AS avg_monthly_revenue
FROM joined
GROUP BY seg
ORDER BY total_ltv DESC NULLS LAST, segment`;
}

export const ltvDefinitions: AnalysisDef[] = [
  {
    id: 'ltv.partners',
    title: 'Partner lifetime value',
    description:
      'What each partner is worth over its expected time with us: the margin it brings per month, divided by the monthly churn implied by annual partner retention.',
    params: [
      DEALS_PARAM,
      PARTNERS_PARAM,
      relationParam('retention', 'Annual retention', 'The result of a cohorts.annual cell (year, level, sector, retention).', 'annual_retention'),
      { name: 'year', kind: 'integer', label: 'Retention year', doc: 'The year whose retention sets the churn. Empty: the latest.', default: null },
      {
        name: 'by_sector',
        kind: 'boolean',
        label: 'Churn per sector',
        doc: "Use each partner's sector retention where known, instead of the overall rate.",
        default: false,
      },
      AS_OF_PARAM,
      {
        name: 'window_days',
        kind: 'integer',
        label: 'Window (days)',
        doc: 'How many days of revenue before the as-of date the monthly average is taken over (365: the last year). 0: all history.',
        default: 365,
      },
      {
        name: 'gross_margin',
        kind: 'enum',
        label: 'Gross margin is',
        doc: 'fraction: deals.gross_margin is a share of the amount (0.3 = 30 %); amount: it is money.',
        options: MARGIN_KINDS,
        default: 'fraction',
      },
    ],
    sql: (p) =>
      ltvPartnersSql({
        deals: readRelation(p, 'deals', 'deals'),
        partners: readRelation(p, 'partners', 'partners'),
        retention: readRelation(p, 'retention', 'annual_retention'),
        year: readNumber(p, 'year', null),
        bySector: p.by_sector === true,
        asOf: readDate(p, 'as_of'),
        windowDays: readNumber(p, 'window_days', 365),
        grossMargin: readEnum(p, 'gross_margin', MARGIN_KINDS, 'fraction'),
      }),
  },
  {
    id: 'ltv.segments',
    title: 'Lifetime value per segment',
    description: 'Where the lifetime value of the partner base sits: total, mean and median LTV per segment.',
    params: [
      relationParam('ltv', 'Partner LTV', 'The result of an ltv.partners cell.', 'ltv_partners'),
      relationParam('segments', 'Segments', 'Any table or cell with partner_id and segment, for example an rfm.scores cell.', 'rfm_scores'),
    ],
    sql: (p) => ltvSegmentsSql({ ltv: readRelation(p, 'ltv', 'ltv_partners'), segments: readRelation(p, 'segments', 'rfm_scores') }),
  },
];
