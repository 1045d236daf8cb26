/**
 * Long tail / Pareto (DOMAIN.md "Long tail / Pareto"): how concentrated partner revenue is, who the
 * tail is, and who in it deserves a second look.
 *
 * The tail, everywhere in this library: partners outside the top 20 % by won revenue, i.e. all but the
 * ⌈20 % × n⌉ biggest of the n partners (partners listed in `partners` or with a won deal, those without
 * revenue included), a partner with no revenue never counting as "top". Ties at the cut are broken by
 * partner_id so the top group has exactly that size.
 *
 * - `pareto.curve`: one row per partner, biggest first, with cumulative shares (the concentration curve).
 * - `pareto.summary`: one row: top-20 % share, tail share, Gini coefficient.
 * - `pareto.tiers`: metal tier × data-driven segment (e.g. RFM), partners in each cell.
 * - `pareto.steady`: per partner, the variation of its yearly revenue, and who sells steadily every year.
 */
import { AS_OF_PARAM, DEALS_PARAM, PARTNERS_PARAM, readDate, readNumber, readRelation, relationParam, windowDaysParam } from './core-params';
import { asOfExpr, windowStartExpr, wonPartnerDeal } from './core-sql';
import { ident, lit } from './sql';
import type { AnalysisDef, ParamSpec } from './types';

/** Default size of the head, in per cent of partners: the 20 of "80/20". */
export const TOP_PCT = 20;

/**
 * ⌈pct % × n⌉ computed in DECIMAL, where it is exact: in binary floating point 20 % × 15 is
 * 3.0000000000000004, whose ceiling would make the head one partner too big.
 */
export function topCountExpr(pct: number, n: string): string {
  if (!(pct >= 0 && pct <= 100)) throw new Error(`A share of partners must be between 0 and 100 %, not ${pct}.`);
  return `CAST(ceil(CAST(${lit(pct)} AS DECIMAL(18,6)) * ${n} * 0.01) AS BIGINT)`;
}

/**
 * A SELECT ranking the partners of `universe` (a query of partner_id) by their revenue in a CTE `won`
 * (partner_id, amount) that the caller defines: partner_id, revenue (0 without deals), revenue_rank
 * (1 = biggest), partners (n), top_count, in_top, in_tail.
 */
export function revenueRankSql(universe: string, topPct: number): string {
  return `SELECT u.partner_id, coalesce(rv.revenue, 0) AS revenue,
    row_number() OVER (ORDER BY coalesce(rv.revenue, 0) DESC, u.partner_id) AS revenue_rank,
    count(*) OVER () AS partners,
    ${topCountExpr(topPct, 'count(*) OVER ()')} AS top_count
  FROM (${universe}) AS u
  LEFT JOIN (SELECT partner_id, sum(amount) AS revenue FROM won GROUP BY partner_id) AS rv ON rv.partner_id = u.partner_id`;
}

/** Partners listed in `partners` and partners with a won deal in the CTE `won`. */
export function partnerUniverseSql(partners: string): string {
  return `SELECT partner_id FROM ${ident(partners)} WHERE partner_id IS NOT NULL UNION SELECT partner_id FROM won`;
}

/** in_top / in_tail flags over a `revenueRankSql` row aliased `r`. */
const IN_TOP = 'r.revenue_rank <= r.top_count AND r.revenue > 0';

export interface ParetoOptions {
  deals?: string;
  partners?: string;
  asOf?: string | null;
  /** Days before the as-of date; null or ≤ 0: all history. */
  windowDays?: number | null;
  /** Size of the head in per cent of partners (default 20). */
  topPct?: number;
}

function paretoCtes(o: ParetoOptions): string {
  const deals = o.deals ?? 'deals';
  return `params AS (SELECT ${asOfExpr(deals, o.asOf)} AS as_of),
bounds AS (SELECT as_of, ${windowStartExpr('as_of', o.windowDays)} AS window_start FROM params),
won AS (
  SELECT d.partner_id, d.amount
  FROM ${ident(deals)} AS d, bounds AS b
  WHERE ${wonPartnerDeal('d')} AND CAST(d.closed_at AS DATE) < b.as_of
    AND (b.window_start IS NULL OR CAST(d.closed_at AS DATE) >= b.window_start)
),
ranked AS (${revenueRankSql(partnerUniverseSql(o.partners ?? 'partners'), o.topPct ?? TOP_PCT)})`;
}

