/**
 * The core analyses on the full demo data set, against the independent plain-TypeScript computation of
 * reference.ts: every partner, cohort cell and programme must agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { annualRetentionSql, benchmarkRetentionSql, cohortRetentionSql, peerComparisonSql, programRoiSql, rfmScoresSql, rfmSegmentsSql } from '../../src/analytics';
import { generateDemo, type DemoTruth } from '../../src/demo/generate';
import { loadTables } from '../../src/demo/load';
import { createTable, rowsOf, type Row } from './helpers';
import { annualReference, cohortReference, defaultAsOf, isoOf, loadRaw, peerReference, rfmReference, roiReference, type Grain, type Raw } from './reference';

let engine: Engine;
let raw: Raw;
let asOf: number;
let truth: DemoTruth;

beforeAll(async () => {
  engine = await createNodeEngine();
  // The default demo (seed 42, scale 1), generated here rather than through loadDemo to keep its truth.
  const demo = generateDemo();
  truth = demo.truth;
  await loadTables(engine, demo);
  raw = await loadRaw(engine);
  asOf = defaultAsOf(raw);
});

/** Money compared to the cent; ratios to 1e-9. */
const near = (a: unknown, b: number | null, eps: number): boolean => (a === null ? b === null : b !== null && Math.abs(Number(a) - b) <= eps);

describe('RFM on the demo data', () => {
  it.each([null, 730])('rfm.scores agrees with a plain loop on every partner (window %s days)', async (windowDays) => {
    const rows = await rowsOf(engine, rfmScoresSql({ windowDays }));
    const ref = rfmReference(raw, asOf, windowDays);
    expect(rows).toHaveLength(ref.size);
    const disagreements = rows.filter((r) => {
      const e = ref.get(String(r.partner_id));
      return (
        !e ||
        r.recency_days !== e.recency ||
        r.frequency !== e.frequency ||
        (r.monetary === null ? e.monetaryCents !== null : Math.round(Number(r.monetary) * 100) !== e.monetaryCents) ||
        r.r_score !== e.r ||
        r.f_score !== e.f ||
        r.m_score !== e.m ||
        r.segment !== e.segment
      );
    });
    expect(disagreements).toEqual([]);
    // The demo network has partners in both segments the issue names, and recruits of late 2025 that
    // have not sold yet.
    const segments = new Set(rows.map((r) => r.segment));
    expect([segments.has('Champions'), segments.has("Can't lose"), segments.has('No purchase')]).toEqual([true, true, true]);
  });

  it('rfm.segments adds up to every partner and all revenue', async () => {
    await engine.query(`CREATE OR REPLACE TABLE demo_rfm AS ${rfmScoresSql({ windowDays: 730 })}`);
    const seg = await rowsOf(engine, rfmSegmentsSql({ scores: 'demo_rfm' }));
    const ref = rfmReference(raw, asOf, 730);
    const partners = seg.reduce((s, r) => s + Number(r.partners), 0);
    const share = seg.reduce((s, r) => s + Number(r.revenue_share), 0);
    const listed = seg.reduce((s, r) => s + (r.partner_ids as unknown[]).length, 0);
    expect([partners, listed]).toEqual([ref.size, ref.size]);
    expect(share).toBeCloseTo(1, 9);
  });
});

describe('cohorts on the demo data', () => {
  it.each([
    ['quarter', 'first_deal'],
    ['month', 'onboarding'],
    ['year', 'first_deal'],
  ] as const)('cohorts.retention by %s of %s agrees cell by cell', async (grain: Grain, basis) => {
    const rows = await rowsOf(engine, cohortRetentionSql({ grain, basis }));
    const ref = cohortReference(raw, asOf, grain, basis);
    expect(rows).toHaveLength(ref.size);
    const disagreements = rows.filter((r) => {
      const e = ref.get(`${r.cohort}|${r.period}`);
      return (
        !e ||
        r.cohort_size !== e.size ||
        r.observed !== e.observed ||
        r.active_partners !== e.active ||
        r.unbounded_partners !== e.unbounded ||
        !near(r.revenue === null ? null : Math.round(Number(r.revenue) * 100), e.revenueCents, 0) ||
        !near(r.revenue_retention, e.revenueRetention, 1e-9) ||
        !near(r.partner_retention, e.active === null ? null : e.active / e.size, 1e-12)
      );
    });
    expect(disagreements).toEqual([]);
    // Unobserved cells exist (the last periods) and are NULL, not 0.
    expect(rows.some((r) => r.observed === false && r.partner_retention === null)).toBe(true);
  });

  it('cohorts.annual agrees overall and per sector', async () => {
    const rows = await rowsOf(engine, annualRetentionSql());
    const ref = annualReference(raw, asOf);
    expect(rows).toHaveLength(ref.size);
    const disagreements = rows.filter((r) => {
      const e = ref.get(`${r.year}|${r.level === 'overall' ? '*' : (r.sector ?? '')}`);
      return !e || r.partners_prev_year !== e.prev || r.retained !== e.retained || !near(r.retention, e.retained / e.prev, 1e-12);
    });
    expect(disagreements).toEqual([]);
  });
});

