/**
 * A second, independent computation of the core analyses: plain TypeScript loops over the raw rows,
 * written from DOMAIN.md's definitions without looking at the SQL. The demo-data tests require the SQL to
 * agree with these on every partner, cohort and programme.
 *
 * Dates are whole days since 1970-01-01 (UTC). Money is summed in cents so that equal revenues stay equal.
 */
import type { Engine } from '../../src/engine/types';
import { rowsOf } from './helpers';

export interface RawDeal {
  partner_id: string | null;
  day: number;
  cents: number;
  margin: number;
  won: boolean;
  end_customer: string | null;
}
export interface RawPartner {
  partner_id: string;
  sector: string | null;
  country: string | null;
  employees: number | null;
  onboarded: number | null;
}
export interface RawProgram {
  program_id: string;
  starts: number;
  ends: number;
  cost: number;
}
export interface Raw {
  deals: RawDeal[];
  partners: RawPartner[];
  programs: RawProgram[];
  enrolments: { program_id: string; partner_id: string }[];
}

const DAY_MS = 86_400_000;
const day = (iso: unknown): number => Date.parse(String(iso)) / DAY_MS;
const optDay = (iso: unknown): number | null => (iso == null ? null : day(iso));

export function isoOf(d: number): string {
  return new Date(d * DAY_MS).toISOString().slice(0, 10);
}

/** Reads the canonical tables into plain rows. */
export async function loadRaw(engine: Engine): Promise<Raw> {
  const deals = await rowsOf(engine, 'SELECT partner_id, closed_at, amount, gross_margin, status, end_customer FROM deals');
  const partners = await rowsOf(engine, 'SELECT partner_id, sector, country, employees, onboarded_at FROM partners');
  const programs = await rowsOf(engine, 'SELECT program_id, starts_on, ends_on, cost FROM programs');
  const enrolments = await rowsOf(engine, 'SELECT program_id, partner_id FROM enrolments');
  return {
    deals: deals
      .filter((d) => d.closed_at != null)
      .map((d) => ({
        partner_id: (d.partner_id as string | null) ?? null,
        day: day(d.closed_at),
        cents: Math.round(Number(d.amount) * 100),
        margin: Number(d.amount) * Number(d.gross_margin ?? 0),
        won: String(d.status).toLowerCase() === 'won',
        end_customer: (d.end_customer as string | null) ?? null,
      })),
    partners: partners.map((p) => ({
      partner_id: String(p.partner_id),
      sector: (p.sector as string | null) ?? null,
      country: (p.country as string | null) ?? null,
      employees: p.employees == null ? null : Number(p.employees),
      onboarded: optDay(p.onboarded_at),
    })),
    programs: programs.map((p) => ({ program_id: String(p.program_id), starts: day(p.starts_on), ends: day(p.ends_on), cost: Number(p.cost) })),
    enrolments: enrolments.map((e) => ({ program_id: String(e.program_id), partner_id: String(e.partner_id) })),
  };
}

/** Won deals of a partner closed before the as-of day. */
function wonBefore(raw: Raw, asOf: number): (RawDeal & { partner_id: string })[] {
  return raw.deals.filter((d): d is RawDeal & { partner_id: string } => d.won && d.partner_id !== null && d.day < asOf);
}

export function defaultAsOf(raw: Raw): number {
  let last = -Infinity;
  for (const d of raw.deals) if (d.won && d.partner_id !== null && d.day > last) last = d.day;
  return last + 1;
}

// ---------------------------------------------------------------------------------------------- RFM

/** DOMAIN.md's segment table as a grid: SEGMENT_GRID[R][F − 1]. */
export const SEGMENT_GRID: Record<number, readonly string[]> = {
  5: ['New', 'Potential loyalists', 'Potential loyalists', 'Champions', 'Champions'],
  4: ['Promising', 'Potential loyalists', 'Potential loyalists', 'Loyal', 'Loyal'],
  3: ['About to sleep', 'About to sleep', 'Needs attention', 'Loyal', 'Loyal'],
  2: ['Hibernating', 'Hibernating', 'At risk', 'At risk', "Can't lose"],
  1: ['Hibernating', 'Hibernating', 'At risk', 'At risk', "Can't lose"],
};

