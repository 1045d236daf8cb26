/**
 * How many deals a partner is expected to close in a stretch of a month, per unit of yearly deal
 * rate. Sampling (deals.ts) and calibration (world.ts) both use this one function, so the calibrated
 * totals are the expectations of what is actually drawn.
 */
import type { Day, Month } from './calendar';
import { dayOf } from './calendar';
import { detExp } from './detmath';
import { BEHAVIOUR, SEASONALITY } from './model';
import type { Partner } from './partners';

/** Growth is centred mid-period, so a partner's average rate does not depend on its growth. */
const GROWTH_ORIGIN = dayOf(2023, 7, 2);

/** Days [from, to) of month `m` on which partner `p` can close a deal, within an optional clip. */
export function activeSpan(p: Partner, m: Month, clipFrom: Day = -Infinity, clipTo: Day = Infinity): { from: Day; to: Day } | null {
  const from = Math.max(m.first, p.activeFrom, clipFrom);
  const to = Math.min(m.end, p.stopOn ?? Infinity, clipTo);
  return to > from ? { from, to } : null;
}

/** Expected deals in `span` of month `m` for a partner closing one deal a year on average. */
export function intensity(p: Partner, m: Month, span: { from: Day; to: Day }): number {
  const share = (span.to - span.from) / (m.end - m.first);
  const mid = (span.from + span.to) / 2;
  const growth = detExp((p.growth * (mid - GROWTH_ORIGIN)) / 365.25);
  // Partners about to stop slow down first: the signal churn models look for.
  const decline = p.stopOn !== null && mid >= p.stopOn - BEHAVIOUR.declineDays ? 0.5 : 1;
  return (SEASONALITY[m.month - 1]! / 12) * share * growth * decline;
}
