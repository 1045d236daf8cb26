/**
 * Peer comparison (DOMAIN.md "Benchmark comparison"): each partner's revenue, growth and customer
 * retention against the quartiles of its peers — partners of the same sector, country or size band.
 */
import { AS_OF_PARAM, DEALS_PARAM, PARTNERS_PARAM, readDate, readEnum, readNumber, readRelation } from './core-params';
import { asOfExpr, peerPercentileExpr, wonPartnerDeal } from './core-sql';
import { ident, lit } from './sql';
import type { AnalysisDef } from './types';

export const PEER_GROUPS = ['sector', 'country', 'size_band'] as const;
export type PeerGroup = (typeof PEER_GROUPS)[number];

/** Size bands by employees, the EU's micro / small / medium / large enterprise thresholds. */
export const SIZE_BANDS = [
  { label: '1-9', below: 10 },
  { label: '10-49', below: 50 },
  { label: '50-249', below: 250 },
  { label: '250+', below: null },
] as const;

function peerValueExpr(group: PeerGroup, p: string): string {
  if (group === 'sector') return `CAST(${p}.sector AS VARCHAR)`;
  if (group === 'country') return `CAST(${p}.country AS VARCHAR)`;
  const whens = SIZE_BANDS.map((b) => (b.below === null ? `ELSE ${lit(b.label)}` : `WHEN ${p}.employees < ${b.below} THEN ${lit(b.label)}`));
  return `CASE WHEN ${p}.employees IS NULL THEN NULL ${whens.join(' ')} END`;
}

export interface PeerOptions {
  deals?: string;
  partners?: string;
  asOf?: string | null;
  /** Length of the current period, and of the previous one it is compared with. Default 365. */
  windowDays?: number;
  peerGroup?: PeerGroup;
}

/**
 * Three rows per partner of `partners` (metric = 'revenue', 'growth', 'customer_retention'), over the
 * current period [as-of − window, as-of) and the previous one of the same length:
 * - revenue: won amount in the current period (0 when none: the tail is compared too);
 * - growth: (revenue − previous revenue) ÷ previous revenue, NULL without previous revenue;
 * - customer_retention: share of the end customers served in the previous period served again in the
 *   current one, NULL without previous customers.
 * Columns: partner_id, name, peer_group, peer_value, metric, value, peers (partners of the group with a
 * value, itself included), peer_p25, peer_median, peer_p75 (interpolated quantiles), vs_median,
 * percentile (share of the other peers it beats, ties counting half, 0–100; NULL alone in its group) and
 * position ('bottom quartile' below p25, 'top quartile' above p75, else 'middle').
 * Partners with no value for the group (e.g. no sector) are peers of each other.
 */
