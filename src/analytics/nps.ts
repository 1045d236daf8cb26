/**
 * NPS of the partner programme (DOMAIN.md "NPS"): from each partner's latest answer (0–10) in a period,
 * NPS = % promoters (9–10) − % detractors (0–6), overall and by segment, sector and tier, with DOMAIN's
 * 95 % interval; and whether the NPS really changed between two periods.
 *
 * - `nps.summary`: one row per period × breakdown group.
 * - `nps.change`: one row per breakdown group: two periods side by side, the change and its test.
 */
import { PARTNERS_PARAM, readDate, readEnum, readOptionalRelation, readRelation } from './core-params';
import { dateLit, ident, lit } from './sql';
import type { AnalysisDef, ParamSpec, ParamValues } from './types';

export const NPS_PERIODS = ['year', 'quarter', 'month', 'all'] as const;
export type NpsPeriod = (typeof NPS_PERIODS)[number];
/** Periods between which a change can be measured. */
export const NPS_CHANGE_PERIODS = ['year', 'quarter', 'month'] as const;
export type NpsChangePeriod = (typeof NPS_CHANGE_PERIODS)[number];

/** z of a two-sided 95 % interval, as in DOMAIN.md. */
const Z95 = 1.96;

const LABEL: Record<NpsPeriod, (d: string) => string> = {
  year: (d) => `CAST(year(${d}) AS VARCHAR)`,
  quarter: (d) => `CAST(year(${d}) AS VARCHAR) || '-Q' || CAST(quarter(${d}) AS VARCHAR)`,
  month: (d) => `strftime(${d}, '%Y-%m')`,
  all: () => `'all'`,
};

/** First day of the period holding the date expression `d`; NULL for the single period 'all'. */
function periodStart(period: NpsPeriod, d: string): string {
  return period === 'all' ? 'CAST(NULL AS DATE)' : `CAST(date_trunc(${lit(period)}, ${d}) AS DATE)`;
}

export interface NpsOptions {
  /** partner_id, answered_at, score. */
  surveys?: string;
  /** For the sector and tier breakdowns. */
  partners?: string;
  /** Any relation with partner_id, segment; null: no segment breakdown. */
  segments?: string | null;
  period?: NpsPeriod;
}

/** Breakdowns in display order. */
const DIMENSIONS = ['overall', 'segment', 'sector', 'tier'] as const;

/**
 * One row per period and group: period_start (NULL for 'all'), period, dimension ('overall', 'segment',
 * 'sector', 'tier'), group_name ('All partners' for overall; '(unknown)' when the partner has no value),
 * respondents, promoters, passives, detractors, promoter_pct, detractor_pct, nps (points, −100 … 100),
 * std_error (points), ci_low, ci_high.
 *
 * Each partner counts once per period, with its latest answer (on a day with two answers, the lower
 * score: the cautious reading). Answers without partner, date, or a score in 0–10 are ignored.
 * Interval: with shares pP and pD of n respondents, var = (pP + pD − (pP − pD)²) / n and
 * NPS ± 1.96·√var (× 100 in points), clamped to [−100, 100] as the R package `NPS` does: the normal
 * approximation can reach past the scale (9 promoters and 2 detractors of 11 give 63.6 ± 45.6), and an
 * NPS above 100 cannot happen. Below about 30 respondents the approximation is rough.
 */
