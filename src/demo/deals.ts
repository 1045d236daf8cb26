/**
 * The deals, drawn month by month and handed out one month at a time, so a 5-million-row CSV can be
 * written without ever holding all deals. Within a month deals are ordered by close date and numbered,
 * so deal ids follow time. The planted effects (programme uplift, channel conflicts, stopping
 * partners) are recorded as they are drawn and returned when the stream ends.
 */
import { isWeekend, monthOf, yearOf, type Day } from './calendar';
import { detLog } from './detmath';
import { activeSpan, intensity } from './intensity';
import { AS_OF, CONFLICTS, ECONOMICS, PERIOD, SEASONALITY, STAGES, STALLED } from './model';
import { parseDay } from './calendar';
import { CustomerNames } from './names';
import type { Partner } from './partners';
import type { Random } from './random';
import { PRODUCTS } from './vocab';
import type { World } from './world';

export type DealStatus = 'won' | 'lost' | 'open';

export interface Deal {
  id: string;
  /** null: a direct sale. */
  partner: Partner | null;
  /** The end customer's number (see CustomerNames) and name. */
  customer: number;
  endCustomer: string;
  product: string;
  closedOn: Day;
  /** Euros, rounded to the cent. */
  amount: number;
  /** Fraction of the amount, 4 decimals, within [0.15, 0.45]. */
  grossMargin: number;
  status: DealStatus;
  registeredOn: Day;
  /** Open deals: their sales stage (one of STAGES); closed deals: null. */
  stage: string | null;
}

export interface PlantedConflict {
  endCustomer: string;
  /** The deal that was there first, then the one a second actor closed within 90 days. */
  first: Deal;
  second: Deal;
}

export interface DealTruth {
  /** Stopping partners that had won at least once before stopping. */
  stopped: { partner: Partner; stoppedOn: Day; lastWonOn: Day }[];
  conflicts: PlantedConflict[];
  /** The extra won deals each programme caused, by programme id. */
  uplift: Map<string, Deal[]>;
  /** The planted stalled pipeline: open deals of one partner stuck at one stage for months. */
  stalled: { partner: Partner; deals: Deal[] } | null;
}

const PRODUCT_WEIGHTS = PRODUCTS.map((p) => p.weight);
const round2 = (x: number): number => Math.round(x * 100) / 100;
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** A day in [from, to), re-drawn a few times when it falls on a weekend (a few weekend deals remain). */
function drawDay(rng: Random, span: { from: Day; to: Day }): Day {
  let d = rng.int(span.from, span.to - 1);
  for (let i = 0; i < 3 && isWeekend(d); i++) d = rng.int(span.from, span.to - 1);
  return d;
}

/** Draws the attributes of single deals: customer, product, amount, margin, dates, status. */
class DealFactory {
  private readonly customers: CustomerNames;
  /** End customers each partner has already sold to (by number): repeat business. */
  private readonly customersOf: number[][];
  private readonly cycleMu = detLog(40);

  constructor(
    private readonly rng: Random,
    private readonly world: World,
  ) {
    this.customers = new CustomerNames(rng.fork('customers'));
    this.customersOf = world.partners.map(() => []);
  }

  statusFor(winRate: number, day: Day): DealStatus {
    const { openFrom, openMax } = ECONOMICS;
    if (day >= openFrom && this.rng.chance((openMax * (day - openFrom)) / (PERIOD.last - openFrom))) return 'open';
    return this.rng.chance(winRate) ? 'won' : 'lost';
  }

  private customerFor(p: Partner): number {
    const own = this.customersOf[p.index]!;
    if (own.length > 0 && this.rng.chance(0.45)) return this.rng.pick(own);
    const customer = this.rng.chance(0.04) ? this.customers.keyAccount(this.rng) : this.customers.fresh();
    own.push(customer);
    return customer;
  }

  private draw(partner: Partner | null, medianAmount: number, day: Day, status: DealStatus, customer: number): Deal {
    const rng = this.rng;
    const product = rng.weightedPick(PRODUCTS, PRODUCT_WEIGHTS);
    const amount = round2(Math.max(150, medianAmount * product.price * rng.lognormal(0, ECONOMICS.amountSigma)));
    const grossMargin = round4(Math.min(0.45, Math.max(0.15, product.margin + rng.normal(0, 0.04))));
    const cycle = Math.min(365, Math.max(3, Math.round(rng.lognormal(this.cycleMu, 0.6))));
    // A deal cannot be registered by a partner before it joined.
    const registeredOn = partner ? Math.max(day - cycle, partner.onboardedOn) : day - cycle;
    const endCustomer = this.customers.name(customer);
    return { id: '', partner, customer, endCustomer, product: product.name, closedOn: day, amount, grossMargin, status, registeredOn, stage: null };
  }

