/**
 * Marketing development funds (DOMAIN.md "MDF"): `mdf` lines (partner_id, program_id nullable, activity,
 * requested_at, requested, approved, claimed, paid) per partner and programme, against what was allocated,
 * and the return on the funds as programme ROI defines it (roi.ts), with cost = paid.
 *
 * - A programme is a fund when at least one line names it. Its budget is the programs table's `budget`
 *   column when it has one, else its `cost`; each enrolled partner is allocated an equal share. Funds
 *   outside any programme have no allocation (NULL).
 * - available = allocated − approved; utilisation = paid ÷ allocated.
 * - Return, programme funds: naive = the partner's margin during the programme's window; incremental = its
 *   change against its own pre-period minus the mean change of the programme's control partners
 *   (roi.ts's difference in differences, per partner). Funds outside any programme: the window runs from
 *   the partner's first request to the day before the as-of date, the pre-period is as long, and the
 *   controls are the partners without any MDF line.
 * - roi_naive / roi_incremental = (margin − paid) ÷ paid, NULL when nothing was paid.
 *
 * - `mdf.funds`: one row per partner and programme.
 * - `mdf.programs`: one row per fund (programme, and one for the lines outside any programme).
 */
import { readDate, readNumber, readRelation, relationParam, PARTNERS_PARAM, DEALS_PARAM } from './core-params';
import { withOptionalColumns } from './core-sql';
import { programChangeCtes, type RoiOptions } from './roi';
import { ident, lit } from './sql';
import type { AnalysisDef, ParamSpec, ParamValues } from './types';

export interface MdfOptions extends RoiOptions {
  mdf?: string;
  /** A fund paid out below this share of its allocation is flagged under-used (default 0.5). */
  underusedBelow?: number;
}

/** The label of funds outside any programme. */
export const NO_PROGRAMME = '(no programme)';

