/**
 * The planted parameters of the demo world: what the generator puts in so analytics can find it.
 * Everything a test or a reader may want to check against lives here, in one place.
 */
import { dayOf, parseDay, type Day } from './calendar';

/** Deals close in this period; the as-of date of the data is the day after `last`. */
export const PERIOD = { first: dayOf(2021, 1, 1), last: dayOf(2025, 12, 31) } as const;
export const AS_OF = '2026-01-01';

/** Sizes at scale 1; `scale` multiplies all three. */
export const TARGET = { partners: 2000, deals: 50_000, activities: 200_000 } as const;

/**
 * Relative deal volume per calendar month, mean 1: June and year-end peaks (budgets spent before the
 * half and the year close), the August trough of French summer holidays.
 */
export const SEASONALITY: readonly number[] = [0.85, 0.9, 1.1, 0.95, 1.0, 1.3, 0.85, 0.45, 1.0, 1.05, 1.15, 1.4];

/** The four sectors with DOMAIN.md benchmarks; `stopShare` is the share of partners that stop buying. */
export const SECTORS = [
  { name: 'SaaS B2B', weight: 0.34, stopShare: 0.1 },
  { name: 'Distribution', weight: 0.26, stopShare: 0.17 },
  { name: 'Financial services', weight: 0.2, stopShare: 0.13 },
  { name: 'Telecommunications', weight: 0.2, stopShare: 0.22 },
] as const;

/** Onboarding years and their weights: a network growing since 2019. */
export const ONBOARDING = { years: [2019, 2020, 2021, 2022, 2023, 2024, 2025], weights: [18, 18, 16, 15, 13, 11, 9] } as const;

export const BEHAVIOUR = {
  /** Partners with exactly one won deal a year, every year. */
  steadyShare: 0.05,
  /** Small partners with top engagement: the "diamonds in the rough". */
  diamondShare: 0.015,
  /** Stopping partners stop between these dates and buy at half their rate in the last months before. */
  /**
   * Small-ticket resellers (renewals, training seats): many deals of little value, the "high F, low M"
   * partners DOMAIN.md says to help raise deal value. Their typical amount is cut to this fraction.
   */
  smallTicketShare: 0.06,
  smallTicketFactor: [0.08, 0.2],
  stopFrom: dayOf(2022, 1, 1),
  stopTo: dayOf(2025, 6, 30),
  declineDays: 180,
} as const;

/**
 * Deal economics. A partner's deal rate grows as size^rateExponent and its typical amount as
 * size^amountExponent; size is lognormal(0, sizeSigma). Together they give the heavy tail
 * (top 20 % of partners ≈ 80 % of won revenue).
 */
export const ECONOMICS = {
  sizeSigma: 0.9,
  rateExponent: 1.0,
  amountExponent: 0.6,
  /** Median amount (€) of a partner of size 1, before the product factor. */
  medianAmount: 6000,
  /** Spread of one partner's deal amounts (sigma of the lognormal). */
  amountSigma: 0.7,
  /** Yearly log-growth of a partner's deal rate ~ N(0, growthSigma). */
  growthSigma: 0.12,
  /** Share of all deals that are direct sales, and the share of won revenue they are calibrated to. */
  directDealShare: 0.09,
  directRevenueShare: 0.2,
  /** Deals closing after this day may still be open; the chance grows to openMax on the last day. */
  openFrom: dayOf(2025, 9, 1),
  openMax: 0.7,
} as const;

/**
 * Incentive programmes. `uplift`: extra won deals during the window, as a fraction of the partner's
 * usual deal rate (the planted effect). `enrolShare`: share of eligible partners enrolled; more active
 * partners enrol more (`selection` is the slope on the standardised log deal rate), which is what makes
 * a naive before/after comparison overstate the effect. Windows are whole years so that the year
 * before is a pre-period with the same seasonality.
 */
export interface ProgramSpec {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  cost: number;
  uplift: number;
  enrolShare: number;
  selection: number;
}

export const PROGRAMS: readonly ProgramSpec[] = [
  {
    id: 'PRG01',
    name: 'Club Partenaires Excellence',
    startsOn: '2022-07-01',
    endsOn: '2023-06-30',
    cost: 120_000,
    uplift: 0,
    enrolShare: 0.12,
    selection: 1.5,
  },
  {
    id: 'PRG02',
    name: 'Accélérateur Croissance 2024',
    startsOn: '2024-01-01',
    endsOn: '2024-12-31',
    cost: 250_000,
    uplift: 0.45,
    enrolShare: 0.1,
    selection: 1.5,
  },
];

export function programWindow(spec: ProgramSpec): { start: Day; end: Day } {
  return { start: parseDay(spec.startsOn), end: parseDay(spec.endsOn) };
}

/** Channel conflicts: chance that a won partner deal gets a second actor on its customer within 90 days. */
export const CONFLICTS = { share: 0.006, windowDays: 90, directShare: 0.4 } as const;

/** NPS survey waves (month, day of the first answers) each year, and who answers. */
export const SURVEYS = {
  years: [2022, 2023, 2024, 2025],
  waves: [
    { month: 3, day: 6 },
    { month: 10, day: 2 },
  ],
  respondentShare: 0.6,
  answerChance: 0.6,
  commentChance: 0.35,
  frenchChance: 0.7,
} as const;

/**
 * Sales stages of open deals, earliest first (a French CRM's labels). Closed deals have no stage. An open
 * deal's stage follows how far it has come from its registration towards its expected close date.
 */
export const STAGES: readonly string[] = ['Qualification', 'Proposition', 'Négociation', 'Signature'];

/**
 * The planted stalled pipeline: one mid-size Silver partner with `deals` open deals stuck at one stage,
 * registered `registeredDaysAgo` days before the as-of date, expected to close in the autumn, each worth
 * `amountFactor` times the partner's usual deal.
 */
export const STALLED = { deals: 6, stage: 'Négociation', registeredDaysAgo: [230, 330], expectedClose: ['2025-09-08', '2025-10-31'], amountFactor: 4 } as const;

/**
 * Marketing development funds, on the two programmes: each programme's cost is its fund, shared equally by
 * its enrolled partners. `requestShare` of them ask for funds, in 1–3 requests totalling about their share
 * (times `spend` ∈ [lo, hi]); PRG01's fund is the under-used one. Funds outside any programme: requests of
 * `outside.share` of Gold and Silver partners in 2025.
 */
export const MDF = {
  programs: { PRG01: { requestShare: 0.12, spend: [0.3, 0.8] }, PRG02: { requestShare: 0.8, spend: [0.6, 1.1] } } as Record<string, { requestShare: number; spend: readonly [number, number] }>,
  outside: { share: 0.2, year: 2025, amount: [800, 6000] },
  approvedFull: 0.85,
  rejected: 0.05,
  activities: ['Salon professionnel', 'Campagne emailing', 'Webinaire co-brandé', 'Publicité en ligne', 'Événement client', 'Kit de démonstration'],
} as const;

/**
 * Tier rules: tier, rank, and the least number of certifications a tier may ask for. The minimums
 * themselves come from the data (see review.ts).
 */
export const TIER_RULES = [
  { tier: 'Gold', rank: 1, certificationFloor: 1 },
  { tier: 'Silver', rank: 2, certificationFloor: 0 },
  { tier: 'Bronze', rank: 3, certificationFloor: 0 },
] as const;
