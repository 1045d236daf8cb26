/**
 * RFM segmentation (DOMAIN.md "RFM"): recency, frequency and monetary value of each partner's won deals,
 * scored 1–5 by quintile, and the partner's segment from its R and F scores.
 *
 * Two analyses:
 * - `rfm.scores`: one row per partner, including partners with no won deal in the window ("No purchase").
 * - `rfm.segments`: one row per segment (all eleven, empty ones too) over an `rfm.scores` result.
 */
import { AS_OF_PARAM, DEALS_PARAM, PARTNERS_PARAM, readDate, readNumber, readRelation, relationParam, windowDaysParam } from './core-params';
import { asOfExpr, quintileScoreExpr, windowStartExpr, wonPartnerDeal } from './core-sql';
import { ident, lit } from './sql';
import type { AnalysisDef } from './types';

export interface RfmSegment {
  name: string;
  /** Inclusive ranges of the R and F scores. */
  r: readonly [number, number];
  f: readonly [number, number];
  /** What a channel manager does about partners in the segment. */
  action: string;
}

/**
 * DOMAIN.md's segment table. Its ten rows cover the 25 (R, F) pairs exactly once (every R has F split
 * into 1 / 2–3 / 4–5, or 1–2 / 3 / 4–5, or 1–2 / 3–4 / 5), so no pair needs a fallback; the test checks
 * the full grid.
 */
export const RFM_SEGMENTS: readonly RfmSegment[] = [
  { name: 'Champions', r: [5, 5], f: [4, 5], action: 'Reward them; ask for referrals and joint marketing.' },
  { name: 'Loyal', r: [3, 4], f: [4, 5], action: 'Offer the next tier and cross-sell; keep in regular touch.' },
  { name: 'Potential loyalists', r: [4, 5], f: [2, 3], action: 'Nurture: training, a joint plan, a second product line.' },
  { name: 'New', r: [5, 5], f: [1, 1], action: 'Onboard well: enablement and help with a second deal.' },
  { name: 'Promising', r: [4, 4], f: [1, 1], action: 'Follow up on the first deal before it goes cold.' },
  { name: 'Needs attention', r: [3, 3], f: [3, 3], action: 'Check in: a limited offer or a joint campaign.' },
  { name: 'About to sleep', r: [3, 3], f: [1, 2], action: 'Re-engage now with a relevant offer.' },
  { name: "Can't lose", r: [1, 2], f: [5, 5], action: 'Call now: your most active partners have gone quiet.' },
  { name: 'At risk', r: [1, 2], f: [3, 4], action: 'Call: find out what changed and win them back.' },
  { name: 'Hibernating', r: [1, 2], f: [1, 2], action: 'Low-cost automated nurture; do not over-invest.' },
];

/** Partners with no won deal in the window: the long tail, reported, never dropped. */
export const NO_PURCHASE: RfmSegment = {
  name: 'No purchase',
  r: [0, 0],
  f: [0, 0],
  action: 'The tail: look at engagement to find the few worth moving up.',
};

/** SQL CASE naming the segment of score expressions `r` and `f`; NULL scores mean "No purchase". */
export function rfmSegmentExpr(r: string, f: string): string {
  const whens = RFM_SEGMENTS.map(
    (s) => `WHEN ${r} BETWEEN ${s.r[0]} AND ${s.r[1]} AND ${f} BETWEEN ${s.f[0]} AND ${s.f[1]} THEN ${lit(s.name)}`,
  );
  return `CASE WHEN ${r} IS NULL OR ${f} IS NULL THEN ${lit(NO_PURCHASE.name)}\n    ${whens.join('\n    ')}\n  END`;
}

export interface RfmOptions {
  deals?: string;
  partners?: string;
  /** `YYYY-MM-DD`; null: the day after the latest won deal. Deals on or after it are ignored. */
  asOf?: string | null;
  /** Days before the as-of date; null or 0: all history. */
  windowDays?: number | null;
}

/**
 * One row per partner (every partner of `partners`, plus any partner id found only in won deals):
 * partner_id, name, last_deal_on, recency_days (as-of − last won deal), frequency (won deals),
 * monetary (sum of amount), r_score, f_score, m_score (1–5, see `quintileScoreExpr`; NULL for
 * "No purchase"), rfm ("545"), segment, as_of, window_start. Scores are ranked among the partners
 * with a won deal in the window only.
 */
