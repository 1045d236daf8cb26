/**
 * generateDemo: the whole demo workspace as plain columns, plus the truth of what was planted in it.
 *
 * Column values: dates are `'YYYY-MM-DD'` strings, timestamps `'YYYY-MM-DD HH:MM:SS'` strings (no time
 * zone), money in euros as numbers rounded to the cent, gross_margin a fraction, ids zero-padded
 * strings (`P0001`, `D000001`; wider when the scale needs it), null for missing values (a direct
 * sale's partner_id, a partner without tier, a survey without comment, a campaign-less activity).
 */
import { generateActivities, type Registration } from './activities';
import { isoDate, type Day } from './calendar';
import { dealBatches, type Deal, type DealTruth } from './deals';
import { AS_OF, PROGRAMS, SEASONALITY } from './model';
import { certifications2025, mdfRequests, plantedCertifications, plantTierChanges, QuarterStats, recommendedTier, targetColumns, tierRuleColumns, tierRules, type TierRule } from './review';
import { generateSurveys } from './surveys';
import { buildWorld, type DemoOptions, type World } from './world';

export type { DemoOptions } from './world';

export type Columns = Record<string, (string | number | null)[]>;

export interface DemoTables {
  partners: Columns;
  deals: Columns;
  activities: Columns;
  surveys: Columns;
  programs: Columns;
  enrolments: Columns;
  /** The quarter's review: targets per tier or partner, tier rules, marketing development funds. */
  targets: Columns;
  tier_rules: Columns;
  mdf: Columns;
}

/** Table names in load order (referenced tables first). */
export const DEMO_TABLE_NAMES = ['partners', 'programs', 'enrolments', 'deals', 'activities', 'surveys', 'targets', 'tier_rules', 'mdf'] as const;

/** What the generator planted, for analytics tests to recover. Dates are `YYYY-MM-DD`. */
export interface DemoTruth {
  seed: number;
  scale: number;
  /** The day after the latest date in the data. */
  asOf: string;
  seasonality: {
    /** Relative deal volume by calendar month, January first; mean 1. */
    monthWeights: number[];
    /** Months (1–12) with the highest weights: June and December. */
    peakMonths: number[];
    /** Month (1–12) with the lowest weight: August. */
    troughMonth: number;
  };
  /** Partners with exactly one won deal in each year from their first won deal to 2025. */
  steadyPartnerIds: string[];
  /** Partners that stopped buying: no deal at all on or after `stoppedOn`; last won deal on `lastWonOn`. */
  stoppedPartners: { partnerId: string; stoppedOn: string; lastWonOn: string }[];
  /** Small (tail) partners whose engagement is among the highest, rising towards the end. */
  diamondPartnerIds: string[];
  /**
   * Planted channel conflicts: for each, a won deal and a second won deal for the same end customer by
   * another actor (another partner, or direct sales) 1–82 days later. Natural conflicts come on top.
   */
  channelConflicts: { count: number; planted: { endCustomer: string; dealIds: [string, string] }[] };
  programs: {
    programId: string;
    /** Σ amount × gross_margin of the extra deals the programme caused (0 for a programme without effect). */
    incrementalGrossMargin: number;
    upliftDealIds: string[];
    enrolledPartnerIds: string[];
  }[];
  /** The quarter's review (2025-Q4, as of 2026-01-01): what its analyses must find. */
  review: {
    /** Open deals of one partner stuck at one stage, registered 230–330 days before the as-of date. */
    stalledPipeline: { partnerId: string; stage: string; dealIds: string[] } | null;
    /** The tier rules as generated (minimums of the last four quarters, 2025). */
    tierRules: TierRule[];
    /** A Gold partner that stopped selling before 2025: it meets no minimum of Gold (`to`: the tier it meets). */
    demote: { partnerId: string; tier: 'Gold'; to: string; wonRevenue2025: number } | null;
    /** A Bronze partner meeting every minimum of a better tier (`to`, applying the rules in plain TypeScript). */
    promote: { partnerId: string; tier: 'Bronze'; to: string; wonRevenue2025: number; wonDeals2025: number; certifications2025: number } | null;
    /** Programme funds: allocated (the programme's cost) and paid; the under-used one. */
    funds: { programId: string; allocated: number; paid: number; utilisation: number }[];
    underusedFundId: string;
  };
}

export interface DemoData extends DemoTables {
  truth: DemoTruth;
}

function dealColumns(): Columns {
  return {
    deal_id: [],
    partner_id: [],
    end_customer: [],
    product: [],
    closed_at: [],
    amount: [],
    gross_margin: [],
    status: [],
    registered_at: [],
    stage: [],
  };
}

function appendDeal(c: Columns, d: Deal): void {
  c.deal_id!.push(d.id);
  c.partner_id!.push(d.partner ? d.partner.id : null);
  c.end_customer!.push(d.endCustomer);
  c.product!.push(d.product);
  c.closed_at!.push(isoDate(d.closedOn));
  c.amount!.push(d.amount);
  c.gross_margin!.push(d.grossMargin);
  c.status!.push(d.status);
  c.registered_at!.push(isoDate(d.registeredOn));
  c.stage!.push(d.stage);
}

/** The partners table's columns (also written as a CSV by the benchmark). */
export function partnerColumns(world: Pick<World, 'partners'>): Columns {
  const ps = world.partners;
  return {
    partner_id: ps.map((p) => p.id),
    name: ps.map((p) => p.name),
    country: ps.map((p) => p.country),
    region: ps.map((p) => p.region),
    sector: ps.map((p) => p.sector),
    tier: ps.map((p) => p.tier),
    onboarded_at: ps.map((p) => isoDate(p.onboardedOn)),
    employees: ps.map((p) => p.employees),
    tech_stack: ps.map((p) => p.techStack),
  };
}

