/**
 * The quarter's review tables of the demo: `targets`, `tier_rules` and `mdf` (marketing development
 * funds), and the planted effects the review's analyses must find: a Gold partner to demote, a Bronze
 * one to promote, an under-used fund (the stalled pipeline is planted with the deals, see deals.ts).
 *
 * Targets and tier minimums are set from the generated deals the way a channel team would set them from
 * last year's figures, so they fit any seed and scale.
 */
import { dayOf, isoDate, isWeekend, monthOf, yearOf, type Day } from './calendar';
import type { Deal } from './deals';
import { MDF, PROGRAMS, TIER_RULES, programWindow } from './model';
import type { Partner } from './partners';
import type { Random } from './random';
import type { World } from './world';

/** Quarters 2021-Q1 … 2025-Q4 as 0 … 19. */
const FIRST_YEAR = 2021;
const QUARTERS = 20;
export function quarterIndex(day: Day): number {
  return (yearOf(day) - FIRST_YEAR) * 4 + Math.floor((monthOf(day) - 1) / 3);
}
function quarterLabel(k: number): string {
  return `${FIRST_YEAR + Math.floor(k / 4)}-Q${(k % 4) + 1}`;
}

/** Won revenue, won deals and closed (won or lost) deals per partner and quarter. */
export class QuarterStats {
  readonly revenue: Float64Array[];
  readonly won: Int32Array[];
  readonly closed: Int32Array[];

  constructor(partners: number) {
    this.revenue = Array.from({ length: QUARTERS }, () => new Float64Array(partners));
    this.won = Array.from({ length: QUARTERS }, () => new Int32Array(partners));
    this.closed = Array.from({ length: QUARTERS }, () => new Int32Array(partners));
  }

  add(d: Deal): void {
    if (!d.partner || d.status === 'open') return;
    const q = quarterIndex(d.closedOn);
    if (q < 0 || q >= QUARTERS) return;
    this.closed[q]![d.partner.index]!++;
    if (d.status === 'won') {
      this.won[q]![d.partner.index]!++;
      this.revenue[q]![d.partner.index]! += d.amount;
    }
  }

  /** Sum over the quarters [from, to] of one partner. */
  sum(kind: 'revenue' | 'won' | 'closed', i: number, from: number, to: number): number {
    let s = 0;
    for (let q = from; q <= to; q++) s += this[kind][q]![i]!;
    return s;
  }
}

/** The year 2025, the last four quarters before the as-of date 2026-01-01; 2024, the year before. */
const LAST4: [number, number] = [16, 19];
const YEAR_BEFORE: [number, number] = [12, 15];

const round100 = (x: number): number => Math.round(x / 100) * 100;
/** Down to two significant digits: 123,456 → 120,000. */
function floor2(x: number): number {
  if (x <= 0) return 0;
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.floor(x / unit) * unit;
}
/** The lower quartile (nearest rank below). */
function lowerQuartile(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(0.25 * (s.length - 1))]!;
}

export type Columns = Record<string, (string | number | null)[]>;

/**
 * Targets per tier for 2025-Q1 … 2026-Q1: won revenue and won deals at 110 % of the tier's 2024 quarterly
 * average per selling partner, win rate at the tier's 2024 rate (to 5 points); and partner targets of won
 * revenue at 115 % of their own 2024 quarters for the 20 biggest partners of 2024. Partners without a tier
 * get no tier target: their scorecard says "no target set".
 */
export function targetColumns(world: World, stats: QuarterStats): Columns {
  const out: Columns = { partner_id: [], tier: [], quarter: [], metric: [], target: [] };
  const push = (partner: string | null, tier: string | null, quarter: string, metric: string, target: number) => {
    out.partner_id!.push(partner);
    out.tier!.push(tier);
    out.quarter!.push(quarter);
    out.metric!.push(metric);
    out.target!.push(target);
  };
  const quarters = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'];
  const [a, b] = YEAR_BEFORE;
  for (const { tier } of TIER_RULES) {
    const selling = world.partners.filter((p) => p.tier === tier && stats.sum('won', p.index, a, b) > 0);
    if (selling.length === 0) continue;
    const revenue = selling.reduce((s, p) => s + stats.sum('revenue', p.index, a, b), 0) / selling.length / 4;
    const deals = selling.reduce((s, p) => s + stats.sum('won', p.index, a, b), 0) / selling.length / 4;
    const won = selling.reduce((s, p) => s + stats.sum('won', p.index, a, b), 0);
    const closed = selling.reduce((s, p) => s + stats.sum('closed', p.index, a, b), 0);
    for (const q of quarters) {
      push(null, tier, q, 'won_revenue', round100(1.1 * revenue));
      push(null, tier, q, 'won_deals', Math.max(1, Math.round(1.1 * deals)));
      push(null, tier, q, 'win_rate', Math.round((20 * won) / closed) / 20);
    }
  }
  const top = [...world.partners]
    .map((p) => ({ p, revenue: stats.sum('revenue', p.index, a, b) }))
    .filter((x) => x.revenue > 0)
    .sort((x, y) => y.revenue - x.revenue || x.p.index - y.p.index)
    .slice(0, 20);
  for (const { p, revenue } of top) for (const q of quarters) push(p.id, null, q, 'won_revenue', round100((1.15 * revenue) / 4));
  return out;
}