/**
 * One row per partner, biggest revenue first: rank, partner_id, name, tier, revenue, revenue_share,
 * partner_share_cum (rank ÷ n), revenue_share_cum (share of all revenue made by the partners up to this
 * one), in_tail. Plotting revenue_share_cum against partner_share_cum gives the concentration curve;
 * the Lorenz curve is the same curve read from the other end (the bottom p of partners hold
 * 1 − revenue_share_cum at 1 − p). Shares are NULL when there is no revenue at all.
 */
export function paretoCurveSql(o: ParetoOptions = {}): string {
  const partners = ident(o.partners ?? 'partners');
  return `WITH
${paretoCtes(o)}
SELECT r.revenue_rank AS rank, r.partner_id, p.name, p.tier, r.revenue,
  r.revenue / nullif(sum(r.revenue) OVER (), 0) AS revenue_share,
  r.revenue_rank / r.partners AS partner_share_cum,
  sum(r.revenue) OVER (ORDER BY r.revenue_rank) / nullif(sum(r.revenue) OVER (), 0) AS revenue_share_cum,
  NOT (${IN_TOP}) AS in_tail
FROM ranked AS r
LEFT JOIN ${partners} AS p ON p.partner_id = r.partner_id
ORDER BY r.revenue_rank`;
}

/**
 * One row: as_of, window_start, partners, partners_with_revenue, revenue, top_pct, top_partners,
 * top_revenue, top_revenue_share, tail_partners, tail_revenue, tail_revenue_share, gini.
 *
 * Gini coefficient over all n partners (zeros included), from revenues sorted ascending y₁ ≤ … ≤ yₙ:
 * G = 2 Σ i·yᵢ / (n Σ yᵢ) − (n + 1)/n. 0: everyone sells the same; (n − 1)/n: one partner sells all.
 */
export function paretoSummarySql(o: ParetoOptions = {}): string {
  const topPct = o.topPct ?? TOP_PCT;
  return `WITH
${paretoCtes(o)}
SELECT any_value(b.as_of) AS as_of, any_value(b.window_start) AS window_start,
  count(*) AS partners,
  count(*) FILTER (WHERE r.revenue > 0) AS partners_with_revenue,
  sum(r.revenue) AS revenue,
  ${lit(topPct)} AS top_pct,
  count(*) FILTER (WHERE ${IN_TOP}) AS top_partners,
  coalesce(sum(r.revenue) FILTER (WHERE ${IN_TOP}), 0) AS top_revenue,
  coalesce(sum(r.revenue) FILTER (WHERE ${IN_TOP}), 0) / nullif(sum(r.revenue), 0) AS top_revenue_share,
  count(*) FILTER (WHERE NOT (${IN_TOP})) AS tail_partners,
  coalesce(sum(r.revenue) FILTER (WHERE NOT (${IN_TOP})), 0) AS tail_revenue,
  coalesce(sum(r.revenue) FILTER (WHERE NOT (${IN_TOP})), 0) / nullif(sum(r.revenue), 0) AS tail_revenue_share,
  2 * sum((r.partners + 1 - r.revenue_rank) * CAST(r.revenue AS DOUBLE)) / (count(*) * nullif(sum(CAST(r.revenue AS DOUBLE)), 0))
    - (count(*) + 1) / count(*) AS gini
FROM ranked AS r CROSS JOIN bounds AS b`;
}

export interface TierOptions {
  partners?: string;
  /** Any relation with partner_id, segment (e.g. an rfm.scores result). */
  segments?: string;
}

/** Tiers in their usual order, unknown ones after, alphabetically, and partners without tier last. */
function tierOrder(col: string): string {
  return `CASE lower(${col}) WHEN 'gold' THEN 1 WHEN 'silver' THEN 2 WHEN 'bronze' THEN 3 WHEN '(no tier)' THEN 5 ELSE 4 END, ${col}`;
}

/**
 * One row per (tier, segment) holding partners: tier ('(no tier)' when empty), segment ('(no segment)'
 * for partners the segment relation does not list), partners, share_of_tier. A partner listed several
 * times in the segment relation takes its first segment alphabetically.
 */