/**
 * Quintile score of each value, DOMAIN.md's rule: with `below` the values strictly worse and n values,
 * min(5, 1 + ⌊5 · below / n⌋). Counted by a plain double loop, not by ranking.
 */
export function quintileScores(values: readonly number[], higherIsBetter: boolean): number[] {
  const n = values.length;
  return values.map((v) => {
    let below = 0;
    for (const w of values) if (higherIsBetter ? w < v : w > v) below++;
    return Math.min(5, 1 + Math.floor((5 * below) / n));
  });
}

export interface RfmRef {
  recency: number | null;
  frequency: number | null;
  monetaryCents: number | null;
  r: number | null;
  f: number | null;
  m: number | null;
  segment: string;
}

export function rfmReference(raw: Raw, asOf: number, windowDays: number | null): Map<string, RfmRef> {
  const from = windowDays && windowDays > 0 ? asOf - windowDays : -Infinity;
  const stats = new Map<string, { last: number; count: number; cents: number }>();
  for (const d of wonBefore(raw, asOf)) {
    if (d.day < from) continue;
    const s = stats.get(d.partner_id) ?? { last: -Infinity, count: 0, cents: 0 };
    s.last = Math.max(s.last, d.day);
    s.count++;
    s.cents += d.cents;
    stats.set(d.partner_id, s);
  }
  const ids = [...stats.keys()];
  const rec = ids.map((id) => asOf - stats.get(id)!.last);
  const r = quintileScores(rec, false);
  const f = quintileScores(ids.map((id) => stats.get(id)!.count), true);
  const m = quintileScores(ids.map((id) => stats.get(id)!.cents), true);
  const out = new Map<string, RfmRef>();
  for (const p of raw.partners) {
    out.set(p.partner_id, { recency: null, frequency: null, monetaryCents: null, r: null, f: null, m: null, segment: 'No purchase' });
  }
  ids.forEach((id, k) => {
    const s = stats.get(id)!;
    out.set(id, { recency: rec[k]!, frequency: s.count, monetaryCents: s.cents, r: r[k]!, f: f[k]!, m: m[k]!, segment: SEGMENT_GRID[r[k]!]![f[k]! - 1]! });
  });
  return out;
}

// ------------------------------------------------------------------------------------------ cohorts

const STEP = { month: 1, quarter: 3, year: 12 } as const;
export type Grain = keyof typeof STEP;

function periodOf(d: number, grain: Grain): number {
  const dt = new Date(d * DAY_MS);
  return Math.floor((dt.getUTCFullYear() * 12 + dt.getUTCMonth()) / STEP[grain]);
}
function firstDayOf(period: number, grain: Grain): number {
  const months = period * STEP[grain];
  return Date.UTC(Math.floor(months / 12), months % 12, 1) / DAY_MS;
}

export interface CohortCellRef {
  size: number;
  observed: boolean;
  active: number | null;
  unbounded: number | null;
  revenueCents: number | null;
  revenueRetention: number | null;
}

