/**
 * Channel conflict (DOMAIN.md "Channel conflict"): two actors working the same end customer at the same
 * time. An actor is a partner, or direct sales (a deal without partner). A won deal is in conflict when
 * another actor won a deal for the same end customer within `window_days` days of it (either side,
 * inclusive). End customers match ignoring case and surrounding spaces; deals without one are left out.
 *
 * - `conflict.list`: one row per deal in conflict.
 * - `conflict.summary`: one row: how many customers and deals, and the revenue at stake; and the deal
 *   registrations in conflict (registrations.ts: a second partner registering a customer another still holds).
 * - `conflict.mix`: direct against partner revenue, per segment of the customer's main partner.
 */
import { readDate, readNumber, readRelation, relationParam } from './core-params';
import { registrationCtes } from './registrations';
import { dateLit, ident, lit } from './sql';
import type { AnalysisDef, ParamSpec, ParamValues } from './types';

export interface ConflictOptions {
  deals?: string;
  partners?: string;
  /** null: the day after the latest won deal, direct sales included. Deals on or after it are ignored. */
  asOf?: string | null;
  /** Largest gap in days between two actors' deals that still counts as a conflict (default 90). */
  windowDays?: number;
  /** Days a deal registration lasts unless won (default 90), for the registration conflicts. */
  expiryDays?: number;
}

/** Label of direct sales among the actors. */
export const DIRECT = '(direct)';

/**
 * CTEs shared by the three analyses: params(as_of), won (every won deal with an end customer, `k` a row
 * key since deal_id may be missing or repeated), pairs (k, other_k, gap_days: two actors, one customer,
 * within the window), flagged (won + in_conflict).
 */
function conflictCtes(o: ConflictOptions & { asOfSql?: string }): string {
  const deals = ident(o.deals ?? 'deals');
  const windowDays = Math.trunc(o.windowDays ?? 90);
  if (windowDays < 0) throw new Error('window_days must not be negative.');
  const won = `lower(trim(CAST(d.status AS VARCHAR))) = 'won' AND d.closed_at IS NOT NULL`;
  return `params AS (
  SELECT ${o.asOfSql ?? `COALESCE(${dateLit(o.asOf)}, (SELECT max(CAST(d.closed_at AS DATE)) + 1 FROM ${deals} AS d WHERE ${won}))`} AS as_of
),
won AS (
  SELECT row_number() OVER (ORDER BY d.deal_id, d.closed_at, d.partner_id, d.amount) AS k,
    d.deal_id, d.partner_id, d.end_customer, lower(trim(CAST(d.end_customer AS VARCHAR))) AS customer_key,
    CAST(d.closed_at AS DATE) AS closed_on, d.amount
  FROM ${deals} AS d, params
  WHERE ${won} AND CAST(d.closed_at AS DATE) < params.as_of AND nullif(trim(CAST(d.end_customer AS VARCHAR)), '') IS NOT NULL
),
pairs AS (
  SELECT a.k, b.k AS other_k, b.deal_id AS other_deal_id, coalesce(b.partner_id, ${lit(DIRECT)}) AS other_actor,
    abs(date_diff('day', a.closed_on, b.closed_on)) AS gap_days
  FROM won AS a JOIN won AS b
    ON a.customer_key = b.customer_key AND a.partner_id IS DISTINCT FROM b.partner_id
   AND abs(date_diff('day', a.closed_on, b.closed_on)) <= ${lit(windowDays)}
),
flagged AS (SELECT w.*, w.k IN (SELECT k FROM pairs) AS in_conflict FROM won AS w)`;
}

/**
 * The partner deals in conflict, as one query: partner_id, deal_id, closed_on. For other analyses (the
 * scorecard counts a partner's conflicts per quarter); `asOfSql` gives them the as-of date of the caller.
 */
export function conflictDealsSql(o: ConflictOptions & { asOfSql?: string } = {}): string {
  return `WITH
${conflictCtes(o)}
SELECT partner_id, deal_id, closed_on FROM flagged WHERE in_conflict AND partner_id IS NOT NULL`;
}

