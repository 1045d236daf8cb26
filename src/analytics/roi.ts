/**
 * Programme ROI (DOMAIN.md "Programme ROI"): what each incentive programme cost and what it brought,
 * measured two ways that must not be confused — the naive margin (everything enrolled partners earned
 * during the programme) and the incremental margin (a difference in differences against partners not
 * enrolled).
 */
import { AS_OF_PARAM, DEALS_PARAM, PARTNERS_PARAM, readDate, readRelation, relationParam } from './core-params';
import { asOfExpr, wonPartnerDeal } from './core-sql';
import { ident } from './sql';
import type { AnalysisDef } from './types';

/** Days in an average month (365.25 / 12), to turn a daily margin into a monthly one. */
export const DAYS_PER_MONTH = 30.4375;

export interface RoiOptions {
  deals?: string;
  partners?: string;
  programs?: string;
  enrolments?: string;
  /** Deals on or after it are ignored and a running programme is measured up to the day before. */
  asOf?: string | null;
}

/** z for a two-sided 95 % interval. */
const Z95 = 1.96;

/**
 * The CTEs of a programme's difference in differences, for programRoiSql and for the return on marketing
 * funds (mdf.ts): params (as_of), won (partner_id, closed_at, margin), prog, days, win (program_id, name,
 * starts_on, ends_on, cost, measured_until, window_days, pre_start), enrolled, everyone, busy, groups, and
 * per_partner (program_id, partner_id, grp 'enrolled' | 'control', during, before: its margin in the
 * window and in the pre-period). Definitions in programRoiSql.
 */
export function programChangeCtes(opts: RoiOptions = {}): string {
  const deals = ident(opts.deals ?? 'deals');
  const partners = ident(opts.partners ?? 'partners');
  const programs = ident(opts.programs ?? 'programs');
  const enrolments = ident(opts.enrolments ?? 'enrolments');
  return `params AS (SELECT ${asOfExpr(opts.deals ?? 'deals', opts.asOf)} AS as_of),
won AS (
  SELECT d.partner_id, CAST(d.closed_at AS DATE) AS closed_at, d.amount * d.gross_margin AS margin
  FROM ${deals} AS d, params
  WHERE ${wonPartnerDeal('d')} AND CAST(d.closed_at AS DATE) < params.as_of
),
prog AS (
  SELECT p.program_id, p.name, CAST(p.starts_on AS DATE) AS starts_on, CAST(p.ends_on AS DATE) AS ends_on, p.cost,
    least(coalesce(CAST(p.ends_on AS DATE), params.as_of - 1), params.as_of - 1) AS measured_until
  FROM ${programs} AS p, params
),
days AS (SELECT *, CAST(greatest(measured_until - starts_on + 1, 0) AS INTEGER) AS window_days FROM prog),
win AS (SELECT *, starts_on - window_days AS pre_start FROM days),
enrolled AS (SELECT DISTINCT program_id, partner_id FROM ${enrolments} WHERE partner_id IS NOT NULL),
everyone AS (
  SELECT partner_id FROM ${partners} WHERE partner_id IS NOT NULL
  UNION
  SELECT partner_id FROM enrolled
),
busy AS (
  SELECT DISTINCT w.program_id, o.partner_id
  FROM win AS w
  JOIN enrolled AS o ON o.program_id <> w.program_id
  JOIN prog AS other ON other.program_id = o.program_id
  WHERE other.starts_on <= w.measured_until AND coalesce(other.ends_on, other.measured_until) >= w.pre_start
),
groups AS (
  SELECT w.program_id, e.partner_id,
    CASE WHEN en.partner_id IS NOT NULL THEN 'enrolled' WHEN b.partner_id IS NULL THEN 'control' END AS grp
  FROM win AS w
  CROSS JOIN everyone AS e
  LEFT JOIN enrolled AS en ON en.program_id = w.program_id AND en.partner_id = e.partner_id
  LEFT JOIN busy AS b ON b.program_id = w.program_id AND b.partner_id = e.partner_id
),
per_partner AS (
  SELECT g.program_id, g.partner_id, g.grp,
    coalesce(sum(d.margin) FILTER (WHERE d.closed_at >= w.starts_on), 0) AS during,
    coalesce(sum(d.margin) FILTER (WHERE d.closed_at < w.starts_on), 0) AS before
  FROM groups AS g
  JOIN win AS w ON w.program_id = g.program_id
  LEFT JOIN won AS d ON d.partner_id = g.partner_id AND d.closed_at >= w.pre_start AND d.closed_at <= w.measured_until
  WHERE g.grp IS NOT NULL
  GROUP BY g.program_id, g.partner_id, g.grp
)`;
}

/**
 * One row per programme. Definitions (margin = amount × gross_margin of won deals):
 * - window: starts_on … min(ends_on, as-of − 1), `window_days` days; pre-period: the same number of days
 *   just before starts_on (whole-year programmes thus compare like seasons).
 * - enrolled: partners in `enrolments` for the programme, treated for the whole window.
 *   control: every other partner, except those enrolled in another programme whose window overlaps this
 *   one's pre-period or window (they carry another programme's effect).
 * - change of a partner = its margin during the window − its margin in the pre-period.
 * - incremental_daily_margin = (mean change of the enrolled − mean change of the control) ÷ window_days,
 *   i.e. the difference in differences of margin per partner-day;
 *   margin_incremental = that × enrolled_partners × window_days.
 * - margin_incremental_low / _high: its 95 % interval, ± 1.96 standard errors, the standard error being
 *   enrolled_partners × √(var(changes of enrolled) / n_enrolled + var(changes of control) / n_control).
 * - margin_naive = all margin of the enrolled partners during the window.
 * - roi_naive / roi_incremental = (margin − cost) ÷ cost, NULL when cost is 0.
 * - payback_months_incremental = cost ÷ (margin_incremental per month), NULL when that margin is ≤ 0.
 * `note` says why a figure is NULL or should be read with care.
 */