/** Keyed `YYYY-MM-DD|k` (cohort start, period). */
export function cohortReference(raw: Raw, asOf: number, grain: Grain, basis: 'first_deal' | 'onboarding'): Map<string, CohortCellRef> {
  const won = wonBefore(raw, asOf);
  const cohortOf = new Map<string, number>();
  if (basis === 'first_deal') {
    for (const d of won) cohortOf.set(d.partner_id, Math.min(cohortOf.get(d.partner_id) ?? Infinity, periodOf(d.day, grain)));
  } else {
    for (const p of raw.partners) if (p.onboarded !== null && p.onboarded < asOf) cohortOf.set(p.partner_id, periodOf(p.onboarded, grain));
  }
  // Per cohort: members; per (cohort, k): who sold and how much; per partner: last period with a sale.
  const size = new Map<number, number>();
  for (const c of cohortOf.values()) size.set(c, (size.get(c) ?? 0) + 1);
  const sold = new Map<string, Set<string>>();
  const cents = new Map<string, number>();
  const lastK = new Map<string, number>();
  for (const d of won) {
    const c = cohortOf.get(d.partner_id);
    if (c === undefined) continue;
    const k = periodOf(d.day, grain) - c;
    if (k < 0) continue;
    const key = `${c}|${k}`;
    if (!sold.has(key)) sold.set(key, new Set());
    sold.get(key)!.add(d.partner_id);
    cents.set(key, (cents.get(key) ?? 0) + d.cents);
    lastK.set(d.partner_id, Math.max(lastK.get(d.partner_id) ?? -1, k));
  }
  const out = new Map<string, CohortCellRef>();
  if (size.size === 0) return out;
  const horizon = periodOf(asOf - 1, grain) - Math.min(...size.keys());
  for (const [c, n] of size) {
    const base = cents.get(`${c}|0`) ?? 0;
    for (let k = 0; k <= horizon; k++) {
      const observed = firstDayOf(c + k + 1, grain) <= asOf;
      let unbounded = 0;
      for (const [id, cc] of cohortOf) if (cc === c && (lastK.get(id) ?? -1) >= k) unbounded++;
      const rev = cents.get(`${c}|${k}`) ?? 0;
      out.set(`${isoOf(firstDayOf(c, grain))}|${k}`, {
        size: n,
        observed,
        active: observed ? (sold.get(`${c}|${k}`)?.size ?? 0) : null,
        unbounded: observed ? unbounded : null,
        revenueCents: observed ? rev : null,
        revenueRetention: observed && base !== 0 ? rev / base : null,
      });
    }
  }
  return out;
}

/** Keyed `year|sector` with sector '*' for all partners and '' for none. */
export function annualReference(raw: Raw, asOf: number): Map<string, { prev: number; retained: number }> {
  const years = new Map<string, Set<number>>();
  for (const d of wonBefore(raw, asOf)) {
    const y = new Date(d.day * DAY_MS).getUTCFullYear();
    if (!years.has(d.partner_id)) years.set(d.partner_id, new Set());
    years.get(d.partner_id)!.add(y);
  }
  const sectorOf = new Map(raw.partners.map((p) => [p.partner_id, p.sector ?? '']));
  const out = new Map<string, { prev: number; retained: number }>();
  for (const [id, ys] of years) {
    for (const y of ys) {
      const year = y + 1;
      if (Date.UTC(year + 1, 0, 1) / DAY_MS > asOf) continue;
      for (const key of [`${year}|*`, `${year}|${sectorOf.get(id) ?? ''}`]) {
        const cell = out.get(key) ?? { prev: 0, retained: 0 };
        cell.prev++;
        if (ys.has(year)) cell.retained++;
        out.set(key, cell);
      }
    }
  }
  return out;
}

// -------------------------------------------------------------------------------------------- peers

/** Linear interpolation between closest ranks, DuckDB's quantile_cont. */
export function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

export interface PeerRef {
  group: string | null;
  value: number | null;
  peers: number;
  median: number | null;
  percentile: number | null;
}