function mdfCtes(o: MdfOptions): string {
  const programs = withOptionalColumns(o.programs ?? 'programs', { budget: 'DOUBLE' });
  const lines = withOptionalColumns(o.mdf ?? 'mdf', { program_id: 'VARCHAR' });
  return `${programChangeCtes(o)},
mdf_lines AS (
  SELECT m.partner_id, CAST(m.program_id AS VARCHAR) AS program_id, CAST(m.requested_at AS DATE) AS requested_on,
    coalesce(m.requested, 0) AS requested, coalesce(m.approved, 0) AS approved, coalesce(m.claimed, 0) AS claimed, coalesce(m.paid, 0) AS paid
  FROM ${lines} AS m, params
  WHERE m.partner_id IS NOT NULL AND (m.requested_at IS NULL OR CAST(m.requested_at AS DATE) < params.as_of)
),
mdf_funded_programs AS (SELECT DISTINCT program_id FROM mdf_lines WHERE program_id IS NOT NULL),
mdf_budget AS (
  SELECT g.program_id, any_value(g.name) AS name, CAST(coalesce(any_value(g.budget), any_value(g.cost)) AS DOUBLE) AS budget,
    (SELECT count(*) FROM enrolled AS e WHERE e.program_id = g.program_id) AS enrolled_partners
  FROM ${programs} AS g JOIN mdf_funded_programs AS f ON f.program_id = g.program_id
  GROUP BY g.program_id
),
mdf_keys AS (
  SELECT e.partner_id, e.program_id FROM enrolled AS e JOIN mdf_funded_programs AS f ON f.program_id = e.program_id
  UNION
  SELECT partner_id, program_id FROM mdf_lines
),
mdf_sums AS (
  SELECT partner_id, program_id, count(*) AS requests, min(requested_on) AS first_request_on,
    sum(requested) AS requested, sum(approved) AS approved, sum(claimed) AS claimed, sum(paid) AS paid
  FROM mdf_lines GROUP BY partner_id, program_id
),
control_change AS (
  SELECT program_id, avg(during - before) AS mean_change, count(*) AS n FROM per_partner WHERE grp = 'control' GROUP BY program_id
),
outside_window AS (
  SELECT partner_id, min(requested_on) AS window_start, any_value(params.as_of) - 1 AS window_end,
    CAST(date_diff('day', min(requested_on), any_value(params.as_of)) AS INTEGER) AS window_days
  FROM mdf_lines, params WHERE program_id IS NULL AND requested_on IS NOT NULL GROUP BY partner_id
),
outside_controls AS (SELECT partner_id FROM everyone WHERE partner_id NOT IN (SELECT partner_id FROM mdf_lines)),
control_daily AS (
  SELECT w.closed_at AS day, sum(w.margin) AS margin FROM won AS w JOIN outside_controls AS c ON c.partner_id = w.partner_id GROUP BY w.closed_at
),
outside_return AS (
  SELECT o.partner_id, o.window_start, o.window_end,
    coalesce((SELECT sum(w.margin) FROM won AS w WHERE w.partner_id = o.partner_id AND w.closed_at BETWEEN o.window_start AND o.window_end), 0) AS during,
    coalesce((SELECT sum(w.margin) FROM won AS w WHERE w.partner_id = o.partner_id
      AND w.closed_at >= o.window_start - o.window_days AND w.closed_at < o.window_start), 0) AS before,
    (coalesce((SELECT sum(c.margin) FROM control_daily AS c WHERE c.day BETWEEN o.window_start AND o.window_end), 0)
      - coalesce((SELECT sum(c.margin) FROM control_daily AS c WHERE c.day >= o.window_start - o.window_days AND c.day < o.window_start), 0))
      / nullif((SELECT count(*) FROM outside_controls), 0) AS control_mean_change
  FROM outside_window AS o
),
mdf_fund AS (
  SELECT k.partner_id, k.program_id, b.name AS program_name,
    CASE WHEN en.partner_id IS NOT NULL THEN b.budget / nullif(b.enrolled_partners, 0) END AS allocated,
    coalesce(s.requests, 0) AS requests, s.first_request_on,
    CAST(coalesce(s.requested, 0) AS DOUBLE) AS requested, CAST(coalesce(s.approved, 0) AS DOUBLE) AS approved,
    CAST(coalesce(s.claimed, 0) AS DOUBLE) AS claimed, CAST(coalesce(s.paid, 0) AS DOUBLE) AS paid,
    CASE WHEN k.program_id IS NULL THEN o.window_start ELSE w.starts_on END AS window_start,
    CASE WHEN k.program_id IS NULL THEN o.window_end ELSE w.measured_until END AS window_end,
    CASE WHEN k.program_id IS NULL THEN o.during ELSE pp.during END AS margin_naive,
    CASE WHEN k.program_id IS NULL THEN (o.during - o.before) - o.control_mean_change
         WHEN pp.grp = 'enrolled' THEN (pp.during - pp.before) - cc.mean_change END AS margin_incremental
  FROM mdf_keys AS k
  LEFT JOIN mdf_budget AS b ON b.program_id = k.program_id
  LEFT JOIN enrolled AS en ON en.program_id = k.program_id AND en.partner_id = k.partner_id
  LEFT JOIN mdf_sums AS s ON s.partner_id = k.partner_id AND s.program_id IS NOT DISTINCT FROM k.program_id
  LEFT JOIN win AS w ON w.program_id = k.program_id
  LEFT JOIN per_partner AS pp ON pp.program_id = k.program_id AND pp.partner_id = k.partner_id
  LEFT JOIN control_change AS cc ON cc.program_id = k.program_id
  LEFT JOIN outside_return AS o ON k.program_id IS NULL AND o.partner_id = k.partner_id
)`;
}

/**
 * One row per partner and programme (funds outside any programme: program_id NULL, program_name
 * '(no programme)'), biggest allocation left unused first: partner_id, name, program_id, program_name,
 * allocated, requests, first_request_on, requested, approved, claimed, paid, available, utilisation,
 * underused (paid below the share `underused_below` of the allocation), window_start, window_end,
 * margin_naive, margin_incremental, roi_naive, roi_incremental, as_of.
 */
export function mdfFundsSql(o: MdfOptions = {}): string {
  const below = o.underusedBelow ?? 0.5;
  return `WITH
${mdfCtes(o)}
SELECT f.partner_id, p.name, f.program_id, coalesce(f.program_name, CASE WHEN f.program_id IS NULL THEN ${lit(NO_PROGRAMME)} END) AS program_name,
  f.allocated, f.requests, f.first_request_on, f.requested, f.approved, f.claimed, f.paid,
  f.allocated - f.approved AS available, f.paid / nullif(f.allocated, 0) AS utilisation,
  f.paid < ${lit(below)} * f.allocated AS underused,
  f.window_start, f.window_end, f.margin_naive, f.margin_incremental,
  (f.margin_naive - f.paid) / nullif(f.paid, 0) AS roi_naive,
  (f.margin_incremental - f.paid) / nullif(f.paid, 0) AS roi_incremental,
  params.as_of
FROM mdf_fund AS f
CROSS JOIN params
LEFT JOIN (SELECT partner_id, min(name) AS name FROM ${ident(o.partners ?? 'partners')} GROUP BY partner_id) AS p ON p.partner_id = f.partner_id
ORDER BY f.allocated - f.paid DESC NULLS LAST, f.partner_id, f.program_id NULLS LAST`;
}