describe('benchmarks on the demo data', () => {
  it('benchmark.retention places the latest year of each sector against its DOMAIN.md band', async () => {
    await createTable(engine, 'demo_bands', 'sector VARCHAR, low_pct DOUBLE, high_pct DOUBLE', [
      ['SaaS B2B', 80, 85],
      ['Distribution', 70, 75],
      ['Financial services', 75, 80],
      ['Telecommunications', 65, 70],
    ]);
    await engine.query(`CREATE OR REPLACE TABLE demo_annual AS ${annualRetentionSql()}`);
    const rows = await rowsOf(engine, benchmarkRetentionSql({ annual: 'demo_annual', bands: 'demo_bands', industry: 'SaaS B2B' }));
    const bands: Record<string, [number, number]> = { 'SaaS B2B': [80, 85], Distribution: [70, 75], 'Financial services': [75, 80], Telecommunications: [65, 70] };
    const ref = annualReference(raw, asOf);
    const latest = Math.max(...[...ref.keys()].map((k) => Number(k.split('|')[0])));
    const expected = [...ref.entries()]
      .filter(([k]) => k.startsWith(`${latest}|`))
      .map(([k, v]) => {
        const sector = k.split('|')[1]!;
        const [low, high] = bands[sector === '*' ? 'SaaS B2B' : sector]!;
        const pct = (100 * v.retained) / v.prev;
        const position = pct < low ? 'below' : pct > high ? 'above' : 'within';
        const points = pct < low ? pct - low : pct > high ? pct - high : 0;
        return { sector: sector === '*' ? null : sector, position, points };
      })
      .sort((a, b) => (a.sector === null ? -1 : b.sector === null ? 1 : a.sector.localeCompare(b.sector)));
    const got = rows.map((r) => ({ sector: r.sector, position: r.position, points: r.points_vs_band }));
    expect(got.map((g) => [g.sector, g.position])).toEqual(expected.map((e) => [e.sector, e.position]));
    got.forEach((g, k) => expect(Number(g.points)).toBeCloseTo(expected[k]!.points, 9));
    expect(rows.every((r) => r.year === latest)).toBe(true);
  });

  it('benchmark.peers agrees with a plain loop on every partner and metric', async () => {
    const rows = await rowsOf(engine, peerComparisonSql({ windowDays: 365 }));
    const ref = peerReference(raw, asOf, 365);
    expect(rows).toHaveLength(ref.size);
    const disagreements = rows.filter((r: Row) => {
      const e = ref.get(`${r.partner_id}|${r.metric}`);
      return (
        !e ||
        r.peer_value !== e.group ||
        r.peers !== e.peers ||
        !near(r.value, e.value, r.metric === 'revenue' ? 0.005 : 1e-9) ||
        !near(r.peer_median, e.median, r.metric === 'revenue' ? 0.005 : 1e-9) ||
        !near(r.percentile, e.percentile, 1e-9)
      );
    });
    expect(disagreements).toEqual([]);
  });
});

describe('programme ROI on the demo data', () => {
  it('roi.programs agrees with a plain loop on every programme', async () => {
    const rows = await rowsOf(engine, programRoiSql());
    const ref = roiReference(raw, asOf);
    expect(rows).toHaveLength(ref.size);
    for (const r of rows) {
      const e = ref.get(String(r.program_id))!;
      expect([r.enrolled_partners, r.control_partners]).toEqual([e.enrolled, e.control]);
      expect(Number(r.margin_naive)).toBeCloseTo(e.marginNaive, 4);
      expect(Number(r.margin_incremental)).toBeCloseTo(e.marginIncremental!, 4);
      expect(Number(r.margin_incremental_high) - Number(r.margin_incremental)).toBeCloseTo(1.96 * e.standardError!, 4);
      expect(Number(r.roi_naive)).toBeCloseTo(e.roiNaive!, 9);
      expect(Number(r.roi_incremental)).toBeCloseTo(e.roiIncremental!, 9);
    }
    expect(rows.map((r) => r.measured_until)).toEqual(rows.map((r) => r.ends_on));
  });

  /**
   * Tolerance. The planted value is Σ amount × gross_margin of the extra deals each programme caused
   * (DemoTruth.programs). The estimate differs from it by the noise of the counterfactual (what enrolled
   * partners would have sold anyway), so the tolerance is statistical: the planted value must lie in
   * the analysis' own 95 % interval. As a sanity bound on the point estimate too, the effective
   * programme must be recovered within 20 %: over seeds 1–11 and 42 the largest error measured was 16 %
   * (seed 42: −16 %), with errors of both signs (no visible bias).
   */
  it('the incremental margin recovers the effect the generator planted; the naive one does not', async () => {
    const rows = await rowsOf(engine, programRoiSql());
    expect(rows.map((r) => r.program_id)).toEqual(truth.programs.map((p) => p.programId));
    for (const planted of truth.programs) {
      const r = rows.find((x) => x.program_id === planted.programId)!;
      expect(planted.incrementalGrossMargin).toBeGreaterThanOrEqual(Number(r.margin_incremental_low));
      expect(planted.incrementalGrossMargin).toBeLessThanOrEqual(Number(r.margin_incremental_high));
      // Enrolment favours partners who sell more anyway: the naive margin is far above the planted one.
      expect(Number(r.margin_naive)).toBeGreaterThan(2 * planted.incrementalGrossMargin + 1_000_000);
    }
    const [noEffect, effective] = truth.programs;
    expect(noEffect!.incrementalGrossMargin).toBe(0);
    const est = Number(rows.find((x) => x.program_id === effective!.programId)!.margin_incremental);
    expect(Math.abs(est / effective!.incrementalGrossMargin - 1)).toBeLessThan(0.2);
    // The programme with no effect is flagged as such.
    expect(rows.find((x) => x.program_id === noEffect!.programId)!.note).toContain('the 95 % interval includes 0');
  });
});
