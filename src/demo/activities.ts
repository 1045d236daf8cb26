/**
 * Marketing and sales interactions. Each partner deal registered in the period leaves a
 * deal_registration event; other interactions (emails, visits, webinars, training, trade shows) come at
 * a rate following the partner's engagement, itself tied to its size, so activity counts follow
 * business. Diamonds in the rough are small partners engaged like the biggest, increasingly so.
 * Rows come out in time order.
 */
import { daysInMonth, dayOf, isoTimestamp, isWeekend, type Day, type Month } from './calendar';
import { BEHAVIOUR, PERIOD, SEASONALITY, TARGET } from './model';
import type { Partner } from './partners';
import type { Random } from './random';
import { FRENCH_MONTHS, PRODUCTS, TRADE_SHOWS, WEBINAR_TOPICS } from './vocab';
import type { World } from './world';

export const ACTIVITY_KINDS = [
  'email_open',
  'site_visit',
  'email_click',
  'webinar',
  'training',
  'trade_show',
  'deal_registration',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Mix of marketing interactions (deal registrations come from the deals themselves). */
const MARKETING_KINDS: readonly ActivityKind[] = ['email_open', 'site_visit', 'email_click', 'webinar', 'training', 'trade_show'];
const MARKETING_WEIGHTS = [42, 25, 16, 7, 5, 5];

export interface ActivityColumns {
  partner_id: string[];
  occurred_at: string[];
  kind: string[];
  campaign: (string | null)[];
}

/** A deal registration to mirror as an activity. */
export interface Registration {
  partner: Partner;
  day: Day;
}

/** Marketing interactions have a milder seasonality than deals (newsletters go out in August too). */
const SOFT_SEASON = SEASONALITY.map((w) => Math.sqrt(w));

/** Relative rate of marketing interactions of `p` over the days [from, to) of month `m`. */
function marketingWeight(p: Partner, m: Month, from: Day, to: Day): number {
  const mid = (from + to) / 2;
  let w = p.engagement * SOFT_SEASON[m.month - 1]! * ((to - from) / (m.end - m.first));
  // Partners about to stop disengage; diamonds engage more and more (they are moving up).
  if (p.stopOn !== null && mid >= p.stopOn - BEHAVIOUR.declineDays) w *= 0.3;
  if (p.behaviour === 'diamond') w *= 0.5 + (1.5 * (mid - PERIOD.first)) / (PERIOD.last - PERIOD.first);
  return w;
}

function span(p: Partner, m: Month): { from: Day; to: Day } | null {
  const from = Math.max(m.first, p.onboardedOn);
  const to = Math.min(m.end, p.stopOn ?? Infinity);
  return to > from ? { from, to } : null;
}

/** Business hours, busier mid-morning and early afternoon. */
const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 0, 1, 4, 8, 9, 7, 4, 6, 8, 7, 5, 3, 2, 1, 0, 0, 0, 0];

function drawSecond(rng: Random): number {
  return rng.weightedIndex(HOUR_WEIGHTS) * 3600 + rng.int(0, 3599);
}

class CampaignNamer {
  private readonly interned = new Map<string, string>();

  /** One string object per campaign name, however many rows carry it. */
  private intern(name: string): string {
    const known = this.interned.get(name);
    if (known !== undefined) return known;
    this.interned.set(name, name);
    return name;
  }

  name(rng: Random, kind: ActivityKind, m: Month): string | null {
    const quarter = Math.ceil(m.month / 3);
    switch (kind) {
      case 'email_open':
      case 'email_click':
        return rng.chance(0.7)
          ? this.intern(`Newsletter partenaires ${FRENCH_MONTHS[m.month - 1]} ${m.year}`)
          : this.intern(`Lancement ${rng.pick(PRODUCTS).name} ${m.year}`);
      case 'site_visit':
        return rng.chance(0.5) ? null : this.intern(`Page produit ${rng.pick(PRODUCTS).name}`);
      case 'webinar':
        // One theme per quarter, as a real webinar calendar would have.
        return this.intern(`Webinaire ${WEBINAR_TOPICS[(m.year * 4 + quarter) % WEBINAR_TOPICS.length]} T${quarter} ${m.year}`);
      case 'training':
        return this.intern(`Certification ${rng.pick(PRODUCTS).name}`);
      case 'trade_show': {
        const show = TRADE_SHOWS.find((s) => s.month === m.month);
        return show ? this.intern(`${show.name} ${m.year}`) : null;
      }
      case 'deal_registration':
        return null;
    }
  }
}

