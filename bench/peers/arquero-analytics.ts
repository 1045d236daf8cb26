/**
 * The benchmark's analyses written for Arquero, the JavaScript data-frame peer, with its own verbs
 * (filter, groupby/rollup, window functions, joins), the way a JS developer would write them without
 * SQL. They compute what the library's SQL computes at its default parameters (all history, the as-of
 * date derived from the data, monthly cohorts by first deal, top 20 %); test/bench checks that they give
 * the same rows.
 *
 * Arquero compiles expression functions from their source text, where `op` must appear by that name:
 * a local `op` keeps Vite's module transform from renaming it. Values: dates are JS Dates (UTC
 * midnights), missing values null or undefined.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { RFM_SEGMENTS, NO_PURCHASE, TOP_PCT, type AnalysisContext } from '../../src/analytics';

const op = aq.op;
const DAY_MS = 86_400_000;

export interface ArqueroTables {
  deals: ColumnTable;
  partners: ColumnTable;
}

/** Won deals with a partner and a close date (the library's `wonPartnerDeal`), as numbers of ms. */
function wonDeals(deals: ColumnTable): ColumnTable {
  return deals
    .filter((d: any) => op.lower(op.trim(d.status)) === 'won' && d.partner_id != null && d.closed_at != null)
    .derive({ closed: (d: any) => +d.closed_at });
}

/** The day after the latest won deal, in ms (the library's default as-of date). */
function asOfMs(won: ColumnTable): number {
  return (won.rollup({ last: (d: any) => op.max(d.closed) }).get('last', 0) as number) + DAY_MS;
}

/** Won deals before the as-of date, and that date. */
function wonBefore(deals: ColumnTable): { won: ColumnTable; asOf: number } {
  const all = wonDeals(deals);
  const asOf = asOfMs(all);
  return { won: all.params({ asOf }).filter((d: any, $: any) => d.closed < $.asOf), asOf };
}

/**
 * The library's tie-aware quintile score (`quintileScoreExpr`, DOMAIN.md): with `below` the rows
 * strictly worse and n rows, score = min(5, 1 + ⌊5 · below / n⌋), computed in integers.
 */
function quintile(t: ColumnTable, column: string, better: 'higher' | 'lower', out: string): ColumnTable {
  const n = t.numRows();
  return t
    .orderby(better === 'higher' ? column : aq.desc(column))
    .derive({ _below: () => op.rank() - 1 })
    .params({ n })
    .derive({ [out]: (d: any, $: any) => op.least(5, 1 + op.floor((5 * d._below) / $.n)) })
    .select(aq.not('_below'))
    .unorder();
}

function segmentOf(r: number | null | undefined, f: number | null | undefined): string {
  if (r == null || f == null) return NO_PURCHASE.name;
  const s = RFM_SEGMENTS.find((x) => r >= x.r[0] && r <= x.r[1] && f >= x.f[0] && f <= x.f[1]);
  if (!s) throw new Error(`No RFM segment for R=${r}, F=${f}.`);
  return s.name;
}

/** rfm.scores: one row per partner (listed, or with a won deal), biggest revenue first. */
export function rfmScores({ deals, partners }: ArqueroTables): ColumnTable {
  const { won, asOf } = wonBefore(deals);
  let rfm = won
    .groupby('partner_id')
    .rollup({ last: (d: any) => op.max(d.closed), frequency: () => op.count(), monetary: (d: any) => op.sum(d.amount) })
    .params({ asOf, day: DAY_MS })
    .derive({ recency_days: (d: any, $: any) => ($.asOf - d.last) / $.day });
  rfm = quintile(quintile(quintile(rfm, 'recency_days', 'lower', 'r_score'), 'frequency', 'higher', 'f_score'), 'monetary', 'higher', 'm_score');
  const names = partners.filter((d: any) => d.partner_id != null).select('partner_id', 'name');
  const everyone = names.select('partner_id').union(rfm.select('partner_id'));
  return everyone
    .join_left(names, 'partner_id')
    .join_left(rfm, 'partner_id')
    .derive({
      rfm: aq.escape((d: any) => (d.r_score == null ? null : `${d.r_score}${d.f_score}${d.m_score}`)),
      segment: aq.escape((d: any) => segmentOf(d.r_score, d.f_score)),
    })
    .orderby(aq.desc((d: any) => (d.monetary == null ? -Infinity : d.monetary)), 'partner_id');
}