export function npsSummarySql(o: NpsOptions = {}): string {
  const period = o.period ?? 'year';
  const surveys = ident(o.surveys ?? 'surveys');
  const partners = ident(o.partners ?? 'partners');
  const segCte = o.segments
    ? `SELECT partner_id, min(CAST(segment AS VARCHAR)) AS segment FROM ${ident(o.segments)} GROUP BY partner_id`
    : `SELECT CAST(NULL AS VARCHAR) AS partner_id, CAST(NULL AS VARCHAR) AS segment WHERE false`;
  const branch = (dimension: string, value: string) =>
    `SELECT period_start, ${lit(dimension)} AS dimension, ${value} AS group_name, score FROM attrs`;
  const branches = [
    branch('overall', `'All partners'`),
    ...(o.segments ? [branch('segment', `coalesce(segment, '(unknown)')`)] : []),
    branch('sector', `coalesce(CAST(sector AS VARCHAR), '(unknown)')`),
    branch('tier', `coalesce(nullif(trim(CAST(tier AS VARCHAR)), ''), '(unknown)')`),
  ];
  return `WITH
answers AS (
  SELECT s.partner_id, CAST(s.answered_at AS DATE) AS answered_on, s.score,
    ${periodStart(period, 'CAST(s.answered_at AS DATE)')} AS period_start
  FROM ${surveys} AS s
  WHERE s.partner_id IS NOT NULL AND s.answered_at IS NOT NULL AND s.score BETWEEN 0 AND 10
),
latest AS (
  SELECT * FROM answers
  QUALIFY row_number() OVER (PARTITION BY partner_id, period_start ORDER BY answered_on DESC, score ASC) = 1
),
seg AS (${segCte}),
attrs AS (
  SELECT l.period_start, l.score, p.sector, p.tier, seg.segment
  FROM latest AS l
  LEFT JOIN ${partners} AS p ON p.partner_id = l.partner_id
  LEFT JOIN seg ON seg.partner_id = l.partner_id
),
long AS (
  ${branches.join('\n  UNION ALL\n  ')}
),
counts AS (
  SELECT period_start, dimension, group_name, count(*) AS respondents,
    count(*) FILTER (WHERE score >= 9) AS promoters,
    count(*) FILTER (WHERE score >= 7 AND score < 9) AS passives,
    count(*) FILTER (WHERE score < 7) AS detractors
  FROM long GROUP BY period_start, dimension, group_name
),
shares AS (SELECT *, promoters / respondents AS p_p, detractors / respondents AS p_d FROM counts)
SELECT period_start, ${LABEL[period]('period_start')} AS period, dimension, group_name, respondents, promoters, passives, detractors,
  100 * p_p AS promoter_pct, 100 * p_d AS detractor_pct, 100 * (p_p - p_d) AS nps,
  100 * sqrt(greatest(p_p + p_d - (p_p - p_d) ^ 2, 0) / respondents) AS std_error,
  greatest(-100, 100 * (p_p - p_d) - ${Z95} * 100 * sqrt(greatest(p_p + p_d - (p_p - p_d) ^ 2, 0) / respondents)) AS ci_low,
  least(100, 100 * (p_p - p_d) + ${Z95} * 100 * sqrt(greatest(p_p + p_d - (p_p - p_d) ^ 2, 0) / respondents)) AS ci_high
FROM shares
ORDER BY period_start, ${dimensionOrder('dimension')}, group_name`;
}

function dimensionOrder(col: string): string {
  return `CASE ${col} ${DIMENSIONS.map((d, i) => `WHEN ${lit(d)} THEN ${i}`).join(' ')} END`;
}

export interface NpsChangeOptions extends Omit<NpsOptions, 'period'> {
  period?: NpsChangePeriod;
  /** Any day of the earlier period; null: the latest period with answers before `to`. */
  from?: string | null;
  /** Any day of the later period; null: the latest period with answers. */
  to?: string | null;
}

/**
 * One row per breakdown group present in either period: dimension, group_name, from_period, to_period,
 * respondents_from, nps_from, ci_from_low, ci_from_high, respondents_to, nps_to, ci_to_low, ci_to_high,
 * change (points), change_ci_low, change_ci_high, intervals_overlap, significant, verdict.
 *
 * "Is the change real" is a two-sided z-test on the difference at 5 %: the change's standard error is
 * √(SE_from² + SE_to²), and the change is significant when its 95 % interval, change ± 1.96 × that,
 * leaves out 0. Overlapping per-period intervals (also reported) are a weaker, often misleading rule: two
 * intervals can overlap while the difference is significant. The test treats the two periods as
 * independent samples; the same partners answering both makes it conservative.
 */