interface Row {
  partner: Partner;
  key: number;
  day: Day;
  second: number;
  kind: string;
  campaign: string | null;
}

/** A row planted by the review (certifications); it takes no random number from this generator. */
export interface ExtraActivity {
  partner: Partner;
  day: Day;
  second: number;
  kind: string;
  campaign: string | null;
}

export function generateActivities(world: World, registrations: readonly Registration[], extra: readonly ExtraActivity[] = []): ActivityColumns {
  const rng = world.rng.fork('activities');
  const { months, partners } = world;
  const firstYear = months[0]!.year;
  const byMonth: Registration[][] = months.map(() => []);
  let registered = 0;
  for (const r of registrations) {
    if (r.day < PERIOD.first || r.day > PERIOD.last) continue;
    const d = new Date(r.day * 86_400_000);
    byMonth[(d.getUTCFullYear() - firstYear) * 12 + d.getUTCMonth()]!.push(r);
    registered++;
  }

  // Calibrate the marketing rate so that registrations + marketing ≈ the target count.
  let expected = 0;
  for (const p of partners) {
    for (const m of months) {
      const s = span(p, m);
      if (s) expected += marketingWeight(p, m, s.from, s.to);
    }
  }
  const target = Math.max(0, TARGET.activities * world.scale - registered);
  const perWeight = expected > 0 ? target / expected : 0;

  const out: ActivityColumns = { partner_id: [], occurred_at: [], kind: [], campaign: [] };
  const campaigns = new CampaignNamer();
  months.forEach((m, t) => {
    const rows: Row[] = [];
    const show = TRADE_SHOWS.find((s) => s.month === m.month);
    let showDay = show ? dayOf(m.year, m.month, Math.min(show.day, daysInMonth(m.year, m.month))) : -1;
    while (show && isWeekend(showDay)) showDay++; // shows open on working days
    for (const p of partners) {
      const s = span(p, m);
      if (!s) continue;
      const n = rng.poisson(perWeight * marketingWeight(p, m, s.from, s.to));
      for (let i = 0; i < n; i++) {
        let kind = rng.weightedPick(MARKETING_KINDS, MARKETING_WEIGHTS);
        let day: Day;
        // Trade shows happen on their dates; in other months, the same interest goes to a webinar.
        if (kind === 'trade_show' && showDay >= s.from && showDay + 1 < s.to) day = showDay + rng.int(0, 1);
        else {
          if (kind === 'trade_show') kind = 'webinar';
          day = rng.int(s.from, s.to - 1);
          for (let k = 0; k < 3 && isWeekend(day); k++) day = rng.int(s.from, s.to - 1);
        }
        const second = drawSecond(rng);
        rows.push({ partner: p, key: day * 86_400 + second, day, second, kind, campaign: campaigns.name(rng, kind, m) });
      }
    }
    for (const r of byMonth[t]!) {
      const second = drawSecond(rng);
      rows.push({ partner: r.partner, key: r.day * 86_400 + second, day: r.day, second, kind: 'deal_registration', campaign: null });
    }
    for (const x of extra) if (x.day >= m.first && x.day < m.end) rows.push({ ...x, key: x.day * 86_400 + x.second });
    rows.sort((a, b) => a.key - b.key);
    for (const r of rows) {
      out.partner_id.push(r.partner.id);
      out.occurred_at.push(isoTimestamp(r.day, r.second));
      out.kind.push(r.kind);
      out.campaign.push(r.campaign);
    }
  });
  return out;
}