export function programRoiSql(opts: RoiOptions = {}): string {
  return `WITH
${programChangeCtes(opts)},
agg AS (
  SELECT program_id,
    count(*) FILTER (WHERE grp = 'enrolled') AS n_e,
    count(*) FILTER (WHERE grp = 'control') AS n_c,
    sum(during) FILTER (WHERE grp = 'enrolled') AS margin_naive,
    avg(before) FILTER (WHERE grp = 'enrolled') AS e_before,
    avg(during) FILTER (WHERE grp = 'enrolled') AS e_during,
    avg(before) FILTER (WHERE grp = 'control') AS c_before,
    avg(during) FILTER (WHERE grp = 'control') AS c_during,
    var_samp(during - before) FILTER (WHERE grp = 'enrolled') AS e_var,
    var_samp(during - before) FILTER (WHERE grp = 'control') AS c_var
  FROM per_partner GROUP BY program_id
),
est AS (
  SELECT w.*, coalesce(a.n_e, 0) AS enrolled_partners, coalesce(a.n_c, 0) AS control_partners,
    CASE WHEN w.window_days > 0 THEN coalesce(a.margin_naive, 0) END AS margin_naive,
    CASE WHEN w.window_days > 0 THEN a.e_before / w.window_days END AS enrolled_daily_margin_before,
    CASE WHEN w.window_days > 0 THEN a.e_during / w.window_days END AS enrolled_daily_margin_during,
    CASE WHEN w.window_days > 0 THEN a.c_before / w.window_days END AS control_daily_margin_before,
    CASE WHEN w.window_days > 0 THEN a.c_during / w.window_days END AS control_daily_margin_during,
    CASE WHEN w.window_days > 0 THEN ((a.e_during - a.e_before) - (a.c_during - a.c_before)) / w.window_days END AS incremental_daily_margin,
    CASE WHEN w.window_days > 0 THEN a.n_e * sqrt(a.e_var / a.n_e + a.c_var / a.n_c) END AS standard_error
  FROM win AS w LEFT JOIN agg AS a ON a.program_id = w.program_id
),
totals AS (
  SELECT *, incremental_daily_margin * enrolled_partners * window_days AS margin_incremental FROM est
),
first_deal AS (SELECT min(closed_at) AS first_day FROM won)
SELECT t.program_id, t.name, t.starts_on, t.ends_on, t.measured_until, t.window_days, t.pre_start, t.cost,
  t.enrolled_partners, t.control_partners,
  t.enrolled_daily_margin_before, t.enrolled_daily_margin_during, t.control_daily_margin_before, t.control_daily_margin_during,
  t.incremental_daily_margin,
  t.margin_naive,
  t.margin_incremental,
  t.margin_incremental - ${Z95} * t.standard_error AS margin_incremental_low,
  t.margin_incremental + ${Z95} * t.standard_error AS margin_incremental_high,
  (t.margin_naive - t.cost) / nullif(t.cost, 0) AS roi_naive,
  (t.margin_incremental - t.cost) / nullif(t.cost, 0) AS roi_incremental,
  CASE WHEN t.margin_incremental > 0 THEN t.cost / (t.margin_incremental / t.window_days * ${DAYS_PER_MONTH}) END AS payback_months_incremental,
  nullif(concat_ws('; ',
    CASE WHEN t.window_days = 0 THEN 'not started before the as-of date' END,
    CASE WHEN t.window_days > 0 AND t.ends_on IS DISTINCT FROM t.measured_until THEN 'still running: measured up to ' || CAST(t.measured_until AS VARCHAR) END,
    CASE WHEN t.enrolled_partners = 0 THEN 'no enrolled partner' END,
    CASE WHEN t.control_partners = 0 THEN 'no partner outside the programme to compare with' END,
    CASE WHEN t.margin_incremental - ${Z95} * t.standard_error <= 0 AND t.margin_incremental + ${Z95} * t.standard_error >= 0
      THEN 'the 95 % interval includes 0: no effect cannot be ruled out' END,
    CASE WHEN t.cost = 0 THEN 'cost is 0: ROI undefined' END,
    CASE WHEN t.window_days > 0 AND t.pre_start < f.first_day THEN 'pre-period starts before the first deal in the data' END
  ), '') AS note
FROM totals AS t CROSS JOIN first_deal AS f
ORDER BY t.starts_on, t.program_id`;
}

export const roiDefinitions: AnalysisDef[] = [
  {
    id: 'roi.programs',
    title: 'Programme ROI',
    description:
      'For each partner programme: what it cost, the margin its partners made (naive), the extra margin it caused ' +
      'compared with partners not enrolled (incremental), the ROI of each, and how many months the extra margin takes to pay the cost back.',
    params: [
      DEALS_PARAM,
      PARTNERS_PARAM,
      relationParam('programs', 'Programmes', 'The programmes table: program_id, name, starts_on, ends_on, cost.'),
      relationParam('enrolments', 'Enrolments', 'Which partner is enrolled in which programme: program_id, partner_id.'),
      AS_OF_PARAM,
    ],
    sql: (p) =>
      programRoiSql({
        deals: readRelation(p, 'deals', 'deals'),
        partners: readRelation(p, 'partners', 'partners'),
        programs: readRelation(p, 'programs', 'programs'),
        enrolments: readRelation(p, 'enrolments', 'enrolments'),
        asOf: readDate(p, 'as_of'),
      }),
  },
];