/**
 * One row per won deal in conflict, by customer then date: end_customer, deal_id, closed_at, channel
 * ('partner' | 'direct'), partner_id, partner_name, amount, conflicts_with (the other actors, sorted),
 * other_deals (their deal ids, sorted), nearest_gap_days.
 */
export function conflictListSql(o: ConflictOptions = {}): string {
  const partners = ident(o.partners ?? 'partners');
  return `WITH
${conflictCtes(o)}
SELECT any_value(w.end_customer) AS end_customer, any_value(w.deal_id) AS deal_id, any_value(w.closed_on) AS closed_at,
  CASE WHEN any_value(w.partner_id) IS NULL THEN 'direct' ELSE 'partner' END AS channel,
  any_value(w.partner_id) AS partner_id, any_value(p.name) AS partner_name, any_value(w.amount) AS amount,
  list_sort(list_distinct(list(x.other_actor))) AS conflicts_with,
  list_sort(list(x.other_deal_id)) AS other_deals,
  min(x.gap_days) AS nearest_gap_days
FROM won AS w
JOIN pairs AS x ON x.k = w.k
LEFT JOIN ${partners} AS p ON p.partner_id = w.partner_id
GROUP BY w.k
ORDER BY any_value(w.customer_key), closed_at, deal_id, w.k`;
}

/**
 * One row: as_of, window_days, won_deals, won_revenue (all won deals with an end customer, direct
 * included), conflicted_customers, conflict_deals, revenue_at_stake (amount of the deals in conflict),
 * revenue_at_stake_share, customers_with_direct (conflicted customers where direct sales is one of the
 * actors), customers_partners_only, registration_conflicts (registrations made while another partner held
 * the customer, within the same window; see registrations.ts) and registration_conflict_customers.
 * Deals without a registered_at column simply have no registrations.
 */
export function conflictSummarySql(o: ConflictOptions = {}): string {
  return `WITH
${conflictCtes(o)},
customers AS (
  SELECT customer_key, bool_or(partner_id IS NULL) AS with_direct
  FROM flagged WHERE in_conflict GROUP BY customer_key
),
${registrationCtes({ deals: o.deals, asOfSql: '(SELECT as_of FROM params)', windowDays: o.windowDays, expiryDays: o.expiryDays })}
SELECT params.as_of, ${lit(Math.trunc(o.windowDays ?? 90))} AS window_days,
  (SELECT count(*) FROM flagged) AS won_deals,
  (SELECT coalesce(sum(amount), 0) FROM flagged) AS won_revenue,
  (SELECT count(*) FROM customers) AS conflicted_customers,
  (SELECT count(*) FROM flagged WHERE in_conflict) AS conflict_deals,
  (SELECT coalesce(sum(amount), 0) FROM flagged WHERE in_conflict) AS revenue_at_stake,
  (SELECT sum(amount) FILTER (WHERE in_conflict) / nullif(sum(amount), 0) FROM flagged) AS revenue_at_stake_share,
  (SELECT count(*) FILTER (WHERE with_direct) FROM customers) AS customers_with_direct,
  (SELECT count(*) FILTER (WHERE NOT with_direct) FROM customers) AS customers_partners_only,
  (SELECT count(*) FROM reg_flags WHERE in_conflict) AS registration_conflicts,
  (SELECT count(DISTINCT r.customer_key) FROM reg AS r JOIN reg_flags AS f ON f.k = r.k WHERE f.in_conflict) AS registration_conflict_customers
FROM params`;
}

export interface ConflictMixOptions extends ConflictOptions {
  /** Any relation with partner_id, segment. */
  segments?: string;
}

/**
 * Direct against indirect revenue per segment. Each end customer belongs to the segment of its main
 * partner (the one with most won revenue on it; ties: smallest partner_id); customers no partner ever
 * sold to are 'Direct only', and partners missing from the segment relation give '(no segment)'. All of
 * a customer's deals, direct ones included, count in its segment, so the rows add up to the total.
 * One row per segment, biggest first ('Direct only' last): segment, customers, partner_revenue,
 * direct_revenue, direct_share, conflicted_customers, revenue_at_stake.
 */
