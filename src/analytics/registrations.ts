/**
 * Deal registration (DOMAIN.md "Deal registration"): a registration is a partner's deal with a
 * `registered_at` date. It expires `expiry_days` (90) after it was made unless the deal is won. When two
 * partners register the same end customer within `window_days` (90) of each other, the first to register
 * holds the customer and the others are in conflict — provided the first one still held it that day (not
 * expired, not already lost). The channel-conflict summary counts these conflicts too.
 *
 * - `registrations.list`: one row per registration.
 * - `registrations.summary`: one row per partner with registrations.
 */
import { PARTNERS_PARAM, readDate, readNumber, readRelation, relationParam } from './core-params';
import { asOfExpr, withOptionalColumns } from './core-sql';
import { ident, lit } from './sql';
import type { AnalysisDef, ParamSpec, ParamValues } from './types';

export interface RegistrationOptions {
  deals?: string;
  partners?: string;
  /** null: the day after the latest won partner deal. Registrations on or after it are ignored. */
  asOf?: string | null;
  /** Days a registration lasts unless its deal is won (default 90). */
  expiryDays?: number;
  /** Largest gap in days between two partners' registrations of one customer that is a conflict (default 90). */
  windowDays?: number;
}

function days(name: string, v: number | undefined, fallback: number): number {
  const d = Math.trunc(v ?? fallback);
  if (!(d >= 0)) throw new Error(`${name} must not be negative.`);
  return d;
}

/**
 * CTEs named reg_*: reg_params(as_of), reg (k, deal_id, partner_id, end_customer, customer_key,
 * registered_on, status, closed_on, amount, expires_on, state), reg_pairs (each earlier registration of the
 * customer still valid on a registration's day), reg_held (the earliest of them: the holder),
 * reg_conflicts (holder is another partner), reg_flags (k, in_conflict, held_by, holds_against). The
 * partner's own earlier registration holding the customer is no conflict. `asOfSql` may give the as-of
 * date as a SQL expression, to share another analysis's.
 */
export function registrationCtes(o: RegistrationOptions & { asOfSql?: string }): string {
  const deals = withOptionalColumns(o.deals ?? 'deals', { registered_at: 'DATE', end_customer: 'VARCHAR' });
  const expiry = days('expiry_days', o.expiryDays, 90);
  const windowDays = days('window_days', o.windowDays, 90);
  return `reg_params AS (SELECT ${o.asOfSql ?? asOfExpr(o.deals ?? 'deals', o.asOf)} AS as_of),
reg AS (
  SELECT row_number() OVER (ORDER BY CAST(d.registered_at AS DATE), d.deal_id, d.partner_id, d.amount) AS k,
    d.deal_id, d.partner_id, d.end_customer, lower(trim(CAST(d.end_customer AS VARCHAR))) AS customer_key,
    CAST(d.registered_at AS DATE) AS registered_on, lower(trim(CAST(d.status AS VARCHAR))) AS status,
    CAST(d.closed_at AS DATE) AS closed_on, d.amount,
    CASE WHEN lower(trim(CAST(d.status AS VARCHAR))) = 'won' THEN NULL ELSE CAST(d.registered_at AS DATE) + ${lit(expiry)} END AS expires_on,
    CASE WHEN lower(trim(CAST(d.status AS VARCHAR))) = 'won' THEN 'won'
         WHEN lower(trim(CAST(d.status AS VARCHAR))) = 'lost' THEN 'lost'
         WHEN CAST(d.registered_at AS DATE) + ${lit(expiry)} <= p.as_of THEN 'expired'
         ELSE 'active' END AS state
  FROM ${deals} AS d, reg_params AS p
  WHERE d.partner_id IS NOT NULL AND d.registered_at IS NOT NULL AND CAST(d.registered_at AS DATE) < p.as_of
),
reg_pairs AS (
  -- a came first and still held the customer on b's day: not expired (unless won), not lost before it.
  SELECT b.k, a.k AS holder_k, a.partner_id AS holder, a.registered_on AS holder_on
  FROM reg AS a JOIN reg AS b
    ON a.customer_key = b.customer_key
   AND (a.registered_on < b.registered_on OR (a.registered_on = b.registered_on AND a.k < b.k))
   AND date_diff('day', a.registered_on, b.registered_on) <= ${lit(windowDays)}
   AND (a.status = 'won' OR b.registered_on < a.expires_on)
   AND NOT (a.status = 'lost' AND a.closed_on < b.registered_on)
  WHERE nullif(a.customer_key, '') IS NOT NULL
),
-- The earliest of those holds the customer; b is in conflict when that is another partner.
reg_held AS (
  SELECT k, first(holder_k ORDER BY holder_on, holder_k) AS holder_k, first(holder ORDER BY holder_on, holder_k) AS holder
  FROM reg_pairs GROUP BY k
),
reg_conflicts AS (SELECT h.k, h.holder_k, h.holder FROM reg_held AS h JOIN reg AS b ON b.k = h.k WHERE h.holder <> b.partner_id),
reg_beat AS (
  SELECT x.holder_k AS k, list_sort(list_distinct(list(b.partner_id))) AS holds_against
  FROM reg_conflicts AS x JOIN reg AS b ON b.k = x.k GROUP BY x.holder_k
),
reg_flags AS (
  SELECT r.k, c.k IS NOT NULL AS in_conflict, c.holder AS held_by, coalesce(bt.holds_against, []) AS holds_against
  FROM reg AS r LEFT JOIN reg_conflicts AS c ON c.k = r.k LEFT JOIN reg_beat AS bt ON bt.k = r.k
)`;
}