export function paretoTiersSql(o: TierOptions = {}): string {
  const partners = ident(o.partners ?? 'partners');
  const segments = ident(o.segments ?? 'rfm_scores');
  return `WITH
seg AS (SELECT partner_id, min(CAST(segment AS VARCHAR)) AS segment FROM ${segments} GROUP BY partner_id),
base AS (
  SELECT p.partner_id,
    coalesce(nullif(trim(CAST(p.tier AS VARCHAR)), ''), '(no tier)') AS tier,
    coalesce(s.segment, '(no segment)') AS segment
  FROM ${partners} AS p LEFT JOIN seg AS s ON s.partner_id = p.partner_id
  WHERE p.partner_id IS NOT NULL
)
SELECT tier, segment, count(*) AS partners,
  count(*) / sum(count(*)) OVER (PARTITION BY tier) AS share_of_tier
FROM base
GROUP BY tier, segment
ORDER BY ${tierOrder('tier')}, partners DESC, segment`;
}

export interface SteadyOptions {
  deals?: string;
  partners?: string;
  asOf?: string | null;
  /** Complete calendar years looked at, ending with the last one before the as-of date (default 3). */
  years?: number;
  /** Highest coefficient of variation of yearly revenue that still counts as steady (default 0.5). */
  maxCv?: number;
  topPct?: number;
}

/**
 * Steady sellers. Years: the `years` complete calendar years before the as-of date (with as-of
 * 2026-01-01 and 3 years: 2023–2025). Each partner is judged on the years from its first won deal ever
 * (or the first year of the window, if later) to the last: `years_observed` of them. Per partner with a
 * won deal in those years: partner_id, name, tier, first_year, last_year, years_observed,
 * years_with_deals, revenue, mean_yearly_revenue, min_yearly_revenue, cv (population standard deviation
 * of yearly revenue ÷ its mean, zero years included), in_tail (by revenue over these years),
 * every_year (a won deal in every observed year, at least two years observed: seed 000's loyal partner,
 * however much each deal was worth) and steady (every_year and cv ≤ max_cv).
 * Steady partners first, then the other every-year ones, tail before head, then by cv.
 */
export function paretoSteadySql(o: SteadyOptions = {}): string {
  const deals = o.deals ?? 'deals';
  const years = Math.trunc(o.years ?? 3);
  if (years < 1) throw new Error('years must be at least 1.');
  return `WITH
params AS (SELECT ${asOfExpr(deals, o.asOf)} AS as_of),
span AS (SELECT year(as_of) - 1 AS last_year, year(as_of) - ${lit(years)} AS first_year FROM params),
all_won AS (
  SELECT d.partner_id, year(CAST(d.closed_at AS DATE)) AS yr, d.amount
  FROM ${ident(deals)} AS d, params
  WHERE ${wonPartnerDeal('d')} AND CAST(d.closed_at AS DATE) < params.as_of
),
won AS (SELECT w.partner_id, w.yr, w.amount FROM all_won AS w, span WHERE w.yr BETWEEN span.first_year AND span.last_year),
starts AS (SELECT partner_id, greatest(min(yr), any_value(span.first_year)) AS from_year FROM all_won, span GROUP BY partner_id),
active AS (SELECT DISTINCT partner_id FROM won),
grid AS (
  SELECT s.partner_id, unnest(range(s.from_year, span.last_year + 1)) AS yr
  FROM starts AS s JOIN active AS a ON a.partner_id = s.partner_id CROSS JOIN span
),
yearly AS (
  SELECT g.partner_id, g.yr, coalesce(sum(w.amount), 0) AS revenue
  FROM grid AS g LEFT JOIN won AS w ON w.partner_id = g.partner_id AND w.yr = g.yr
  GROUP BY g.partner_id, g.yr
),
stats AS (
  SELECT partner_id, count(*) AS years_observed, count(*) FILTER (WHERE revenue > 0) AS years_with_deals,
    sum(revenue) AS revenue, avg(revenue) AS mean_yearly_revenue, min(revenue) AS min_yearly_revenue,
    stddev_pop(revenue) / nullif(avg(revenue), 0) AS cv
  FROM yearly GROUP BY partner_id
),
ranked AS (${revenueRankSql(partnerUniverseSql(o.partners ?? 'partners'), o.topPct ?? TOP_PCT)})
SELECT s.partner_id, p.name, p.tier, span.first_year, span.last_year, s.years_observed, s.years_with_deals,
  s.revenue, s.mean_yearly_revenue, s.min_yearly_revenue, s.cv,
  NOT (${IN_TOP}) AS in_tail,
  s.years_with_deals = s.years_observed AND s.years_observed >= 2 AS every_year,
  s.years_with_deals = s.years_observed AND s.years_observed >= 2 AND s.cv <= ${lit(o.maxCv ?? 0.5)} AS steady
FROM stats AS s
CROSS JOIN span
JOIN ranked AS r ON r.partner_id = s.partner_id
LEFT JOIN ${ident(o.partners ?? 'partners')} AS p ON p.partner_id = s.partner_id
ORDER BY steady DESC, every_year DESC, in_tail DESC, s.cv, s.partner_id`;
}

