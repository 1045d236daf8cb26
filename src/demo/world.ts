/**
 * The demo world before any deal is drawn: partners, enrolments, and the rates calibrated so that the
 * expected number of deals and the direct-sales share of revenue hit their targets for any seed and
 * scale (targets by construction, not by luck).
 */
import { dayOf, monthsBetween, type Month } from './calendar';
import { detExp } from './detmath';
import { activeSpan, intensity } from './intensity';
import { CONFLICTS, ECONOMICS, PERIOD, PROGRAMS, SEASONALITY, TARGET } from './model';
import { drawPartners, type Partner } from './partners';
import { drawEnrolments, type Enrolment } from './programs';
import { createRandom, type Random } from './random';
import { PRODUCTS } from './vocab';

export interface DemoOptions {
  /** Default 42. */
  seed?: number;
  /** Multiplies partners, deals and activities. Default 1 (≈ 2,000 partners, 50,000 deals). */
  scale?: number;
}

export interface World {
  seed: number;
  scale: number;
  rng: Random;
  months: Month[];
  partners: Partner[];
  enrolments: Enrolment[];
  /** Enrolments of each partner, by partner index. */
  enrolmentsOf: Enrolment[][];
  /** Deals per year of each partner at growth 0, by partner index. */
  dealRate: Float64Array;
  /** Expected direct deals per month of seasonal weight 1. */
  directPerMonth: number;
  directMedianAmount: number;
  directWinRate: number;
  /** Zero-padded width of deal ids, fixed from the scale so ids sort in creation order. */
  dealIdWidth: number;
}

export function resolveOptions(options: DemoOptions = {}): { seed: number; scale: number } {
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, got ${scale}`);
  return { seed, scale };
}

/** Mean of price factor × lognormal amount noise: what one deal is worth relative to the median. */
function amountMeanFactor(): number {
  let w = 0;
  let s = 0;
  for (const p of PRODUCTS) {
    w += p.weight;
    s += p.weight * p.price;
  }
  return (s / w) * detExp((ECONOMICS.amountSigma * ECONOMICS.amountSigma) / 2);
}

/** Yearly deals a steady partner will close in the period (one per year from the first possible). */
function steadyYears(p: Partner): number {
  let n = 0;
  for (let y = 2021; y <= 2025; y++) if (dayOf(y, p.steadyMonth, p.steadyDay) >= p.activeFrom) n++;
  return n;
}

export function buildWorld(options?: DemoOptions): World {
  const { seed, scale } = resolveOptions(options);
  const rng = createRandom(seed);
  const months = monthsBetween(PERIOD.first, PERIOD.last);
  const partners = drawPartners(rng.fork('partners'), Math.max(1, Math.round(TARGET.partners * scale)));
  const enrolments = drawEnrolments(rng.fork('programs'), partners, PROGRAMS);
  const enrolmentsOf: Enrolment[][] = partners.map(() => []);
  for (const e of enrolments) enrolmentsOf[e.partner.index]!.push(e);

  // Expected deals at one deal a year: baseline, programme uplift, planted conflicts (second deals).
  const base = new Float64Array(partners.length);
  const uplift = new Float64Array(partners.length);
  let baseTotal = 0;
  let upliftTotal = 0;
  let wonTotal = 0;
  let steadyDeals = 0;
  let steadyValue = 0;
  for (const p of partners) {
    if (p.behaviour === 'steady') {
      const n = steadyYears(p);
      steadyDeals += n;
      steadyValue += n * p.medianAmount;
      continue;
    }
    for (const m of months) {
      const span = activeSpan(p, m);
      if (span) base[p.index]! += intensity(p, m, span);
      for (const e of enrolmentsOf[p.index]!) {
        const s = activeSpan(p, m, e.upliftFrom, e.upliftTo + 1);
        if (s) uplift[p.index]! += e.program.uplift * intensity(p, m, s);
      }
    }
    baseTotal += p.relativeRate * base[p.index]!;
    upliftTotal += p.relativeRate * uplift[p.index]!;
    wonTotal += p.relativeRate * base[p.index]! * p.winRate;
  }
  const conflictsTotal = CONFLICTS.share * wonTotal;
  const partnerDeals = TARGET.deals * scale * (1 - ECONOMICS.directDealShare);
  const k = Math.max(0, partnerDeals - steadyDeals) / (baseTotal + upliftTotal + conflictsTotal);
  const dealRate = new Float64Array(partners.length);
  for (const p of partners) dealRate[p.index] = p.behaviour === 'steady' ? 0 : k * p.relativeRate;

  const factor = amountMeanFactor();
  let partnerRevenue = steadyValue * factor;
  for (const p of partners) {
    const wonDeals = dealRate[p.index]! * (base[p.index]! * p.winRate + uplift[p.index]!);
    partnerRevenue += wonDeals * p.medianAmount * factor;
  }
  const directDeals = TARGET.deals * scale * ECONOMICS.directDealShare;
  const directWinRate = 0.5;
  const share = ECONOMICS.directRevenueShare;
  const directMedianAmount = ((share / (1 - share)) * partnerRevenue) / (directDeals * directWinRate * factor);

  const weightSum = months.reduce((s, m) => s + SEASONALITY[m.month - 1]!, 0);
  return {
    seed,
    scale,
    rng,
    months,
    partners,
    enrolments,
    enrolmentsOf,
    dealRate,
    directPerMonth: directDeals / weightSum,
    directMedianAmount,
    directWinRate,
    dealIdWidth: Math.max(6, String(Math.ceil(TARGET.deals * scale * 2)).length),
  };
}