/**
 * One row per fund, programmes by start date then the funds outside any programme: program_id, name,
 * starts_on, ends_on, allocated (the budget; NULL outside programmes), enrolled_partners,
 * partners_requesting, requests, requested, approved, claimed, paid, available, utilisation, underused,
 * margin_naive and margin_incremental (summed over the partners that were paid funds), roi_naive,
 * roi_incremental (cost = paid), as_of.
 */
export function mdfProgramsSql(o: MdfOptions = {}): string {
  const below = o.underusedBelow ?? 0.5;
  return `WITH
${mdfCtes(o)},
per_fund AS (
  SELECT f.program_id, any_value(f.program_name) AS name,
    count(*) FILTER (WHERE f.requests > 0) AS partners_requesting, sum(f.requests) AS requests,
    sum(f.requested) AS requested, sum(f.approved) AS approved, sum(f.claimed) AS claimed, sum(f.paid) AS paid,
    sum(f.margin_naive) FILTER (WHERE f.paid > 0) AS margin_naive,
    sum(f.margin_incremental) FILTER (WHERE f.paid > 0) AS margin_incremental
  FROM mdf_fund AS f GROUP BY f.program_id
)
SELECT u.program_id, coalesce(u.name, ${lit(NO_PROGRAMME)}) AS name, w.starts_on, w.ends_on, b.budget AS allocated, b.enrolled_partners,
  u.partners_requesting, u.requests, u.requested, u.approved, u.claimed, u.paid,
  b.budget - u.approved AS available, u.paid / nullif(b.budget, 0) AS utilisation, u.paid < ${lit(below)} * b.budget AS underused,
  u.margin_naive, u.margin_incremental,
  (u.margin_naive - u.paid) / nullif(u.paid, 0) AS roi_naive,
  (u.margin_incremental - u.paid) / nullif(u.paid, 0) AS roi_incremental,
  params.as_of
FROM per_fund AS u
CROSS JOIN params
LEFT JOIN mdf_budget AS b ON b.program_id = u.program_id
LEFT JOIN win AS w ON w.program_id = u.program_id
ORDER BY u.program_id IS NULL, w.starts_on, u.program_id`;
}

const MDF_PARAMS: readonly ParamSpec[] = [
  relationParam('mdf', 'Fund requests', 'partner_id, program_id (may be empty), activity, requested_at, requested, approved, claimed, paid.'),
  DEALS_PARAM,
  PARTNERS_PARAM,
  relationParam('programs', 'Programmes', 'program_id, name, starts_on, ends_on, cost (and budget, when the funds differ from the cost).'),
  relationParam('enrolments', 'Enrolments', 'Which partner is enrolled in which programme: program_id, partner_id.'),
  {
    name: 'as_of',
    kind: 'date',
    label: 'As of',
    doc: 'Requests and deals on or after this day are ignored. Empty: the day after the latest won deal.',
    default: null,
  },
  { name: 'underused_below', kind: 'number', label: 'Under-used below', doc: 'A fund paid out below this share of its allocation (0.5 = 50 %) is flagged under-used.', default: 0.5 },
];

export function readMdf(p: ParamValues): MdfOptions {
  return {
    mdf: readRelation(p, 'mdf', 'mdf'),
    deals: readRelation(p, 'deals', 'deals'),
    partners: readRelation(p, 'partners', 'partners'),
    programs: readRelation(p, 'programs', 'programs'),
    enrolments: readRelation(p, 'enrolments', 'enrolments'),
    asOf: readDate(p, 'as_of'),
    underusedBelow: readNumber(p, 'underused_below', 0.5) ?? 0.5,
  };
}

export const mdfDefinitions: AnalysisDef[] = [
  {
    id: 'mdf.funds',
    title: 'Marketing funds per partner',
    description:
      'For each partner and programme: the funds allocated, requested, approved, claimed and paid, what is left, how much was used, ' +
      'and what the funds brought back (naive and incremental margin, with cost = paid).',
    params: MDF_PARAMS,
    sql: (p) => mdfFundsSql(readMdf(p)),
  },
  {
    id: 'mdf.programs',
    title: 'Marketing funds per programme',
    description: 'Each fund as a whole: its budget, how much of it partners asked for and were paid, whether it is under-used, and its return.',
    params: MDF_PARAMS,
    sql: (p) => mdfProgramsSql(readMdf(p)),
  },
];