/** Keyed `partner|metric`; peers by sector. */
export function peerReference(raw: Raw, asOf: number, windowDays: number): Map<string, PeerRef> {
  const cur = new Map<string, number>();
  const prev = new Map<string, number>();
  const custCur = new Map<string, Set<string>>();
  const custPrev = new Map<string, Set<string>>();
  for (const d of wonBefore(raw, asOf)) {
    if (d.day < asOf - 2 * windowDays) continue;
    const isCur = d.day >= asOf - windowDays;
    const money = isCur ? cur : prev;
    money.set(d.partner_id, (money.get(d.partner_id) ?? 0) + d.cents / 100);
    if (d.end_customer !== null) {
      const c = isCur ? custCur : custPrev;
      if (!c.has(d.partner_id)) c.set(d.partner_id, new Set());
      c.get(d.partner_id)!.add(d.end_customer);
    }
  }
  const values: { id: string; group: string | null; metric: string; value: number | null }[] = [];
  for (const p of raw.partners) {
    const r = cur.get(p.partner_id) ?? 0;
    const r0 = prev.get(p.partner_id) ?? 0;
    const before = custPrev.get(p.partner_id);
    const after = custCur.get(p.partner_id) ?? new Set<string>();
    const kept = before ? [...before].filter((c) => after.has(c)).length : 0;
    values.push({ id: p.partner_id, group: p.sector, metric: 'revenue', value: r });
    values.push({ id: p.partner_id, group: p.sector, metric: 'growth', value: r0 === 0 ? null : (r - r0) / r0 });
    values.push({ id: p.partner_id, group: p.sector, metric: 'customer_retention', value: before ? kept / before.size : null });
  }
  const out = new Map<string, PeerRef>();
  for (const v of values) {
    const peers = values.filter((w) => w.metric === v.metric && w.group === v.group && w.value !== null).map((w) => w.value!);
    const sorted = [...peers].sort((a, b) => a - b);
    let percentile: number | null = null;
    if (v.value !== null && peers.length > 1) {
      const below = peers.filter((x) => x < v.value!).length;
      const tiedOthers = peers.filter((x) => x === v.value).length - 1;
      percentile = (100 * (below + tiedOthers / 2)) / (peers.length - 1);
    }
    out.set(`${v.id}|${v.metric}`, { group: v.group, value: v.value, peers: peers.length, median: sorted.length ? quantile(sorted, 0.5) : null, percentile });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- ROI

export interface RoiRef {
  enrolled: number;
  control: number;
  marginNaive: number;
  marginIncremental: number | null;
  standardError: number | null;
  roiNaive: number | null;
  roiIncremental: number | null;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const sampleVariance = (xs: readonly number[]): number => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};

/**
 * Difference in differences per programme: each partner's change (margin during the window − margin in
 * the equally long period before), mean over the enrolled minus mean over the others (leaving out those
 * enrolled in another programme overlapping in time), times the number enrolled.
 */
export function roiReference(raw: Raw, asOf: number): Map<string, RoiRef> {
  const won = wonBefore(raw, asOf);
  const out = new Map<string, RoiRef>();
  for (const prog of raw.programs) {
    const end = Math.min(prog.ends, asOf - 1);
    const days = Math.max(end - prog.starts + 1, 0);
    const preStart = prog.starts - days;
    const enrolled = new Set(raw.enrolments.filter((e) => e.program_id === prog.program_id).map((e) => e.partner_id));
    const elsewhere = new Set(
      raw.enrolments
        .filter((e) => e.program_id !== prog.program_id)
        .filter((e) => {
          const other = raw.programs.find((p) => p.program_id === e.program_id)!;
          return other.starts <= end && other.ends >= preStart;
        })
        .map((e) => e.partner_id),
    );
    const change = new Map<string, number>();
    const during = new Map<string, number>();
    for (const d of won) {
      if (d.day >= preStart && d.day < prog.starts) change.set(d.partner_id, (change.get(d.partner_id) ?? 0) - d.margin);
      if (d.day >= prog.starts && d.day <= end) {
        change.set(d.partner_id, (change.get(d.partner_id) ?? 0) + d.margin);
        during.set(d.partner_id, (during.get(d.partner_id) ?? 0) + d.margin);
      }
    }
    const e: number[] = [];
    const c: number[] = [];
    for (const id of new Set([...raw.partners.map((p) => p.partner_id), ...enrolled])) {
      if (enrolled.has(id)) e.push(change.get(id) ?? 0);
      else if (!elsewhere.has(id)) c.push(change.get(id) ?? 0);
    }
    const naive = [...enrolled].reduce((s, id) => s + (during.get(id) ?? 0), 0);
    const measurable = days > 0 && e.length > 0 && c.length > 0;
    const incremental = measurable ? (mean(e) - mean(c)) * e.length : null;
    const se = measurable && e.length > 1 && c.length > 1 ? e.length * Math.sqrt(sampleVariance(e) / e.length + sampleVariance(c) / c.length) : null;
    out.set(prog.program_id, {
      enrolled: e.length,
      control: c.length,
      marginNaive: naive,
      marginIncremental: incremental,
      standardError: se,
      roiNaive: prog.cost === 0 ? null : (naive - prog.cost) / prog.cost,
      roiIncremental: prog.cost === 0 || incremental === null ? null : (incremental - prog.cost) / prog.cost,
    });
  }
  return out;
}