function programColumns(): Columns {
  return {
    program_id: PROGRAMS.map((p) => p.id),
    name: PROGRAMS.map((p) => p.name),
    starts_on: PROGRAMS.map((p) => p.startsOn),
    ends_on: PROGRAMS.map((p) => p.endsOn),
    cost: PROGRAMS.map((p) => p.cost),
  };
}

function enrolmentColumns(world: World): Columns {
  return {
    program_id: world.enrolments.map((e) => e.program.id),
    partner_id: world.enrolments.map((e) => e.partner.id),
    enrolled_on: world.enrolments.map((e) => isoDate(e.enrolledOn)),
  };
}

function buildTruth(world: World, deals: DealTruth, review: DemoTruth['review']): DemoTruth {
  const max = Math.max(...SEASONALITY);
  const min = Math.min(...SEASONALITY);
  const peaks = SEASONALITY.map((w, i) => ({ w, month: i + 1 }))
    .filter(({ w }) => w >= max - 0.1)
    .map(({ month }) => month);
  const date = (d: Day): string => isoDate(d);
  return {
    seed: world.seed,
    scale: world.scale,
    asOf: AS_OF,
    seasonality: { monthWeights: [...SEASONALITY], peakMonths: peaks, troughMonth: SEASONALITY.indexOf(min) + 1 },
    steadyPartnerIds: world.partners.filter((p) => p.behaviour === 'steady').map((p) => p.id),
    stoppedPartners: deals.stopped.map((s) => ({ partnerId: s.partner.id, stoppedOn: date(s.stoppedOn), lastWonOn: date(s.lastWonOn) })),
    diamondPartnerIds: world.partners.filter((p) => p.behaviour === 'diamond').map((p) => p.id),
    channelConflicts: {
      count: deals.conflicts.length,
      planted: deals.conflicts.map((c) => ({ endCustomer: c.endCustomer, dealIds: [c.first.id, c.second.id] })),
    },
    programs: PROGRAMS.map((spec) => {
      const extra = deals.uplift.get(spec.id) ?? [];
      let margin = 0;
      for (const d of extra) margin += d.amount * d.grossMargin;
      return {
        programId: spec.id,
        incrementalGrossMargin: margin,
        upliftDealIds: extra.map((d) => d.id),
        enrolledPartnerIds: world.enrolments.filter((e) => e.program === spec).map((e) => e.partner.id),
      };
    }),
    review,
  };
}

/** The demo workspace for a seed and scale; the same options always give the same data. */
export function generateDemo(options?: DemoOptions): DemoData {
  const world = buildWorld(options);
  const deals = dealColumns();
  const registrations: Registration[] = [];
  const stats = new QuarterStats(world.partners.length);
  const stream = dealBatches(world);
  let step = stream.next();
  while (!step.done) {
    for (const d of step.value) {
      appendDeal(deals, d);
      stats.add(d);
      if (d.partner) registrations.push({ partner: d.partner, day: d.registeredOn });
    }
    step = stream.next();
  }
  const dealTruth = step.value;
  // The tier changes are picked on revenue and deals; the certification minimums need the activities.
  const planted = plantTierChanges(world, stats, tierRules(world, stats, null));
  const s = generateSurveys(world);
  const a = generateActivities(world, registrations, plantedCertifications(planted.promote));
  const certs = certifications2025(world, a);
  const rules = tierRules(world, stats, certs);
  const mdf = mdfRequests(world, world.rng.fork('mdf'));
  const funds = mdf.funds.map((f) => ({ ...f, utilisation: f.paid / f.allocated }));
  const review: DemoTruth['review'] = {
    stalledPipeline: dealTruth.stalled
      ? { partnerId: dealTruth.stalled.partner.id, stage: dealTruth.stalled.deals[0]!.stage!, dealIds: dealTruth.stalled.deals.map((d) => d.id) }
      : null,
    tierRules: rules,
    demote: planted.demote
      ? {
          partnerId: planted.demote.id,
          tier: 'Gold',
          to: recommendedTier(rules, stats.sum('revenue', planted.demote.index, 16, 19), stats.sum('won', planted.demote.index, 16, 19), certs[planted.demote.index]!)?.tier ?? 'none',
          wonRevenue2025: stats.sum('revenue', planted.demote.index, 16, 19),
        }
      : null,
    promote: planted.promote
      ? {
          partnerId: planted.promote.id,
          tier: 'Bronze',
          to: recommendedTier(rules, stats.sum('revenue', planted.promote.index, 16, 19), stats.sum('won', planted.promote.index, 16, 19), certs[planted.promote.index]!)?.tier ?? 'none',
          wonRevenue2025: stats.sum('revenue', planted.promote.index, 16, 19),
          wonDeals2025: stats.sum('won', planted.promote.index, 16, 19),
          certifications2025: certs[planted.promote.index]!,
        }
      : null,
    funds,
    underusedFundId: [...funds].sort((x, y) => x.utilisation - y.utilisation)[0]?.programId ?? '',
  };
  return {
    partners: partnerColumns(world),
    deals,
    activities: { ...a },
    surveys: { ...s },
    programs: programColumns(),
    enrolments: enrolmentColumns(world),
    targets: targetColumns(world, stats),
    tier_rules: tierRuleColumns(rules),
    mdf: mdf.columns,
    truth: buildTruth(world, dealTruth, review),
  };
}