  partnerDeal(p: Partner, day: Day, status: DealStatus, customer?: number): Deal {
    if (customer !== undefined) this.customersOf[p.index]!.push(customer);
    return this.draw(p, p.medianAmount, day, status, customer ?? this.customerFor(p));
  }

  /**
   * An open deal of the planted stalled pipeline, with a key account (a big negotiation that drags on),
   * registered and expected to close on the given days.
   */
  stalledDeal(p: Partner, expectedClose: Day, registeredOn: Day): Deal {
    const d = this.draw(p, p.medianAmount * STALLED.amountFactor, expectedClose, 'open', this.customers.keyAccount(this.rng));
    return { ...d, registeredOn, stage: STALLED.stage };
  }

  directDeal(day: Day, status: DealStatus, customer?: number): Deal {
    const c = customer ?? (this.rng.chance(0.5) ? this.customers.keyAccount(this.rng) : this.customers.fresh());
    return this.draw(null, this.world.directMedianAmount, day, status, c);
  }
}

/** The steady partner's day this year: its usual day ± 6, kept in its month and off weekends. */
function steadyDay(rng: Random, p: Partner, first: Day, end: Day): Day {
  let d = Math.min(end - 1, Math.max(first, first + p.steadyDay - 1 + rng.int(-6, 6)));
  if (isWeekend(d)) d = isWeekend(d - 1) ? (d + 1 < end ? d + 1 : d - 2) : d - 1 >= first ? d - 1 : d + 2;
  return d;
}

export function* dealBatches(world: World): Generator<Deal[], DealTruth, void> {
  const rng = world.rng.fork('deals');
  const factory = new DealFactory(rng, world);
  const { months, partners } = world;
  const firstYear = months[0]!.year;
  const monthIndex = (day: Day): number => (yearOf(day) - firstYear) * 12 + monthOf(day) - 1;
  /** Conflict deals drawn ahead of their month, waiting for it. */
  const pending: Deal[][] = months.map(() => []);
  const truth: DealTruth = { stopped: [], conflicts: [], uplift: new Map(), stalled: plantStalled(world) };
  const stages = world.rng.fork('stages');
  // The planted deals come from streams of their own and wait in their months like conflict deals.
  for (const d of truth.stalled?.deals ?? []) pending[monthIndex(d.closedOn)]!.push(d);
  for (const e of world.enrolments) if (e.program.uplift > 0) truth.uplift.set(e.program.id, []);
  const wonCount = new Int32Array(partners.length);
  const lastWon = new Int32Array(partners.length);
  let nextId = 1;

  /** A second actor on the same customer within 90 days: another partner, or direct sales. */
  const plantConflict = (first: Deal): void => {
    let day = first.closedOn + rng.int(1, CONFLICTS.windowDays - 10);
    while (isWeekend(day)) day++;
    if (day > PERIOD.last) return;
    let second: Deal | null = null;
    if (rng.chance(CONFLICTS.directShare)) second = factory.directDeal(day, 'won', first.customer);
    else {
      for (let attempt = 0; attempt < 20 && !second; attempt++) {
        const q = rng.pick(partners);
        const able = q !== first.partner && q.behaviour !== 'steady' && q.activeFrom <= day && (q.stopOn === null || day < q.stopOn);
        if (able) second = factory.partnerDeal(q, day, 'won', first.customer);
      }
    }
    if (!second) return;
    pending[monthIndex(day)]!.push(second);
    truth.conflicts.push({ endCustomer: first.endCustomer, first, second });
  };

  for (let t = 0; t < months.length; t++) {
    const m = months[t]!;
    const batch: Deal[] = [];
    for (const p of partners) {
      if (p.behaviour === 'steady') {
        if (m.month !== p.steadyMonth) continue;
        const day = steadyDay(rng, p, m.first, m.end);
        if (day >= p.activeFrom) batch.push(factory.partnerDeal(p, day, 'won'));
        continue;
      }
      const span = activeSpan(p, m);
      if (!span) continue;
      const rate = world.dealRate[p.index]!;
      const n = rng.poisson(rate * intensity(p, m, span));
      for (let i = 0; i < n; i++) {
        const day = drawDay(rng, span);
        batch.push(factory.partnerDeal(p, day, factory.statusFor(p.winRate, day)));
      }
      for (const e of world.enrolmentsOf[p.index]!) {
        if (e.program.uplift === 0) continue;
        const s = activeSpan(p, m, e.upliftFrom, e.upliftTo + 1);
        if (!s) continue;
        const extra = rng.poisson(e.program.uplift * rate * intensity(p, m, s));
        for (let i = 0; i < extra; i++) {
          const deal = factory.partnerDeal(p, drawDay(rng, s), 'won');
          batch.push(deal);
          truth.uplift.get(e.program.id)!.push(deal);
        }
      }
    }
    const direct = rng.poisson(world.directPerMonth * SEASONALITY[m.month - 1]!);
    for (let i = 0; i < direct; i++) {
      const day = drawDay(rng, { from: m.first, to: m.end });
      batch.push(factory.directDeal(day, factory.statusFor(world.directWinRate, day)));
    }
    const sources = batch.length;
    for (let i = 0; i < sources; i++) {
      const d = batch[i]!;
      if (d.partner && d.status === 'won' && rng.chance(CONFLICTS.share)) plantConflict(d);
    }
    batch.push(...pending[t]!);
    pending[t] = [];

    batch.sort((a, b) => a.closedOn - b.closedOn);
    for (const d of batch) {
      if (d.status === 'open' && d.stage === null) d.stage = stageOf(stages, d);
      d.id = 'D' + String(nextId++).padStart(world.dealIdWidth, '0');
      if (d.partner && d.status === 'won') {
        wonCount[d.partner.index]!++;
        lastWon[d.partner.index] = Math.max(lastWon[d.partner.index]!, d.closedOn);
      }
    }
    yield batch;
  }

  for (const p of partners) {
    if (p.stopOn !== null && wonCount[p.index]! > 0) truth.stopped.push({ partner: p, stoppedOn: p.stopOn, lastWonOn: lastWon[p.index]! });
  }
  return truth;
}