export function npsChangeSql(o: NpsChangeOptions = {}): string {
  const period = o.period ?? 'year';
  const summary = npsSummarySql({ ...o, period });
  const to = o.to ? periodStart(period, dateLit(o.to)) : 'NULL';
  const from = o.from ? periodStart(period, dateLit(o.from)) : 'NULL';
  return `WITH
s AS (${summary}),
periods AS (SELECT DISTINCT period_start, period FROM s),
chosen_to AS (SELECT coalesce(${to}, (SELECT max(period_start) FROM periods)) AS to_start),
chosen AS (
  SELECT to_start, coalesce(${from}, (SELECT max(period_start) FROM periods WHERE period_start < to_start)) AS from_start
  FROM chosen_to
),
a AS (SELECT s.* FROM s, chosen WHERE s.period_start = chosen.from_start),
b AS (SELECT s.* FROM s, chosen WHERE s.period_start = chosen.to_start),
joined AS (
  SELECT coalesce(a.dimension, b.dimension) AS dimension, coalesce(a.group_name, b.group_name) AS group_name,
    a.respondents AS respondents_from, a.nps AS nps_from, a.std_error AS se_from, a.ci_low AS ci_from_low, a.ci_high AS ci_from_high,
    b.respondents AS respondents_to, b.nps AS nps_to, b.std_error AS se_to, b.ci_low AS ci_to_low, b.ci_high AS ci_to_high,
    b.nps - a.nps AS change,
    ${Z95} * sqrt(a.std_error ^ 2 + b.std_error ^ 2) AS change_margin
  FROM a FULL JOIN b ON a.dimension = b.dimension AND a.group_name = b.group_name
)
SELECT j.dimension, j.group_name,
  (SELECT period FROM periods WHERE period_start = c.from_start) AS from_period,
  (SELECT period FROM periods WHERE period_start = c.to_start) AS to_period,
  j.respondents_from, j.nps_from, j.ci_from_low, j.ci_from_high,
  j.respondents_to, j.nps_to, j.ci_to_low, j.ci_to_high,
  j.change, j.change - j.change_margin AS change_ci_low, j.change + j.change_margin AS change_ci_high,
  j.ci_from_high >= j.ci_to_low AND j.ci_to_high >= j.ci_from_low AS intervals_overlap,
  abs(j.change) > j.change_margin AS significant,
  CASE WHEN j.change IS NULL THEN 'no answers in one of the periods'
       WHEN abs(j.change) > j.change_margin AND j.change > 0 THEN 'real rise'
       WHEN abs(j.change) > j.change_margin THEN 'real fall'
       ELSE 'could be chance' END AS verdict
FROM joined AS j CROSS JOIN chosen AS c
ORDER BY ${dimensionOrder('j.dimension')}, j.group_name`;
}

const NPS_COMMON: readonly ParamSpec[] = [
  { name: 'surveys', kind: 'relation', label: 'Surveys', doc: 'The survey answers: partner_id, answered_at, score (0–10).', default: 'surveys' },
  PARTNERS_PARAM,
  {
    name: 'segments',
    kind: 'relation',
    label: 'Segments',
    doc: 'Optional: any table or cell with partner_id and segment (e.g. an rfm.scores cell), for an NPS per segment.',
    default: null,
  },
];

function readCommon(p: ParamValues): NpsOptions {
  return {
    surveys: readRelation(p, 'surveys', 'surveys'),
    partners: readRelation(p, 'partners', 'partners'),
    segments: readOptionalRelation(p, 'segments'),
  };
}

export const npsDefinitions: AnalysisDef[] = [
  {
    id: 'nps.summary',
    title: 'Partner NPS',
    description: 'How likely partners are to recommend the programme, per period, overall and by segment, sector and tier, with a 95 % interval.',
    params: [
      ...NPS_COMMON,
      { name: 'period', kind: 'enum', label: 'Period', doc: 'One NPS per year, quarter, month, or over all answers.', options: NPS_PERIODS, default: 'year' },
    ],
    sql: (p) => npsSummarySql({ ...readCommon(p), period: readEnum(p, 'period', NPS_PERIODS, 'year') }),
  },
  {
    id: 'nps.change',
    title: 'NPS change between two periods',
    description: 'Did the NPS really move between two periods, or is the change within what chance alone would give?',
    params: [
      ...NPS_COMMON,
      { name: 'period', kind: 'enum', label: 'Period', doc: 'Compare years, quarters or months.', options: NPS_CHANGE_PERIODS, default: 'year' },
      { name: 'from', kind: 'date', label: 'From', doc: 'Any day of the earlier period. Empty: the period before "to".', default: null },
      { name: 'to', kind: 'date', label: 'To', doc: 'Any day of the later period. Empty: the latest period with answers.', default: null },
    ],
    sql: (p) =>
      npsChangeSql({
        ...readCommon(p),
        period: readEnum(p, 'period', NPS_CHANGE_PERIODS, 'year'),
        from: readDate(p, 'from'),
        to: readDate(p, 'to'),
      }),
  },
];