export interface TierRule {
  tier: string;
  rank: number;
  minWonRevenue: number;
  minWonDeals: number;
  minCertifications: number;
}

/**
 * Gold and Silver minimums: the lower quartile of the tier's partners selling in 2025 — revenue (down to
 * two significant digits), won deals, and certifications (at least the tier's floor) — so most of a tier
 * keeps it; Bronze asks for nothing. Without `certifications` (before the activities exist) the
 * certification minimums are the floors.
 */
export function tierRules(world: World, stats: QuarterStats, certifications: Int32Array | null): TierRule[] {
  const [a, b] = LAST4;
  return TIER_RULES.map(({ tier, rank, certificationFloor }) => {
    if (rank === TIER_RULES.length) return { tier, rank, minWonRevenue: 0, minWonDeals: 0, minCertifications: 0 };
    const selling = world.partners.filter((p) => p.tier === tier && stats.sum('won', p.index, a, b) > 0);
    return {
      tier,
      rank,
      minWonRevenue: floor2(lowerQuartile(selling.map((p) => stats.sum('revenue', p.index, a, b)))),
      minWonDeals: lowerQuartile(selling.map((p) => stats.sum('won', p.index, a, b))),
      minCertifications: Math.max(certificationFloor, certifications ? lowerQuartile(selling.map((p) => certifications[p.index]!)) : 0),
    };
  });
}

/** The best tier (lowest rank) whose every minimum is met; null when none is. */
export function recommendedTier(rules: readonly TierRule[], revenue: number, deals: number, certifications: number): TierRule | null {
  return (
    [...rules]
      .sort((x, y) => x.rank - y.rank)
      .find((r) => revenue >= r.minWonRevenue && deals >= r.minWonDeals && certifications >= r.minCertifications) ?? null
  );
}

/** Certification trainings of 2025 per partner index, from the activity columns. */
export function certifications2025(world: World, activities: { partner_id: string[]; occurred_at: string[]; kind: string[] }): Int32Array {
  const index = new Map(world.partners.map((p) => [p.id, p.index]));
  const out = new Int32Array(world.partners.length);
  activities.kind.forEach((k, i) => {
    if (k === 'training' && activities.occurred_at[i]!.startsWith('2025-')) out[index.get(activities.partner_id[i]!)!]!++;
  });
  return out;
}

export function tierRuleColumns(rules: readonly TierRule[]): Columns {
  return {
    tier: rules.map((r) => r.tier),
    rank: rules.map((r) => r.rank),
    min_won_revenue: rules.map((r) => r.minWonRevenue),
    min_won_deals: rules.map((r) => r.minWonDeals),
    min_certifications: rules.map((r) => r.minCertifications),
  };
}

/**
 * The planted tier changes. Demote: the Gold partner that stopped selling before 2025 after the biggest
 * won revenue (a former star gone quiet). Promote: the Bronze partner still selling with the biggest 2025
 * revenue that meets the revenue and deal minimums of Gold (else of Silver); it gets two certifications
 * in 2025 (see plantedCertifications), the lower quartile of Gold partners being fewer.
 */
export function plantTierChanges(world: World, stats: QuarterStats, rules: readonly TierRule[]): { demote: Partner | null; promote: Partner | null; promoteTo: string | null } {
  const before2025 = dayOf(2025, 1, 1);
  const demote =
    world.partners
      .filter((p) => p.tier === 'Gold' && p.stopOn !== null && p.stopOn <= before2025)
      .map((p) => ({ p, revenue: stats.sum('revenue', p.index, 0, LAST4[0] - 1) }))
      .sort((x, y) => y.revenue - x.revenue || x.p.index - y.p.index)[0]?.p ?? null;
  const [a, b] = LAST4;
  for (const rule of rules.filter((r) => r.rank < TIER_RULES.length)) {
    const promote =
      world.partners
        .filter((p) => p.tier === 'Bronze' && p.stopOn === null)
        .map((p) => ({ p, revenue: stats.sum('revenue', p.index, a, b), deals: stats.sum('won', p.index, a, b) }))
        .filter((x) => x.revenue >= rule.minWonRevenue && x.deals >= rule.minWonDeals)
        .sort((x, y) => y.revenue - x.revenue || x.p.index - y.p.index)[0]?.p ?? null;
    if (promote) return { demote, promote, promoteTo: rule.tier };
  }
  return { demote, promote: null, promoteTo: null };
}