export function conflictMixSql(o: ConflictMixOptions = {}): string {
  const segments = ident(o.segments ?? 'rfm_scores');
  return `WITH
${conflictCtes(o)},
seg AS (SELECT partner_id, min(CAST(segment AS VARCHAR)) AS segment FROM ${segments} GROUP BY partner_id),
owner AS (
  SELECT customer_key, partner_id FROM (
    SELECT customer_key, partner_id, sum(amount) AS revenue FROM won WHERE partner_id IS NOT NULL GROUP BY customer_key, partner_id
  )
  QUALIFY row_number() OVER (PARTITION BY customer_key ORDER BY revenue DESC, partner_id) = 1
),
placed AS (
  SELECT f.*, CASE WHEN o.partner_id IS NULL THEN 'Direct only' ELSE coalesce(s.segment, '(no segment)') END AS segment
  FROM flagged AS f
  LEFT JOIN owner AS o ON o.customer_key = f.customer_key
  LEFT JOIN seg AS s ON s.partner_id = o.partner_id
)
SELECT segment, count(DISTINCT customer_key) AS customers,
  coalesce(sum(amount) FILTER (WHERE partner_id IS NOT NULL), 0) AS partner_revenue,
  coalesce(sum(amount) FILTER (WHERE partner_id IS NULL), 0) AS direct_revenue,
  coalesce(sum(amount) FILTER (WHERE partner_id IS NULL), 0) / nullif(sum(amount), 0) AS direct_share,
  count(DISTINCT customer_key) FILTER (WHERE in_conflict) AS conflicted_customers,
  coalesce(sum(amount) FILTER (WHERE in_conflict), 0) AS revenue_at_stake
FROM placed
GROUP BY segment
ORDER BY segment = 'Direct only', sum(amount) DESC, segment`;
}

const CONFLICT_PARAMS: readonly ParamSpec[] = [
  relationParam('deals', 'Deals', 'The deals table: won deals with an end customer count, direct sales (no partner) included.'),
  relationParam('partners', 'Partners', 'The partners table, for names.'),
  {
    name: 'as_of',
    kind: 'date',
    label: 'As of',
    doc: 'Deals on or after this day are ignored. Empty: the day after the latest won deal.',
    default: null,
  },
  {
    name: 'window_days',
    kind: 'integer',
    label: 'Window (days)',
    doc: 'Two actors winning the same customer at most this many days apart are in conflict.',
    default: 90,
  },
];

function readConflict(p: ParamValues): ConflictOptions {
  return {
    deals: readRelation(p, 'deals', 'deals'),
    partners: readRelation(p, 'partners', 'partners'),
    asOf: readDate(p, 'as_of'),
    windowDays: readNumber(p, 'window_days', 90) ?? 90,
  };
}

export const conflictDefinitions: AnalysisDef[] = [
  {
    id: 'conflict.list',
    title: 'Channel conflicts',
    description: 'Which deals were won for the same customer by two partners, or by a partner and our own sales, within a few weeks of each other?',
    params: CONFLICT_PARAMS,
    sql: (p) => conflictListSql(readConflict(p)),
  },
  {
    id: 'conflict.summary',
    title: 'Channel conflict in one line',
    description: 'How many customers and deals are in conflict, how much revenue is at stake, and how many deal registrations clash with another partner\'s.',
    params: [
      ...CONFLICT_PARAMS,
      { name: 'expiry_days', kind: 'integer', label: 'Registration expiry (days)', doc: 'Days a deal registration protects the partner unless the deal is won.', default: 90 },
    ],
    sql: (p) => conflictSummarySql({ ...readConflict(p), expiryDays: readNumber(p, 'expiry_days', 90) ?? 90 }),
  },
  {
    id: 'conflict.mix',
    title: 'Direct and partner revenue per segment',
    description: "For the customers of each partner segment, how much revenue comes through partners and how much through our own sales, and how much is in conflict.",
    params: [
      ...CONFLICT_PARAMS,
      relationParam('segments', 'Segments', 'Any table or cell with partner_id and segment, for example an rfm.scores cell.', 'rfm_scores'),
    ],
    sql: (p) => conflictMixSql({ ...readConflict(p), segments: readRelation(p, 'segments', 'rfm_scores') }),
  },
];
