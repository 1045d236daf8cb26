/**
 * Tier advice (DOMAIN.md "Tier advice"): `tier_rules` (tier, rank — 1 the best —, min_won_revenue,
 * min_won_deals, min_certifications) against each partner's won revenue and won deals of the last four
 * quarters and its certifications (activities of the certification kinds) over the same quarters. The
 * recommended tier is the best one whose every minimum the partner meets; the advice is to promote,
 * keep or demote, with the first rule that decides it, shown beside the data-driven segments (RFM,
 * health) because a metal tier hides the loyal once-a-year partner.
 */
import { PARTNERS_PARAM, readDate, readOptionalRelation, readRelation, readString, relationParam } from './core-params';
import { asOfExpr, kindListSql, quartersStartExpr, wonPartnerDeal } from './core-sql';
import { ident } from './sql';
import type { AnalysisDef, ParamSpec, ParamValues } from './types';

/** The minimums in the order they are checked: the first one that fails (or decides a promotion) is reported. */
export const TIER_RULE_COLUMNS = ['min_won_revenue', 'min_won_deals', 'min_certifications'] as const;

export interface TierAdviceOptions {
  deals?: string;
  partners?: string;
  activities?: string;
  tierRules?: string;
  /** Comma-separated activity kinds that count as certifications (default 'training, certification'). */
  certificationKinds?: string;
  /** null: the day after the latest won partner deal. */
  asOf?: string | null;
  /** Optional relations shown beside the advice: partner_id + segment (rfm.scores), partner_id + health_score + status (review.health). */
  rfm?: string | null;
  health?: string | null;
}

/** The facts a tier is judged on, per partner: won revenue, won deals, certifications over the last four quarters. */
export function tierFactsCtes(o: TierAdviceOptions): string {
  const kinds = kindListSql(o.certificationKinds ?? 'training, certification');
  return `tparams AS (
  SELECT as_of, ${quartersStartExpr('as_of', 4)} AS window_start FROM (SELECT ${asOfExpr(o.deals ?? 'deals', o.asOf)} AS as_of)
),
twon AS (
  SELECT d.partner_id, sum(d.amount) AS revenue, count(*) AS deals
  FROM ${ident(o.deals ?? 'deals')} AS d, tparams AS p
  WHERE ${wonPartnerDeal('d')} AND CAST(d.closed_at AS DATE) >= p.window_start AND CAST(d.closed_at AS DATE) < p.as_of
  GROUP BY d.partner_id
),
tcerts AS (
  SELECT a.partner_id, count(*) AS certifications
  FROM ${ident(o.activities ?? 'activities')} AS a, tparams AS p
  WHERE a.partner_id IS NOT NULL AND lower(trim(CAST(a.kind AS VARCHAR))) IN ${kinds}
    AND CAST(a.occurred_at AS DATE) >= p.window_start AND CAST(a.occurred_at AS DATE) < p.as_of
  GROUP BY a.partner_id
),
tfacts AS (
  SELECT p.partner_id, any_value(p.name) AS name, any_value(nullif(trim(CAST(p.tier AS VARCHAR)), '')) AS tier,
    CAST(coalesce(any_value(w.revenue), 0) AS DOUBLE) AS won_revenue_4q, coalesce(any_value(w.deals), 0) AS won_deals_4q,
    coalesce(any_value(c.certifications), 0) AS certifications
  FROM ${ident(o.partners ?? 'partners')} AS p
  LEFT JOIN twon AS w ON w.partner_id = p.partner_id
  LEFT JOIN tcerts AS c ON c.partner_id = p.partner_id
  WHERE p.partner_id IS NOT NULL
  GROUP BY p.partner_id
),
trules AS (
  SELECT trim(CAST(tier AS VARCHAR)) AS tier, lower(trim(CAST(tier AS VARCHAR))) AS tier_key, rank,
    CAST(coalesce(min_won_revenue, 0) AS DOUBLE) AS min_won_revenue, coalesce(min_won_deals, 0) AS min_won_deals,
    coalesce(min_certifications, 0) AS min_certifications
  FROM ${ident(o.tierRules ?? 'tier_rules')} WHERE tier IS NOT NULL
),
tmeets AS (
  SELECT f.partner_id, r.tier, r.rank
  FROM tfacts AS f CROSS JOIN trules AS r
  WHERE f.won_revenue_4q >= r.min_won_revenue AND f.won_deals_4q >= r.min_won_deals AND f.certifications >= r.min_certifications
),
trecommended AS (SELECT partner_id, first(tier ORDER BY rank) AS tier, min(rank) AS rank FROM tmeets GROUP BY partner_id)`;
}