/** Months since year 0, so that month arithmetic is integer arithmetic. */
const monthIndex = (ms: number) => {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/** A two-column join key: a plain pair of names would mean "left column, right column". */
const CELL_KEY: [string[], string[]] = [
  ['cohort', 'period'],
  ['cohort', 'period'],
];

/**
 * cohorts.retention (monthly cohorts of the first won deal): a full rectangle of cohort × period, the
 * cells not yet observable (their month not over before the as-of date) set to null.
 */
export function cohortRetention({ deals }: ArqueroTables): ColumnTable {
  const { won, asOf } = wonBefore(deals);
  const dated = won.derive({ month: aq.escape((d: any) => monthIndex(d.closed)) });
  const members = dated.groupby('partner_id').rollup({ cohort: (d: any) => op.min(d.month) });
  const activity = dated
    .join(members, 'partner_id')
    .derive({ period: (d: any) => d.month - d.cohort })
    .groupby('partner_id', 'cohort', 'period')
    .rollup({ revenue: (d: any) => op.sum(d.amount) });
  const lastSeen = activity.groupby('partner_id', 'cohort').rollup({ last_period: (d: any) => op.max(d.period) });
  const sizes = members.groupby('cohort').rollup({ cohort_size: () => op.count() });
  const asOfMonth = monthIndex(asOf);
  const lastPeriod = monthIndex(asOf - DAY_MS) - (sizes.rollup({ first: (d: any) => op.min(d.cohort) }).get('first', 0) as number);
  const periods = aq.table({ period: Array.from({ length: lastPeriod + 1 }, (_, k) => k) });
  const grid = sizes
    .cross(periods)
    .params({ asOfMonth })
    .derive({ observed: (d: any, $: any) => d.cohort + d.period + 1 <= $.asOfMonth });
  const cells = activity.groupby('cohort', 'period').rollup({ active: () => op.count(), revenue: (d: any) => op.sum(d.revenue) });
  // Partners of a cohort still buying in period k or later: count them by their last period, then
  // add up the counts of last periods ≥ k.
  const byLast = lastSeen.groupby('cohort', 'last_period').rollup({ n: () => op.count() });
  const unbounded = grid
    .select('cohort', 'period')
    .join(byLast, 'cohort')
    .filter((d: any) => d.last_period >= d.period)
    .groupby('cohort', 'period')
    .rollup({ unbounded: (d: any) => op.sum(d.n) });
  const base = cells.filter((d: any) => d.period === 0).select('cohort', { revenue: 'revenue0' });
  return grid
    .join_left(cells, CELL_KEY)
    .join_left(unbounded, CELL_KEY)
    .join_left(base, 'cohort')
    .derive({
      cohort_start: aq.escape((d: any) => Date.UTC(Math.floor(d.cohort / 12), d.cohort % 12, 1)),
      period_start: aq.escape((d: any) => Date.UTC(Math.floor((d.cohort + d.period) / 12), (d.cohort + d.period) % 12, 1)),
      active_partners: (d: any) => (d.observed ? (d.active == null ? 0 : d.active) : null),
      unbounded_partners: (d: any) => (d.observed ? (d.unbounded == null ? 0 : d.unbounded) : null),
      revenue: (d: any) => (d.observed ? (d.revenue == null ? 0 : d.revenue) : null),
    })
    .derive({
      partner_retention: (d: any) => (d.observed ? d.active_partners / d.cohort_size : null),
      unbounded_retention: (d: any) => (d.observed ? d.unbounded_partners / d.cohort_size : null),
      revenue_retention: (d: any) => (d.observed && d.revenue0 ? d.revenue / d.revenue0 : null),
    })
    .select(aq.not('active', 'unbounded', 'revenue0'))
    .orderby('cohort', 'period');
}

/** pareto.curve: every partner (listed, or with a won deal) ranked by revenue, with cumulative shares. */
export function paretoCurve({ deals, partners }: ArqueroTables): ColumnTable {
  const { won } = wonBefore(deals);
  const listed = partners.filter((d: any) => d.partner_id != null);
  const universe = listed.select('partner_id').union(won.select('partner_id'));
  const revenue = won.groupby('partner_id').rollup({ revenue: (d: any) => op.sum(d.amount) });
  const n = universe.numRows();
  // ⌈20 % × n⌉ in integers: (20n + 99) div 100.
  const topCount = Math.floor((TOP_PCT * n + 99) / 100);
  const ranked = universe
    .join_left(revenue, 'partner_id')
    .derive({ revenue: (d: any) => (d.revenue == null ? 0 : d.revenue) })
    .orderby(aq.desc('revenue'), 'partner_id')
    .derive({ rank: () => op.row_number() });
  const total = ranked.rollup({ t: (d: any) => op.sum(d.revenue) }).get('t', 0) as number;
  return ranked
    .params({ n, total, topCount })
    .derive({
      revenue_share: (d: any, $: any) => ($.total ? d.revenue / $.total : null),
      partner_share_cum: (d: any, $: any) => d.rank / $.n,
      revenue_share_cum: aq.rolling((d: any) => op.sum(d.revenue)),
      in_tail: (d: any, $: any) => !(d.rank <= $.topCount && d.revenue > 0),
    })
    .params({ total })
    .derive({ revenue_share_cum: (d: any, $: any) => ($.total ? d.revenue_share_cum / $.total : null) })
    .join_left(listed.select('partner_id', 'name', 'tier'), 'partner_id')
    .orderby('rank');
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The won-deal history of each partner that churn.bgnbd fits its models on (the rows of the library's
 * `churnHistorySql`): deal days, first and last, revenue, mean value of the repeat days.
 */
export function churnHistories({ deals, partners }: ArqueroTables): Record<string, unknown>[] {
  const { won, asOf } = wonBefore(deals);
  const daily = won.groupby('partner_id', 'closed').rollup({ deals: () => op.count(), amount: (d: any) => op.sum(d.amount) });
  const names = partners.groupby('partner_id').rollup({ name: (d: any) => op.min(d.name) });
  return daily
    .groupby('partner_id')
    .orderby('closed')
    .derive({ repeat: (d: any) => (op.row_number() > 1 ? d.amount : null) })
    .rollup({
      first: (d: any) => op.min(d.closed),
      last: (d: any) => op.max(d.closed),
      won_deals: (d: any) => op.sum(d.deals),
      deal_days: () => op.count(),
      revenue: (d: any) => op.sum(d.amount),
      repeat_day_value: (d: any) => op.mean(d.repeat),
    })
    .join_left(names, 'partner_id')
    .orderby('partner_id')
    .objects()
    .map((r: any) => ({
      partner_id: r.partner_id,
      name: r.name ?? null,
      first_deal_on: isoDay(r.first),
      last_deal_on: isoDay(r.last),
      won_deals: r.won_deals,
      deal_days: r.deal_days,
      revenue: r.revenue,
      repeat_day_value: r.repeat_day_value ?? null,
      recency_days: (r.last - r.first) / DAY_MS,
      age_days: (asOf - r.first) / DAY_MS,
      days_since_last: (asOf - r.last) / DAY_MS,
      as_of: isoDay(asOf),
    }));
}

/**
 * The histories marked as `churnHistoryStatsSql` marks them (the query churn.bgnbd asks for): the first
 * partner (by id) of each distinct (deal_days, recency_days, age_days) and of each (deal_days,
 * repeat_day_value), with how many partners share it — the sufficient statistics the fits read.
 */
export function markHistories(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const sorted = [...rows].sort((a, b) => (String(a.partner_id) < String(b.partner_id) ? -1 : String(a.partner_id) > String(b.partner_id) ? 1 : 0));
  const historyKey = (r: Record<string, unknown>) => `${r.deal_days}|${r.recency_days}|${r.age_days}`;
  const spendKey = (r: Record<string, unknown>) => `${r.deal_days}|${r.repeat_day_value}`;
  const counts = (key: (r: Record<string, unknown>) => string) => {
    const m = new Map<string, number>();
    for (const r of sorted) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const histories = counts(historyKey);
  const spends = counts(spendKey);
  const seenHistory = new Set<string>();
  const seenSpend = new Set<string>();
  return sorted.map((r) => {
    const h = historyKey(r);
    const s = spendKey(r);
    const out = { ...r, history_first: !seenHistory.has(h), history_partners: histories.get(h)!, spend_first: !seenSpend.has(s), spend_partners: spends.get(s)! };
    seenHistory.add(h);
    seenSpend.add(s);
    return out;
  });
}

/**
 * What churn.bgnbd reads through its context: the one query it asks for is the history, which Arquero
 * answers; the model fits are the library's own JS code, as in the app.
 */
export function churnContext(tables: ArqueroTables): AnalysisContext {
  let asked = false;
  return {
    async rows() {
      if (asked) throw new Error('churn.bgnbd asked for a second query; the Arquero peer answers only the history.');
      asked = true;
      return markHistories(churnHistories(tables));
    },
  };
}