const AS_OF_DAY = parseDay(AS_OF);

/**
 * The stage of an open deal. Its expected close date has passed by the as-of date (the generated period
 * ends with it), so the stage follows its age against three times its own sales cycle, in quarters of
 * that, give or take half a stage: recent deals are early, old ones late.
 */
function stageOf(rng: Random, d: Deal): string {
  const progress = (AS_OF_DAY - d.registeredOn) / (3 * Math.max(1, d.closedOn - d.registeredOn));
  const k = Math.floor(Math.min(progress, 1) * STAGES.length + rng.uniform(-0.5, 0.5));
  return STAGES[Math.min(STAGES.length - 1, Math.max(0, k))]!;
}

/**
 * The planted stalled pipeline: the lowest-numbered mid-size Silver partner still selling, onboarded
 * before 2023, gets STALLED.deals open deals at one stage, registered 230–330 days before the as-of date.
 */
function plantStalled(world: World): { partner: Partner; deals: Deal[] } | null {
  const p = world.partners.find(
    (q) => q.tier === 'Silver' && q.behaviour === 'regular' && q.stopOn === null && q.onboardedOn < parseDay('2023-01-01') && q.relativeRate >= 1 && q.relativeRate <= 3,
  );
  if (!p) return null;
  const rng = world.rng.fork('stalled');
  const factory = new DealFactory(world.rng.fork('stalled.deals'), world);
  const [closeFrom, closeTo] = STALLED.expectedClose.map(parseDay) as [Day, Day];
  const [agoMin, agoMax] = STALLED.registeredDaysAgo;
  const deals: Deal[] = [];
  for (let i = 0; i < STALLED.deals; i++) {
    let close = rng.int(closeFrom, closeTo);
    while (isWeekend(close)) close++;
    const registered = Math.max(p.onboardedOn, AS_OF_DAY - rng.int(agoMin, agoMax));
    deals.push(factory.stalledDeal(p, close, registered));
  }
  return { partner: p, deals };
}
