/**
 * The partner population: what the partners table shows (country, sector, tier…) and the hidden
 * traits that drive everything else (size, behaviour, growth, engagement).
 */
import { dayOf, type Day } from './calendar';
import { detLog, detPow } from './detmath';
import { BEHAVIOUR, ECONOMICS, ONBOARDING, SEASONALITY, SECTORS } from './model';
import { CompanyNamer } from './names';
import type { Random } from './random';
import { COUNTRIES, TECH } from './vocab';

export type Tier = 'Gold' | 'Silver' | 'Bronze';

/**
 * regular: deals at its own rate. steady: one won deal a year, every year, in its month.
 * stopping: stops buying at `stopOn`. diamond: small but among the most engaged.
 */
export type Behaviour = 'regular' | 'steady' | 'stopping' | 'diamond';

export interface Partner {
  index: number;
  id: string;
  name: string;
  country: string;
  region: string;
  sector: string;
  tier: Tier | null;
  onboardedOn: Day;
  employees: number;
  techStack: string;

  /** Latent business size, lognormal with median 1. */
  size: number;
  behaviour: Behaviour;
  /** First day a deal of this partner can close (onboarding plus a ramp-up). */
  activeFrom: Day;
  /** Stopping partners: first day with no deal at all. */
  stopOn: Day | null;
  /** Yearly log-growth of the deal rate. */
  growth: number;
  winRate: number;
  /** Median deal amount (€) before the product factor. */
  medianAmount: number;
  /** Deal rate relative to the others; world.ts turns it into deals per year. */
  relativeRate: number;
  /** Relative rate of marketing interactions (emails, visits, webinars…). */
  engagement: number;
  /** Steady partners: the month (1–12) and day they buy each year. */
  steadyMonth: number;
  steadyDay: number;
}

export function partnerIdWidth(count: number): number {
  return Math.max(4, String(count).length);
}

function drawBase(rng: Random, index: number, width: number, namer: CompanyNamer): Partner {
  const country = rng.weightedPick(COUNTRIES, COUNTRIES.map((c) => c.weight));
  const region = rng.weightedPick(country.regions, country.regions.map((r) => r.weight));
  const sector = rng.weightedPick(SECTORS, SECTORS.map((s) => s.weight)).name;
  const size = rng.lognormal(0, ECONOMICS.sizeSigma);
  const year = rng.weightedPick(ONBOARDING.years, ONBOARDING.weights);
  const onboardedOn = rng.int(dayOf(year, 1, 1), dayOf(year, 12, 31));
  const techCount = rng.int(1, 3);
  const tech = rng.shuffle([...TECH]).slice(0, techCount).join(', ');
  const employees = Math.min(25_000, Math.max(3, Math.round(rng.lognormal(detLog(25) + 0.8 * detLog(size), 0.6))));
  return {
    index,
    id: 'P' + String(index + 1).padStart(width, '0'),
    name: namer.next(region.style),
    country: country.name,
    region: region.name,
    sector,
    tier: null,
    onboardedOn,
    employees,
    techStack: tech,
    size,
    behaviour: 'regular',
    activeFrom: onboardedOn + rng.int(20, 120),
    stopOn: null,
    growth: rng.normal(0, ECONOMICS.growthSigma),
    winRate: rng.uniform(0.45, 0.8),
    medianAmount: ECONOMICS.medianAmount * detPow(size, ECONOMICS.amountExponent),
    relativeRate: detPow(size, ECONOMICS.rateExponent),
    engagement: Math.sqrt(size) * rng.lognormal(0, 0.5),
    steadyMonth: 0,
    steadyDay: 0,
  };
}

/** Tier follows size with noise: some small partners are Gold, some big ones Bronze; a few have none. */
function assignTiers(rng: Random, partners: Partner[]): void {
  const scored = partners.map((p) => ({ p, score: detLog(p.size) + rng.normal(0, 0.7) }));
  scored.sort((a, b) => b.score - a.score || a.p.index - b.p.index);
  scored.forEach(({ p }, rank) => {
    const q = rank / partners.length;
    p.tier = q < 0.12 ? 'Gold' : q < 0.4 ? 'Silver' : 'Bronze';
  });
  for (const p of partners) if (rng.chance(0.07)) p.tier = null;
}

function assignBehaviours(rng: Random, partners: Partner[]): void {
  // Onboarded before 2022 (ready to sell by May 2022 at the latest), a steady partner shows its rhythm
  // in at least three yearly deals (2023, 2024, 2025).
  const steadyPool = rng.shuffle(partners.filter((p) => p.onboardedOn < dayOf(2022, 1, 1)));
  const steadyCount = Math.round(BEHAVIOUR.steadyShare * partners.length);
  for (const p of steadyPool.slice(0, steadyCount)) {
    p.behaviour = 'steady';
    p.steadyMonth = 1 + rng.weightedIndex(SEASONALITY);
    p.steadyDay = rng.int(1, 28);
    p.medianAmount = 8000 * rng.lognormal(0, 0.4);
  }

  for (const p of partners) {
    if (p.behaviour !== 'regular') continue;
    const sector = SECTORS.find((s) => s.name === p.sector)!;
    if (!rng.chance(sector.stopShare)) continue;
    const stopOn = rng.int(BEHAVIOUR.stopFrom, BEHAVIOUR.stopTo);
    // A partner must have had a year of business before it can be seen to stop.
    if (p.activeFrom < stopOn - 365) {
      p.behaviour = 'stopping';
      p.stopOn = stopOn;
    }
  }

  const bySize = partners.map((p) => p.size).sort((a, b) => a - b);
  const medianSize = bySize[Math.floor(bySize.length / 2)]!;
  const byEngagement = partners.map((p) => p.engagement).sort((a, b) => a - b);
  const topEngagement = byEngagement[Math.floor(byEngagement.length * 0.99)]!;
  const diamondPool = rng.shuffle(
    partners.filter((p) => p.behaviour === 'regular' && p.size < medianSize && p.onboardedOn < dayOf(2024, 1, 1)),
  );
  for (const p of diamondPool.slice(0, Math.round(BEHAVIOUR.diamondShare * partners.length))) {
    p.behaviour = 'diamond';
    p.engagement = topEngagement * rng.uniform(1.5, 2.5);
  }

  const [low, high] = BEHAVIOUR.smallTicketFactor;
  for (const p of partners) if (p.behaviour === 'regular' && rng.chance(BEHAVIOUR.smallTicketShare)) p.medianAmount *= rng.uniform(low, high);
}

export function drawPartners(rng: Random, count: number): Partner[] {
  const base = rng.fork('partners.base');
  const namer = new CompanyNamer(rng.fork('partners.names'));
  const width = partnerIdWidth(count);
  const partners: Partner[] = [];
  for (let i = 0; i < count; i++) partners.push(drawBase(base, i, width, namer));
  assignTiers(rng.fork('partners.tiers'), partners);
  assignBehaviours(rng.fork('partners.behaviours'), partners);
  return partners;
}