export function rfmScoresSql(opts: RfmOptions = {}): string {
  const deals = ident(opts.deals ?? 'deals');
  const partners = ident(opts.partners ?? 'partners');
  return `WITH
params AS (
  SELECT as_of, ${windowStartExpr('as_of', opts.windowDays)} AS window_start
  FROM (SELECT ${asOfExpr(opts.deals ?? 'deals', opts.asOf)} AS as_of)
),
won AS (
  SELECT d.partner_id, CAST(d.closed_at AS DATE) AS closed_at, d.amount
  FROM ${deals} AS d, params
  WHERE ${wonPartnerDeal('d')}
    AND CAST(d.closed_at AS DATE) < params.as_of
    AND (params.window_start IS NULL OR CAST(d.closed_at AS DATE) >= params.window_start)
),
rfm AS (
  SELECT won.partner_id, max(won.closed_at) AS last_deal_on,
    any_value(params.as_of) - max(won.closed_at) AS recency_days,
    count(*) AS frequency,
    coalesce(sum(won.amount), 0) AS monetary
  FROM won, params
  GROUP BY won.partner_id
),
scored AS (
  SELECT *,
    ${quintileScoreExpr('recency_days', 'lower')} AS r_score,
    ${quintileScoreExpr('frequency', 'higher')} AS f_score,
    ${quintileScoreExpr('monetary', 'higher')} AS m_score
  FROM rfm
),
everyone AS (
  SELECT partner_id FROM ${partners} WHERE partner_id IS NOT NULL
  UNION
  SELECT partner_id FROM rfm
)
SELECT e.partner_id, p.name, s.last_deal_on, s.recency_days, s.frequency, s.monetary,
  s.r_score, s.f_score, s.m_score,
  CAST(s.r_score AS VARCHAR) || CAST(s.f_score AS VARCHAR) || CAST(s.m_score AS VARCHAR) AS rfm,
  ${rfmSegmentExpr('s.r_score', 's.f_score')} AS segment,
  params.as_of, params.window_start
FROM everyone AS e
CROSS JOIN params
LEFT JOIN ${partners} AS p ON p.partner_id = e.partner_id
LEFT JOIN scored AS s ON s.partner_id = e.partner_id
ORDER BY s.monetary DESC NULLS LAST, e.partner_id`;
}

export interface RfmSegmentsOptions {
  /** A relation with the columns of `rfm.scores` (partner_id, name, monetary, segment). */
  scores?: string;
}

/**
 * One row per segment, in the order of DOMAIN.md's table then "No purchase", empty segments included:
 * segment, partners, partner_share, revenue (sum of monetary), revenue_share (of all partners' revenue;
 * NULL when it is 0), partner_ids and partner_names (lists, biggest revenue first), action.
 */
export function rfmSegmentsSql(opts: RfmSegmentsOptions = {}): string {
  const scores = ident(opts.scores ?? 'rfm_scores');
  const rows = [...RFM_SEGMENTS, NO_PURCHASE].map((s, k) => `(${k + 1}, ${lit(s.name)}, ${lit(s.action)})`);
  return `WITH
segments(ord, segment, action) AS (VALUES ${rows.join(', ')}),
agg AS (
  SELECT segment, count(*) AS partners, sum(coalesce(monetary, 0)) AS revenue,
    list(partner_id ORDER BY monetary DESC NULLS LAST, partner_id) AS partner_ids,
    list(name ORDER BY monetary DESC NULLS LAST, partner_id) AS partner_names
  FROM ${scores}
  GROUP BY segment
),
total AS (SELECT count(*) AS partners, sum(coalesce(monetary, 0)) AS revenue FROM ${scores})
SELECT s.segment,
  coalesce(a.partners, 0) AS partners,
  coalesce(a.partners, 0) / nullif(total.partners, 0) AS partner_share,
  coalesce(a.revenue, 0) AS revenue,
  coalesce(a.revenue, 0) / nullif(total.revenue, 0) AS revenue_share,
  coalesce(a.partner_ids, []) AS partner_ids,
  coalesce(a.partner_names, []) AS partner_names,
  s.action
FROM segments AS s
CROSS JOIN total
LEFT JOIN agg AS a ON a.segment = s.segment
ORDER BY s.ord`;
}

const RFM_PARAMS = [DEALS_PARAM, PARTNERS_PARAM, AS_OF_PARAM, windowDaysParam(null)] as const;

export const rfmDefinitions: AnalysisDef[] = [
  {
    id: 'rfm.scores',
    title: 'RFM scores per partner',
    description:
      'How recently, how often and for how much each partner sells, scored 1–5 against the other partners, ' +
      'and the segment that follows (Champions, Can\'t lose, …). Partners with no sale in the window are "No purchase".',
    params: RFM_PARAMS,
    sql: (p) =>
      rfmScoresSql({
        deals: readRelation(p, 'deals', 'deals'),
        partners: readRelation(p, 'partners', 'partners'),
        asOf: readDate(p, 'as_of'),
        windowDays: readNumber(p, 'window_days', null),
      }),
  },
  {
    id: 'rfm.segments',
    title: 'RFM segments summary',
    description: 'How many partners and how much revenue sit in each segment, who they are, and what to do about them.',
    params: [relationParam('scores', 'RFM scores', 'The result of an rfm.scores cell.', 'rfm_scores')],
    sql: (p) => rfmSegmentsSql({ scores: readRelation(p, 'scores', 'rfm_scores') }),
  },
];