export const TOP_PCT_PARAM: ParamSpec = {
  name: 'top_pct',
  kind: 'number',
  label: 'Head (% of partners)',
  doc: 'The biggest partners by revenue that are not the tail, in per cent of all partners (20 for the 80/20 rule).',
  default: TOP_PCT,
};

const SEGMENTS_PARAM = relationParam(
  'segments',
  'Segments',
  'Any table or cell with partner_id and segment, for example an rfm.scores cell.',
  'rfm_scores',
);

export const paretoDefinitions: AnalysisDef[] = [
  {
    id: 'pareto.curve',
    title: 'Revenue concentration curve',
    description: 'Partners from biggest to smallest, with the share of all revenue made by the biggest ones so far: is it really 80/20?',
    params: [DEALS_PARAM, PARTNERS_PARAM, AS_OF_PARAM, windowDaysParam(null), TOP_PCT_PARAM],
    sql: (p) =>
      paretoCurveSql({
        deals: readRelation(p, 'deals', 'deals'),
        partners: readRelation(p, 'partners', 'partners'),
        asOf: readDate(p, 'as_of'),
        windowDays: readNumber(p, 'window_days', null),
        topPct: readNumber(p, 'top_pct', TOP_PCT) ?? TOP_PCT,
      }),
  },
  {
    id: 'pareto.summary',
    title: 'Long tail in one line',
    description: 'How much revenue the top 20 % of partners bring, how much the tail brings, and the Gini coefficient of concentration.',
    params: [DEALS_PARAM, PARTNERS_PARAM, AS_OF_PARAM, windowDaysParam(null), TOP_PCT_PARAM],
    sql: (p) =>
      paretoSummarySql({
        deals: readRelation(p, 'deals', 'deals'),
        partners: readRelation(p, 'partners', 'partners'),
        asOf: readDate(p, 'as_of'),
        windowDays: readNumber(p, 'window_days', null),
        topPct: readNumber(p, 'top_pct', TOP_PCT) ?? TOP_PCT,
      }),
  },
  {
    id: 'pareto.tiers',
    title: 'Metal tiers against data-driven segments',
    description: 'How partners of each tier (Gold, Silver, Bronze) spread over segments: how many low-tier partners already behave like champions?',
    params: [PARTNERS_PARAM, SEGMENTS_PARAM],
    sql: (p) => paretoTiersSql({ partners: readRelation(p, 'partners', 'partners'), segments: readRelation(p, 'segments', 'rfm_scores') }),
  },
  {
    id: 'pareto.steady',
    title: 'Steady sellers',
    description: 'Which partners sell every year with little variation, especially small ones the 80/20 view overlooks?',
    params: [
      DEALS_PARAM,
      PARTNERS_PARAM,
      AS_OF_PARAM,
      { name: 'years', kind: 'integer', label: 'Years', doc: 'Complete calendar years to look at, ending with the last one before the as-of date.', default: 3 },
      {
        name: 'max_cv',
        kind: 'number',
        label: 'Most variation',
        doc: 'Highest variation of yearly revenue (standard deviation ÷ mean) still called steady: 0.5 allows a typical year ± 50 %.',
        default: 0.5,
      },
      TOP_PCT_PARAM,
    ],
    sql: (p) =>
      paretoSteadySql({
        deals: readRelation(p, 'deals', 'deals'),
        partners: readRelation(p, 'partners', 'partners'),
        asOf: readDate(p, 'as_of'),
        years: readNumber(p, 'years', 3) ?? 3,
        maxCv: readNumber(p, 'max_cv', 0.5) ?? 0.5,
        topPct: readNumber(p, 'top_pct', TOP_PCT) ?? TOP_PCT,
      }),
  },
];