/**
 * One row per registration made before the as-of date, oldest first: deal_id, partner_id, name,
 * end_customer, registered_at, status, closed_at, amount, age_days (as-of − registered_at), expires_on
 * (NULL when won), state ('active', 'expired', 'won', 'lost'), in_conflict (another partner registered the
 * customer first and still held it), held_by (that partner), holds_against (partners whose later
 * registrations of the customer this one beat), as_of.
 */
export function registrationListSql(o: RegistrationOptions = {}): string {
  return `WITH
${registrationCtes(o)},
names AS (SELECT partner_id, min(name) AS name FROM ${ident(o.partners ?? 'partners')} GROUP BY partner_id)
SELECT r.deal_id, r.partner_id, n.name, r.end_customer, r.registered_on AS registered_at, r.status, r.closed_on AS closed_at, r.amount,
  date_diff('day', r.registered_on, p.as_of) AS age_days, r.expires_on, r.state,
  f.in_conflict, f.held_by, f.holds_against, p.as_of
FROM reg AS r
JOIN reg_flags AS f ON f.k = r.k
CROSS JOIN reg_params AS p
LEFT JOIN names AS n ON n.partner_id = r.partner_id
ORDER BY r.registered_on, r.k`;
}

/**
 * One row per partner with a registration, most conflicts first: partner_id, name, registrations, active,
 * expiring_soon (active, expiring within `soonDays` = 30 days), expired, won, lost, conversion (won ÷ closed
 * or expired: won + lost + expired; NULL with none), conflicts (its registrations another partner held),
 * conflicts_held (other partners' registrations it held the customer against), median_age_active_days, as_of.
 */
export function registrationSummarySql(o: RegistrationOptions & { soonDays?: number } = {}): string {
  const soon = days('soon_days', o.soonDays, 30);
  return `WITH
${registrationCtes(o)},
names AS (SELECT partner_id, min(name) AS name FROM ${ident(o.partners ?? 'partners')} GROUP BY partner_id),
held AS (SELECT holder AS partner_id, count(*) AS conflicts_held FROM reg_conflicts GROUP BY holder)
SELECT r.partner_id, any_value(n.name) AS name, count(*) AS registrations,
  count(*) FILTER (WHERE r.state = 'active') AS active,
  count(*) FILTER (WHERE r.state = 'active' AND r.expires_on <= p.as_of + ${lit(soon)}) AS expiring_soon,
  count(*) FILTER (WHERE r.state = 'expired') AS expired,
  count(*) FILTER (WHERE r.state = 'won') AS won,
  count(*) FILTER (WHERE r.state = 'lost') AS lost,
  count(*) FILTER (WHERE r.state = 'won') / nullif(count(*) FILTER (WHERE r.state <> 'active'), 0) AS conversion,
  count(*) FILTER (WHERE f.in_conflict) AS conflicts,
  coalesce(any_value(h.conflicts_held), 0) AS conflicts_held,
  median(date_diff('day', r.registered_on, p.as_of)) FILTER (WHERE r.state = 'active') AS median_age_active_days,
  p.as_of
FROM reg AS r
JOIN reg_flags AS f ON f.k = r.k
CROSS JOIN reg_params AS p
LEFT JOIN names AS n ON n.partner_id = r.partner_id
LEFT JOIN held AS h ON h.partner_id = r.partner_id
GROUP BY r.partner_id, p.as_of
ORDER BY conflicts DESC, registrations DESC, r.partner_id`;
}

export const REGISTRATION_PARAMS: readonly ParamSpec[] = [
  relationParam('deals', 'Deals', 'The deals table: partner deals with a registered_at date are registrations.'),
  PARTNERS_PARAM,
  {
    name: 'as_of',
    kind: 'date',
    label: 'As of',
    doc: 'The day registrations are judged on (those made on or after it are ignored). Empty: the day after the latest won deal.',
    default: null,
  },
  { name: 'expiry_days', kind: 'integer', label: 'Expiry (days)', doc: 'Days a registration protects the partner unless the deal is won.', default: 90 },
  {
    name: 'window_days',
    kind: 'integer',
    label: 'Conflict window (days)',
    doc: 'A second partner registering the same end customer at most this many days after the first is in conflict.',
    default: 90,
  },
];

export function readRegistrations(p: ParamValues): RegistrationOptions {
  return {
    deals: readRelation(p, 'deals', 'deals'),
    partners: readRelation(p, 'partners', 'partners'),
    asOf: readDate(p, 'as_of'),
    expiryDays: readNumber(p, 'expiry_days', 90) ?? 90,
    windowDays: readNumber(p, 'window_days', 90) ?? 90,
  };
}

export const registrationDefinitions: AnalysisDef[] = [
  {
    id: 'registrations.list',
    title: 'Deal registrations',
    description:
      'Every deal a partner registered: how old it is, when its protection expires, and whether another partner had registered the same customer first.',
    params: REGISTRATION_PARAMS,
    sql: (p) => registrationListSql(readRegistrations(p)),
  },
  {
    id: 'registrations.summary',
    title: 'Deal registrations per partner',
    description: 'Per partner: registrations active, expiring soon, expired, won and lost, and the conflicts with other partners over a customer.',
    params: [
      ...REGISTRATION_PARAMS,
      { name: 'soon_days', kind: 'integer', label: 'Expiring within (days)', doc: 'Active registrations expiring within this many days count as expiring soon.', default: 30 },
    ],
    sql: (p) => registrationSummarySql({ ...readRegistrations(p), soonDays: readNumber(p, 'soon_days', 30) ?? 30 }),
  },
];
