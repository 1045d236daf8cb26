/**
 * Who enrols in each incentive programme. Enrolment is not random: the more deals a partner usually
 * closes, the likelier it joins. That selection is the trap a naive ROI falls into (enrolled partners
 * sell more with or without the programme) and what a difference-in-differences removes.
 */
import type { Day } from './calendar';
import { detExp, detLog } from './detmath';
import { programWindow, type ProgramSpec } from './model';
import type { Partner } from './partners';
import type { Random } from './random';

export interface Enrolment {
  program: ProgramSpec;
  partner: Partner;
  enrolledOn: Day;
  /** First day the programme lifts this partner's sales: the later of the start and the enrolment. */
  upliftFrom: Day;
  /** Last day of the programme (included). */
  upliftTo: Day;
}

const sigmoid = (x: number): number => 1 / (1 + detExp(-x));

/** The intercept giving a mean enrolment probability of `share` (bisection; the mean rises with it). */
function interceptFor(z: readonly number[], slope: number, share: number): number {
  let lo = -20;
  let hi = 20;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    let mean = 0;
    for (const x of z) mean += sigmoid(mid + slope * x);
    if (mean / z.length < share) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Eligible: partners with a full year of business before the programme (so they have a pre-period)
 * that are still buying at its end; steady once-a-year partners are left out of programmes.
 */
function eligible(p: Partner, start: Day, end: Day): boolean {
  if (p.behaviour === 'steady') return false;
  if (p.activeFrom >= start - 365) return false;
  return p.stopOn === null || p.stopOn > end;
}

export function drawEnrolments(rng: Random, partners: readonly Partner[], specs: readonly ProgramSpec[]): Enrolment[] {
  const out: Enrolment[] = [];
  for (const spec of specs) {
    const r = rng.fork(`enrolments.${spec.id}`);
    const { start, end } = programWindow(spec);
    const pool = partners.filter((p) => eligible(p, start, end));
    if (pool.length === 0) continue;
    const logs = pool.map((p) => detLog(p.relativeRate));
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / logs.length) || 1;
    const z = logs.map((x) => (x - mean) / sd);
    const intercept = interceptFor(z, spec.selection, spec.enrolShare);
    pool.forEach((p, k) => {
      if (!r.chance(sigmoid(intercept + spec.selection * z[k]!))) return;
      // Most sign up in the weeks before the start; some join late and benefit for less time.
      const enrolledOn = r.chance(0.85) ? start - r.int(0, 45) : start + r.int(1, 60);
      out.push({ program: spec, partner: p, enrolledOn, upliftFrom: Math.max(start, enrolledOn), upliftTo: end });
    });
  }
  return out;
}