const money = (x: string) => `format('{:,.0f}', ${x})`;

/**
 * One row per partner: partner_id, name, tier (current), tier_rank, won_revenue_4q, won_deals_4q,
 * certifications, recommended_tier (NULL when no tier's minimums are met), recommended_rank, advice
 * ('promote', 'keep', 'demote', 'assign' for a partner without tier, 'unknown tier' for a tier missing from
 * the rules), decided_by (the first of min_won_revenue, min_won_deals, min_certifications that decides:
 * for a demotion the first minimum of its tier it misses; for a promotion the first on which the
 * recommended tier asks more than its tier), reason (in words), rfm_segment, health_score, health_status
 * (NULL unless those relations are given), window_start, as_of. Demotions first, then promotions,
 * biggest revenue first.
 */
export function tierAdviceSql(o: TierAdviceOptions = {}): string {
  const side = [
    o.rfm ? `rfm AS (SELECT partner_id, min(CAST(segment AS VARCHAR)) AS segment FROM ${ident(o.rfm)} GROUP BY partner_id)` : `rfm AS (SELECT CAST(NULL AS VARCHAR) AS partner_id, CAST(NULL AS VARCHAR) AS segment WHERE false)`,
    o.health
      ? `hl AS (SELECT partner_id, any_value(health_score) AS health_score, any_value(CAST(status AS VARCHAR)) AS status FROM ${ident(o.health)} GROUP BY partner_id)`
      : `hl AS (SELECT CAST(NULL AS VARCHAR) AS partner_id, CAST(NULL AS DOUBLE) AS health_score, CAST(NULL AS VARCHAR) AS status WHERE false)`,
  ];
  // The first failed minimum of rule row `r`, in TIER_RULE_COLUMNS order.
  const firstFailed = (r: string) => `CASE WHEN f.won_revenue_4q < ${r}.min_won_revenue THEN 'min_won_revenue'
        WHEN f.won_deals_4q < ${r}.min_won_deals THEN 'min_won_deals'
        WHEN f.certifications < ${r}.min_certifications THEN 'min_certifications' END`;
  const failedText = (r: string) => `CASE WHEN f.won_revenue_4q < ${r}.min_won_revenue
          THEN 'won revenue ' || ${money('f.won_revenue_4q')} || ' below the ' || ${r}.tier || ' minimum ' || ${money(`${r}.min_won_revenue`)}
        WHEN f.won_deals_4q < ${r}.min_won_deals
          THEN CAST(f.won_deals_4q AS VARCHAR) || ' won deals, below the ' || ${r}.tier || ' minimum ' || CAST(${r}.min_won_deals AS VARCHAR)
        WHEN f.certifications < ${r}.min_certifications
          THEN CAST(f.certifications AS VARCHAR) || ' certifications, below the ' || ${r}.tier || ' minimum ' || CAST(${r}.min_certifications AS VARCHAR) END`;
  return `WITH
${tierFactsCtes(o)},
${side.join(',\n')},
advised AS (
  SELECT f.*, cur.rank AS tier_rank, rec.tier AS recommended_tier, rec.rank AS recommended_rank,
    CASE WHEN f.tier IS NULL THEN 'assign'
         WHEN cur.rank IS NULL THEN 'unknown tier'
         WHEN rec.rank IS NULL OR rec.rank > cur.rank THEN 'demote'
         WHEN rec.rank < cur.rank THEN 'promote'
         ELSE 'keep' END AS advice,
    ${firstFailed('cur')} AS demote_by, ${failedText('cur')} AS demote_text,
    CASE WHEN rt.min_won_revenue > cur.min_won_revenue THEN 'min_won_revenue'
         WHEN rt.min_won_deals > cur.min_won_deals THEN 'min_won_deals'
         WHEN rt.min_certifications > cur.min_certifications THEN 'min_certifications'
         ELSE 'min_won_revenue' END AS promote_by,
    'meets every minimum of ' || rt.tier || ': won revenue ' || ${money('f.won_revenue_4q')} || ' (≥ ' || ${money('rt.min_won_revenue')} || '), '
      || CAST(f.won_deals_4q AS VARCHAR) || ' won deals (≥ ' || CAST(rt.min_won_deals AS VARCHAR) || '), '
      || CAST(f.certifications AS VARCHAR) || ' certifications (≥ ' || CAST(rt.min_certifications AS VARCHAR) || ')' AS promote_text
  FROM tfacts AS f
  LEFT JOIN trules AS cur ON cur.tier_key = lower(f.tier)
  LEFT JOIN trecommended AS rec ON rec.partner_id = f.partner_id
  LEFT JOIN trules AS rt ON rt.tier = rec.tier
)
SELECT a.partner_id, a.name, a.tier, a.tier_rank, a.won_revenue_4q, a.won_deals_4q, a.certifications,
  a.recommended_tier, a.recommended_rank, a.advice,
  CASE a.advice WHEN 'demote' THEN a.demote_by WHEN 'promote' THEN a.promote_by END AS decided_by,
  CASE a.advice
    WHEN 'demote' THEN a.demote_text || CASE WHEN a.recommended_tier IS NULL THEN '; no tier''s minimums are met' ELSE '; meets ' || a.recommended_tier END
    WHEN 'promote' THEN a.promote_text
    WHEN 'keep' THEN 'meets every minimum of ' || a.tier || CASE WHEN a.tier_rank = (SELECT min(rank) FROM trules) THEN ', the best tier' ELSE ', not of the tier above' END
    WHEN 'assign' THEN coalesce('no tier yet; meets ' || a.recommended_tier, 'no tier yet, and no tier''s minimums are met')
    ELSE 'tier ' || a.tier || ' is not in the tier rules' END AS reason,
  r.segment AS rfm_segment, h.health_score, h.status AS health_status,
  p.window_start, p.as_of
FROM advised AS a
CROSS JOIN tparams AS p
LEFT JOIN rfm AS r ON r.partner_id = a.partner_id
LEFT JOIN hl AS h ON h.partner_id = a.partner_id
ORDER BY CASE a.advice WHEN 'demote' THEN 0 WHEN 'promote' THEN 1 WHEN 'assign' THEN 2 WHEN 'unknown tier' THEN 3 ELSE 4 END,
  a.won_revenue_4q DESC, a.partner_id`;
}