export function peerComparisonSql(opts: PeerOptions = {}): string {
  const deals = ident(opts.deals ?? 'deals');
  const partners = ident(opts.partners ?? 'partners');
  const windowDays = Math.trunc(opts.windowDays ?? 365);
  if (!(windowDays > 0)) throw new Error('The peer comparison needs a window of at least one day.');
  const group = opts.peerGroup ?? 'sector';
  return `WITH
params AS (
  SELECT as_of, as_of - ${windowDays} AS current_start, as_of - ${2 * windowDays} AS previous_start
  FROM (SELECT ${asOfExpr(opts.deals ?? 'deals', opts.asOf)} AS as_of)
),
won AS (
  SELECT d.partner_id, d.amount, d.end_customer, CAST(d.closed_at AS DATE) >= params.current_start AS in_current
  FROM ${deals} AS d, params
  WHERE ${wonPartnerDeal('d')}
    AND CAST(d.closed_at AS DATE) >= params.previous_start AND CAST(d.closed_at AS DATE) < params.as_of
),
per_partner AS (
  SELECT p.partner_id, any_value(p.name) AS name, any_value(${peerValueExpr(group, 'p')}) AS peer_value,
    CAST(coalesce(sum(w.amount) FILTER (WHERE w.in_current), 0) AS DOUBLE) AS revenue,
    CAST(coalesce(sum(w.amount) FILTER (WHERE NOT w.in_current), 0) AS DOUBLE) AS previous_revenue
  FROM ${partners} AS p LEFT JOIN won AS w ON w.partner_id = p.partner_id
  WHERE p.partner_id IS NOT NULL
  GROUP BY p.partner_id
),
customers AS (
  SELECT partner_id, end_customer, bool_or(in_current) AS current, bool_or(NOT in_current) AS previous
  FROM won WHERE end_customer IS NOT NULL
  GROUP BY partner_id, end_customer
),
kept AS (
  SELECT partner_id, count(*) FILTER (WHERE previous) AS previous_customers,
    count(*) FILTER (WHERE previous AND current) AS kept_customers
  FROM customers GROUP BY partner_id
),
metrics AS (
  SELECT partner_id, name, peer_value, 1 AS ord, 'revenue' AS metric, revenue AS value FROM per_partner
  UNION ALL
  SELECT partner_id, name, peer_value, 2, 'growth', (revenue - previous_revenue) / nullif(previous_revenue, 0) FROM per_partner
  UNION ALL
  SELECT pp.partner_id, pp.name, pp.peer_value, 3, 'customer_retention',
    CAST(k.kept_customers AS DOUBLE) / nullif(k.previous_customers, 0)
  FROM per_partner AS pp LEFT JOIN kept AS k ON k.partner_id = pp.partner_id
),
stats AS (
  SELECT metric, peer_value, count(value) AS peers,
    quantile_cont(value, 0.25) AS peer_p25, quantile_cont(value, 0.5) AS peer_median, quantile_cont(value, 0.75) AS peer_p75
  FROM metrics GROUP BY metric, peer_value
),
ranked AS (
  SELECT partner_id, metric, ${peerPercentileExpr('value', 'metric, peer_value')} AS percentile
  FROM metrics WHERE value IS NOT NULL
)
SELECT m.partner_id, m.name, ${lit(group)} AS peer_group, m.peer_value, m.metric, m.value,
  s.peers, s.peer_p25, s.peer_median, s.peer_p75, m.value - s.peer_median AS vs_median, r.percentile,
  CASE WHEN m.value IS NULL THEN NULL
       WHEN m.value < s.peer_p25 THEN 'bottom quartile'
       WHEN m.value > s.peer_p75 THEN 'top quartile'
       ELSE 'middle' END AS position
FROM metrics AS m
JOIN stats AS s ON s.metric = m.metric AND s.peer_value IS NOT DISTINCT FROM m.peer_value
LEFT JOIN ranked AS r ON r.partner_id = m.partner_id AND r.metric = m.metric
ORDER BY m.peer_value NULLS LAST, m.partner_id, m.ord`;
}

export const peerDefinitions: AnalysisDef[] = [
  {
    id: 'benchmark.peers',
    title: 'Partners against their peers',
    description:
      'How each partner\'s revenue, growth and customer retention compare with partners like it (same sector, country or size): ' +
      'the median, the quartiles, and where it ranks.',
    params: [
      DEALS_PARAM,
      PARTNERS_PARAM,
      AS_OF_PARAM,
      {
        name: 'window_days',
        kind: 'integer',
        label: 'Period (days)',
        doc: 'Length of the current period before the as-of date; growth and retention compare it with the period just before.',
        default: 365,
      },
      {
        name: 'peer_group',
        kind: 'enum',
        label: 'Peers',
        doc: 'Compare each partner with partners of the same sector, country or size band (employees).',
        options: PEER_GROUPS,
        default: 'sector',
      },
    ],
    sql: (p) =>
      peerComparisonSql({
        deals: readRelation(p, 'deals', 'deals'),
        partners: readRelation(p, 'partners', 'partners'),
        asOf: readDate(p, 'as_of'),
        windowDays: readNumber(p, 'window_days', 365) ?? 365,
        peerGroup: readEnum(p, 'peer_group', PEER_GROUPS, 'sector'),
      }),
  },
];