/** A planted activity row (it consumes none of the activity generator's random numbers). */
export interface PlantedActivity {
  partner: Partner;
  day: Day;
  second: number;
  kind: string;
  campaign: string | null;
}

/** Two certification trainings in 2025 for the partner to promote, in March and September. */
export function plantedCertifications(p: Partner | null): PlantedActivity[] {
  if (!p) return [];
  return [
    { partner: p, day: workingDay(dayOf(2025, 3, 12)), second: 10 * 3600, kind: 'training', campaign: 'Certification Licence Entreprise' },
    { partner: p, day: workingDay(dayOf(2025, 9, 17)), second: 14 * 3600, kind: 'training', campaign: 'Certification Support Premium' },
  ];
}

function workingDay(d: Day): Day {
  while (isWeekend(d)) d++;
  return d;
}

export interface MdfResult {
  columns: Columns;
  /** Per programme: its fund (cost) and what was paid out of it. */
  funds: { programId: string; allocated: number; paid: number }[];
}

const round10 = (x: number): number => Math.round(x / 10) * 10;

/**
 * MDF requests. Programme funds: each enrolled partner is allotted cost ÷ enrolled partners; a share of
 * them ask, in 1–3 requests from their enrolment on; 85 % are approved in full, 5 % rejected, the rest
 * cut to 60–90 %; approved funds are claimed (all, or 70–100 % of them) and paid. Funds outside any
 * programme: Gold and Silver partners still selling in 2025, a fifth of them, one or two requests.
 */
export function mdfRequests(world: World, rng: Random): MdfResult {
  type Line = { partner: Partner; program: string | null; activity: string; day: Day; requested: number };
  const lines: Line[] = [];
  const funds: MdfResult['funds'] = [];
  for (const spec of PROGRAMS) {
    const plan = MDF.programs[spec.id];
    if (!plan) continue;
    const enrolled = world.enrolments.filter((e) => e.program === spec);
    if (enrolled.length === 0) continue;
    const share = spec.cost / enrolled.length;
    const { end } = programWindow(spec);
    for (const e of enrolled) {
      if (!rng.chance(plan.requestShare)) continue;
      const n = rng.int(1, 3);
      const total = share * rng.uniform(plan.spend[0], plan.spend[1]);
      const from = Math.max(e.upliftFrom, e.enrolledOn);
      for (let k = 0; k < n; k++) {
        lines.push({ partner: e.partner, program: spec.id, activity: rng.pick(MDF.activities), day: workingDay(rng.int(from, end - 30)), requested: round10(total / n) });
      }
    }
    funds.push({ programId: spec.id, allocated: spec.cost, paid: 0 });
  }
  const y = MDF.outside.year;
  for (const p of world.partners) {
    if ((p.tier !== 'Gold' && p.tier !== 'Silver') || (p.stopOn !== null && p.stopOn <= dayOf(y + 1, 1, 1)) || p.activeFrom > dayOf(y, 1, 1)) continue;
    if (!rng.chance(MDF.outside.share)) continue;
    const n = rng.int(1, 2);
    for (let k = 0; k < n; k++) {
      const amount = round10(rng.uniform(MDF.outside.amount[0], MDF.outside.amount[1]));
      lines.push({ partner: p, program: null, activity: rng.pick(MDF.activities), day: workingDay(rng.int(dayOf(y, 1, 6), dayOf(y, 11, 28))), requested: amount });
    }
  }
  lines.sort((a, b) => a.day - b.day || a.partner.index - b.partner.index);

  const columns: Columns = { partner_id: [], program_id: [], activity: [], requested_at: [], requested: [], approved: [], claimed: [], paid: [] };
  for (const l of lines) {
    const u = rng.uniform();
    const approved = u < MDF.rejected ? 0 : u < MDF.rejected + MDF.approvedFull ? l.requested : round10(l.requested * rng.uniform(0.6, 0.9));
    const claimed = rng.chance(0.8) ? approved : round10(approved * rng.uniform(0.7, 1));
    // Requests of the last two months of 2025 may not be claimed or paid yet.
    const recent = l.day >= dayOf(2025, 11, 1);
    const claimedNow = recent && rng.chance(0.5) ? 0 : claimed;
    const paid = recent && rng.chance(0.5) ? 0 : claimedNow;
    columns.partner_id!.push(l.partner.id);
    columns.program_id!.push(l.program);
    columns.activity!.push(l.activity);
    columns.requested_at!.push(isoDate(l.day));
    columns.requested!.push(l.requested);
    columns.approved!.push(approved);
    columns.claimed!.push(claimedNow);
    columns.paid!.push(paid);
    const fund = funds.find((f) => f.programId === l.program);
    if (fund) fund.paid += paid;
  }
  return { columns, funds };
}