const TIER_PARAMS: readonly ParamSpec[] = [
  relationParam('deals', 'Deals', 'The deals table: won partner deals of the last four quarters count.'),
  PARTNERS_PARAM,
  relationParam('activities', 'Activities', 'The activities table: certifications are activities of the certification kinds.'),
  relationParam('tier_rules', 'Tier rules', 'tier, rank (1 = best), min_won_revenue, min_won_deals, min_certifications: what each tier asks over the last four quarters.'),
  {
    name: 'certification_kinds',
    kind: 'string',
    label: 'Certification kinds',
    doc: 'Activity kinds that count as a certification, separated by commas.',
    default: 'training, certification',
  },
  {
    name: 'as_of',
    kind: 'date',
    label: 'As of',
    doc: 'The last four quarters end with the one holding the day before this date. Empty: the day after the latest won deal.',
    default: null,
  },
  { name: 'rfm', kind: 'relation', label: 'RFM segments', doc: 'Optional: an rfm.scores cell, to show each partner\'s segment beside its tier.', default: null },
  { name: 'health', kind: 'relation', label: 'Health scores', doc: 'Optional: a review.health cell, to show each partner\'s health beside its tier.', default: null },
];


export function readTierAdvice(p: ParamValues): TierAdviceOptions {
  return {
    deals: readRelation(p, 'deals', 'deals'),
    partners: readRelation(p, 'partners', 'partners'),
    activities: readRelation(p, 'activities', 'activities'),
    tierRules: readRelation(p, 'tier_rules', 'tier_rules'),
    certificationKinds: readString(p, 'certification_kinds', 'training, certification') ?? 'training, certification',
    asOf: readDate(p, 'as_of'),
    rfm: readOptionalRelation(p, 'rfm'),
    health: readOptionalRelation(p, 'health'),
  };
}

export const tierDefinitions: AnalysisDef[] = [
  {
    id: 'review.tier_advice',
    title: 'Tier advice',
    description:
      'For each partner, the best tier whose minimums (won revenue and deals of the last four quarters, certifications) it meets, ' +
      'and whether to promote, keep or demote it, with the rule that decides; beside its RFM segment and health.',
    params: TIER_PARAMS,
    sql: (p) => tierAdviceSql(readTierAdvice(p)),
  },
];
