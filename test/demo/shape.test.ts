/**
 * The demo workspace loaded into DuckDB at scale 1 (seed 42), and every claim of the issue measured in
 * SQL on the loaded tables: types, integrity, ranges, the heavy tail, direct share, steady and
 * stopping partners, seasonality, channel conflicts, programmes, engagement and NPS. Bounds come from
 * the issue's wording, not from a previous run; the truth's planted effects are checked against what
 * SQL finds in the tables.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { generateDemo, type DemoTruth } from '../../src/demo/generate';
import { loadDemo } from '../../src/demo/load';

let engine: Engine;
let truth: DemoTruth;

type Row = Record<string, unknown>;

async function rows(sql: string): Promise<Row[]> {
  return (await engine.query(sql)).toArray().map((r) => r.toJSON() as Row);
}
async function one(sql: string): Promise<Row> {
  const r = await rows(sql);
  if (r.length !== 1) throw new Error(`expected one row, got ${r.length}: ${sql}`);
  return r[0]!;
}

const q = (s: string): string => "'" + s.replace(/'/g, "''") + "'";

/** A table made of literal rows (the truth), so SQL can join it. */
async function truthTable(name: string, columns: string, values: string[][]): Promise<void> {
  const body = values.length ? values.map((v) => `(${v.join(', ')})`).join(', ') : null;
  await engine.query(
    body
      ? `CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (VALUES ${body}) t(${columns})`
      : `CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (SELECT ${columns.split(',').map((c) => `NULL AS ${c}`).join(', ')}) WHERE false`,
  );
}

/** Won revenue per partner, zero for partners without a won deal (they are the tail, not dropped). */
const REVENUE = `SELECT p.partner_id, p.tier, coalesce(sum(d.amount) FILTER (WHERE d.status = 'won'), 0) AS revenue
  FROM partners p LEFT JOIN deals d ON d.partner_id = p.partner_id GROUP BY ALL`;

/** Gini of `x` over a relation: with x ascending and i = 1…n, G = 2·Σ i·x_i / (n·Σ x) − (n + 1)/n. */
const gini = (relation: string): string => `SELECT 2 * sum(i * x) / (count(*) * sum(x)) - (count(*) + 1) / count(*) AS g
  FROM (SELECT x, row_number() OVER (ORDER BY x) AS i FROM (${relation}))`;

beforeAll(async () => {
  engine = await createNodeEngine();
  let t = performance.now();
  truth = generateDemo().truth;
  const generated = performance.now() - t;
  t = performance.now();
  await loadDemo(engine);
  const loaded = performance.now() - t;
  console.log(`scale 1: generateDemo ${generated.toFixed(0)} ms; loadDemo (generation + load) ${loaded.toFixed(0)} ms`);

  await truthTable('truth_steady', 'partner_id', truth.steadyPartnerIds.map((id) => [q(id)]));
  await truthTable('truth_diamonds', 'partner_id', truth.diamondPartnerIds.map((id) => [q(id)]));
  await truthTable(
    'truth_stopped',
    'partner_id, stopped_on, last_won_on',
    truth.stoppedPartners.map((s) => [q(s.partnerId), `DATE ${q(s.stoppedOn)}`, `DATE ${q(s.lastWonOn)}`]),
  );
  await truthTable(
    'truth_conflicts',
    'end_customer, first_id, second_id',
    truth.channelConflicts.planted.map((c) => [q(c.endCustomer), q(c.dealIds[0]), q(c.dealIds[1])]),
  );
  await truthTable(
    'truth_uplift',
    'program_id, deal_id',
    truth.programs.flatMap((p) => p.upliftDealIds.map((id) => [q(p.programId), q(id)])),
  );
}, 120_000);

describe('tables', () => {
  it('have the DOMAIN.md columns with the SQL types of the brief', async () => {
    const describe = async (t: string): Promise<string[]> =>
      (await rows(`DESCRIBE ${t}`)).map((r) => `${String(r.column_name)} ${String(r.column_type)}`);
    expect(await describe('partners')).toEqual([
      'partner_id VARCHAR', 'name VARCHAR', 'country VARCHAR', 'region VARCHAR', 'sector VARCHAR', 'tier VARCHAR',
      'onboarded_at DATE', 'employees INTEGER', 'tech_stack VARCHAR',
    ]);
    expect(await describe('deals')).toEqual([
      'deal_id VARCHAR', 'partner_id VARCHAR', 'end_customer VARCHAR', 'product VARCHAR', 'closed_at DATE',
      'amount DECIMAL(18,2)', 'gross_margin DOUBLE', 'status VARCHAR', 'registered_at DATE', 'stage VARCHAR',
    ]);
    expect(await describe('activities')).toEqual(['partner_id VARCHAR', 'occurred_at TIMESTAMP', 'kind VARCHAR', 'campaign VARCHAR']);
    expect(await describe('surveys')).toEqual(['partner_id VARCHAR', 'answered_at DATE', 'score INTEGER', 'comment VARCHAR']);
    expect(await describe('programs')).toEqual(['program_id VARCHAR', 'name VARCHAR', 'starts_on DATE', 'ends_on DATE', 'cost DECIMAL(18,2)']);
    expect(await describe('enrolments')).toEqual(['program_id VARCHAR', 'partner_id VARCHAR', 'enrolled_on DATE']);
    expect(await describe('targets')).toEqual(['partner_id VARCHAR', 'tier VARCHAR', 'quarter VARCHAR', 'metric VARCHAR', 'target DOUBLE']);
    expect(await describe('tier_rules')).toEqual(['tier VARCHAR', 'rank INTEGER', 'min_won_revenue DECIMAL(18,2)', 'min_won_deals INTEGER', 'min_certifications INTEGER']);
    expect(await describe('mdf')).toEqual([
      'partner_id VARCHAR', 'program_id VARCHAR', 'activity VARCHAR', 'requested_at DATE', 'requested DECIMAL(18,2)',
      'approved DECIMAL(18,2)', 'claimed DECIMAL(18,2)', 'paid DECIMAL(18,2)',
    ]);
  });

  it('are replaced by a second load, not appended to', async () => {
    const before = await one('SELECT (SELECT count(*) FROM deals) AS d, (SELECT count(*) FROM partners) AS p');
    await loadDemo(engine, { scale: 0.01, seed: 5 });
    expect(await one('SELECT (SELECT count(*) FROM partners) AS p')).toEqual({ p: 20 });
    await loadDemo(engine);
    expect(await one('SELECT (SELECT count(*) FROM deals) AS d, (SELECT count(*) FROM partners) AS p')).toEqual(before);
  });

  it('hold two programmes with their windows and costs', async () => {
    expect(await rows('SELECT program_id, name, starts_on::VARCHAR AS s, ends_on::VARCHAR AS e, cost FROM programs ORDER BY 1')).toEqual([
      { program_id: 'PRG01', name: 'Club Partenaires Excellence', s: '2022-07-01', e: '2023-06-30', cost: 120000 },
      { program_id: 'PRG02', name: 'Accélérateur Croissance 2024', s: '2024-01-01', e: '2024-12-31', cost: 250000 },
    ]);
  });
});

describe('integrity', () => {
  it('keeps keys unique and every reference pointing at an existing row', async () => {
    expect(
      await one(`SELECT
        (SELECT count(*) - count(DISTINCT partner_id) FROM partners) AS dup_partners,
        (SELECT count(*) - count(DISTINCT deal_id) FROM deals) AS dup_deals,
        (SELECT count(*) FROM deals WHERE partner_id IS NOT NULL AND partner_id NOT IN (SELECT partner_id FROM partners)) AS deal_orphans,
        (SELECT count(*) FROM enrolments WHERE partner_id NOT IN (SELECT partner_id FROM partners)) AS enrolment_partner_orphans,
        (SELECT count(*) FROM enrolments WHERE program_id NOT IN (SELECT program_id FROM programs)) AS enrolment_program_orphans,
        (SELECT count(*) - count(DISTINCT (program_id, partner_id)) FROM enrolments) AS dup_enrolments,
        (SELECT count(*) FROM activities WHERE partner_id NOT IN (SELECT partner_id FROM partners)) AS activity_orphans,
        (SELECT count(*) FROM surveys WHERE partner_id NOT IN (SELECT partner_id FROM partners)) AS survey_orphans`),
    ).toEqual({
      dup_partners: 0, dup_deals: 0, deal_orphans: 0, enrolment_partner_orphans: 0, enrolment_program_orphans: 0,
      dup_enrolments: 0, activity_orphans: 0, survey_orphans: 0,
    });
  });

  it('keeps every date in range, registrations before closing, and nothing before onboarding', async () => {
    expect(
      await one(`SELECT
        (SELECT count(*) FROM deals WHERE closed_at NOT BETWEEN DATE '2021-01-01' AND DATE '2025-12-31') AS closed_out,
        (SELECT count(*) FROM deals WHERE registered_at > closed_at) AS registered_after_close,
        (SELECT count(*) FROM deals WHERE registered_at < DATE '2020-01-01') AS registered_too_early,
        (SELECT count(*) FROM deals d JOIN partners p USING (partner_id) WHERE d.registered_at < p.onboarded_at) AS before_onboarding,
        (SELECT count(*) FROM partners WHERE onboarded_at NOT BETWEEN DATE '2019-01-01' AND DATE '2025-12-31') AS onboarded_out,
        (SELECT count(*) FROM activities WHERE occurred_at < TIMESTAMP '2021-01-01' OR occurred_at >= TIMESTAMP '2026-01-01') AS activity_out,
        (SELECT count(*) FROM activities a JOIN partners p USING (partner_id) WHERE a.occurred_at < p.onboarded_at) AS activity_before_onboarding,
        (SELECT count(*) FROM surveys WHERE answered_at NOT BETWEEN DATE '2022-01-01' AND DATE '2025-12-31') AS survey_out,
        (SELECT count(*) FROM surveys s JOIN partners p USING (partner_id) WHERE s.answered_at < p.onboarded_at) AS survey_before_onboarding,
        (SELECT count(*) FROM enrolments e JOIN programs g USING (program_id) WHERE e.enrolled_on NOT BETWEEN g.starts_on - 45 AND g.starts_on + 60) AS enrolled_out`),
    ).toEqual({
      closed_out: 0, registered_after_close: 0, registered_too_early: 0, before_onboarding: 0, onboarded_out: 0, activity_out: 0,
      activity_before_onboarding: 0, survey_out: 0, survey_before_onboarding: 0, enrolled_out: 0,
    });
  });

  it('ends on 2025-12-31, so the default as-of date is the truth’s 2026-01-01', async () => {
    const r = await one(`SELECT greatest((SELECT max(closed_at) FROM deals), (SELECT max(occurred_at)::DATE FROM activities),
      (SELECT max(answered_at) FROM surveys), (SELECT max(onboarded_at) FROM partners)) + 1 AS as_of`);
    expect(new Date(Number(r.as_of)).toISOString().slice(0, 10)).toBe(truth.asOf);
    expect(truth.asOf).toBe('2026-01-01');
  });

  it('uses only documented values: statuses, sectors, tiers, kinds, scores, margins, amounts', async () => {
    expect((await rows('SELECT DISTINCT status FROM deals ORDER BY 1')).map((r) => r.status)).toEqual(['lost', 'open', 'won']);
    expect((await rows('SELECT DISTINCT sector FROM partners ORDER BY 1')).map((r) => r.sector)).toEqual([
      'Distribution', 'Financial services', 'SaaS B2B', 'Telecommunications',
    ]);
    expect((await rows('SELECT DISTINCT tier FROM partners ORDER BY 1 NULLS LAST')).map((r) => r.tier)).toEqual(['Bronze', 'Gold', 'Silver', null]);
    expect((await rows('SELECT DISTINCT kind FROM activities ORDER BY 1')).map((r) => r.kind)).toEqual([
      'deal_registration', 'email_click', 'email_open', 'site_visit', 'trade_show', 'training', 'webinar',
    ]);
    expect(
      await one(`SELECT
        (SELECT count(*) FROM surveys WHERE score NOT BETWEEN 0 AND 10 OR score IS NULL) AS bad_scores,
        (SELECT count(*) FROM deals WHERE gross_margin NOT BETWEEN 0.15 AND 0.45) AS bad_margins,
        (SELECT count(*) FROM deals WHERE amount < 150 OR amount IS NULL) AS bad_amounts,
        (SELECT count(*) FROM partners WHERE employees < 3 OR employees IS NULL) AS bad_employees`),
    ).toEqual({ bad_scores: 0, bad_margins: 0, bad_amounts: 0, bad_employees: 0 });
    // Answers use the whole scale, from angry detractors to promoters.
    const spread = await one('SELECT min(score) AS lo, max(score) AS hi, count(DISTINCT score) AS n FROM surveys');
    expect(Number(spread.lo)).toBeLessThanOrEqual(2);
    expect([spread.hi, Number(spread.n) >= 9]).toEqual([10, true]);
  });

  it('has open deals only near the end (closing from 2025-09-01)', async () => {
    const r = await one(`SELECT count(*) AS n, min(closed_at)::VARCHAR AS first FROM deals WHERE status = 'open'`);
    expect(Number(r.n)).toBeGreaterThan(100);
    expect(String(r.first) >= '2025-09-01').toBe(true);
  });
});

describe('the quarter\'s review tables', () => {
  it('give a stage to open deals only, from the four stages', async () => {
    expect(await one(`SELECT count(*) FILTER (WHERE status <> 'open' AND stage IS NOT NULL) AS closed_with_stage,
        count(*) FILTER (WHERE status = 'open' AND stage IS NULL) AS open_without_stage FROM deals`)).toEqual({ closed_with_stage: 0, open_without_stage: 0 });
    const stages = (await rows(`SELECT stage, count(*) AS n FROM deals WHERE stage IS NOT NULL GROUP BY 1 ORDER BY 1`)).map((r) => String(r.stage));
    expect(stages).toEqual(['Négociation', 'Proposition', 'Qualification', 'Signature']);
  });

  it('hold targets for known partners or tiers, quarters 2025-Q1 to 2026-Q1, and three tier rules', async () => {
    expect(await one(`SELECT
        count(*) FILTER (WHERE (partner_id IS NULL) = (tier IS NULL)) AS not_one_of_both,
        count(*) FILTER (WHERE partner_id IS NOT NULL AND partner_id NOT IN (SELECT partner_id FROM partners)) AS orphans,
        count(*) FILTER (WHERE tier NOT IN ('Gold', 'Silver', 'Bronze')) AS bad_tiers,
        count(*) FILTER (WHERE NOT regexp_matches(quarter, '^20(25-Q[1-4]|26-Q1)$')) AS bad_quarters,
        count(*) FILTER (WHERE target IS NULL OR target <= 0) AS bad_targets FROM targets`)).toEqual({
      not_one_of_both: 0, orphans: 0, bad_tiers: 0, bad_quarters: 0, bad_targets: 0,
    });
    expect((await rows('SELECT tier, rank FROM tier_rules ORDER BY rank')).map((r) => `${String(r.rank)} ${String(r.tier)}`)).toEqual(['1 Gold', '2 Silver', '3 Bronze']);
  });

  it('keep every fund request consistent: paid ≤ claimed ≤ approved ≤ requested, enrolled partners within their programme', async () => {
    expect(await one(`SELECT
        count(*) FILTER (WHERE NOT (0 <= paid AND paid <= claimed AND claimed <= approved AND approved <= requested)) AS bad_amounts,
        count(*) FILTER (WHERE partner_id NOT IN (SELECT partner_id FROM partners)) AS orphans,
        count(*) FILTER (WHERE program_id IS NOT NULL AND (partner_id, program_id) NOT IN (SELECT (partner_id, program_id) FROM enrolments)) AS not_enrolled,
        count(*) FILTER (WHERE m.program_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM programs g WHERE g.program_id = m.program_id
          AND m.requested_at BETWEEN g.starts_on - 45 AND g.ends_on)) AS outside_window
      FROM mdf m`)).toEqual({ bad_amounts: 0, orphans: 0, not_enrolled: 0, outside_window: 0 });
  });
});

describe('the partner network', () => {
  it('is mostly French, then European, with a few further away', async () => {
    const r = await one(`SELECT avg((country = 'France')::INT) AS france,
      avg((country IN ('France', 'Belgium', 'Germany', 'Switzerland', 'Spain', 'Italy', 'Netherlands', 'Luxembourg', 'Portugal', 'United Kingdom'))::INT) AS europe,
      count(DISTINCT country) AS countries, count(DISTINCT region) AS regions FROM partners`);
    expect(Number(r.france)).toBeGreaterThan(0.45);
    expect(Number(r.france)).toBeLessThan(0.65);
    expect(Number(r.europe)).toBeGreaterThan(0.85);
    expect(Number(r.europe)).toBeLessThan(1);
    expect(Number(r.countries)).toBeGreaterThanOrEqual(10);
    expect(Number(r.regions)).toBeGreaterThanOrEqual(20);
  });

  it('onboards partners every year from 2019 to 2025, and new partners sell after joining', async () => {
    const years = await rows('SELECT year(onboarded_at) AS y, count(*) AS n FROM partners GROUP BY 1 ORDER BY 1');
    expect(years.map((r) => r.y)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    const r = await one(`SELECT count(DISTINCT p.partner_id) AS n FROM partners p JOIN deals d USING (partner_id)
      WHERE year(p.onboarded_at) = 2024 AND d.status = 'won'`);
    expect(Number(r.n)).toBeGreaterThan(20);
  });

  it('has a heavy tail: top 20 % of partners make 75–85 % of won revenue, Gini above 0.6', async () => {
    // The measuring formula on a case worked by hand: revenues 0, 0, 0, 1 have Gini 2·4/(4·1) − 5/4 = 0.75.
    expect(await one(gini('SELECT x FROM (VALUES (0.0), (0.0), (0.0), (1.0)) t(x)'))).toEqual({ g: 0.75 });
    const top = await one(`SELECT sum(revenue) FILTER (WHERE rk <= n * 0.2) / sum(revenue) AS share
      FROM (SELECT revenue, row_number() OVER (ORDER BY revenue DESC) AS rk, count(*) OVER () AS n FROM (${REVENUE}))`);
    expect(Number(top.share)).toBeGreaterThan(0.75);
    expect(Number(top.share)).toBeLessThan(0.85);
    const g = await one(gini(`SELECT revenue AS x FROM (${REVENUE})`));
    expect(Number(g.g)).toBeGreaterThan(0.6);
  });

  it('ties tier to size, imperfectly: Gold is concentrated at the top, yet some Bronze partners are champions', async () => {
    const r = await one(`SELECT avg((tier = 'Gold')::INT) FILTER (WHERE rk <= n * 0.2) AS gold_top,
      avg((tier = 'Gold')::INT) FILTER (WHERE rk > n * 0.2) AS gold_rest,
      count(*) FILTER (WHERE rk <= n * 0.1 AND tier = 'Bronze') AS bronze_top10
      FROM (SELECT tier, row_number() OVER (ORDER BY revenue DESC) AS rk, count(*) OVER () AS n FROM (${REVENUE}))`);
    expect(Number(r.gold_top)).toBeGreaterThan(2 * Number(r.gold_rest));
    expect(Number(r.bronze_top10)).toBeGreaterThan(0);
  });

  it('has partners with many small deals (top 40 % by won deals, bottom 40 % by won revenue)', async () => {
    const r = await one(`WITH w AS (SELECT partner_id, count(*) AS f, sum(amount) AS m FROM deals
          WHERE status = 'won' AND partner_id IS NOT NULL GROUP BY 1),
        ranked AS (SELECT percent_rank() OVER (ORDER BY f) AS f_rank, percent_rank() OVER (ORDER BY m) AS m_rank FROM w)
      SELECT count(*) AS n FROM ranked WHERE f_rank >= 0.6 AND m_rank < 0.4`);
    expect(Number(r.n)).toBeGreaterThanOrEqual(10);
  });

  it('sells direct beside the partners: 15–25 % of won revenue has no partner', async () => {
    const r = await one(`SELECT sum(amount) FILTER (WHERE partner_id IS NULL) / sum(amount) AS direct FROM deals WHERE status = 'won'`);
    expect(Number(r.direct)).toBeGreaterThan(0.15);
    expect(Number(r.direct)).toBeLessThan(0.25);
  });
});

describe('rhythms', () => {
  it('has steady partners (~5 %) with exactly one won deal in every year since their first, in the same month', async () => {
    expect(truth.steadyPartnerIds).toHaveLength(100);
    const violations = await rows(`
      WITH won AS (SELECT partner_id, year(closed_at) AS y, count(*) AS n FROM deals
                   WHERE status = 'won' AND partner_id IN (SELECT partner_id FROM truth_steady) GROUP BY ALL),
           first AS (SELECT partner_id, min(y) AS y0 FROM won GROUP BY 1),
           expected AS (SELECT f.partner_id, r.y FROM first f, range(2021, 2026) r(y) WHERE r.y >= f.y0)
      SELECT e.partner_id, e.y, coalesce(w.n, 0) AS n FROM expected e LEFT JOIN won w USING (partner_id, y) WHERE coalesce(w.n, 0) <> 1`);
    expect(violations).toEqual([]);
    const r = await one(`SELECT count(DISTINCT partner_id) AS partners, max(months) AS max_months, min(years) >= 3 AS three_years FROM (
      SELECT partner_id, count(DISTINCT month(closed_at)) AS months, count(DISTINCT year(closed_at)) AS years FROM deals
      WHERE status = 'won' AND partner_id IN (SELECT partner_id FROM truth_steady) GROUP BY 1)`);
    expect(r).toEqual({ partners: 100, max_months: 1, three_years: true });
  });

  it('has partners that stop buying: no deal of any status from their stop date, last won deal as recorded', async () => {
    expect(truth.stoppedPartners.length).toBeGreaterThan(0.05 * 2000);
    expect(truth.stoppedPartners.length).toBeLessThan(0.2 * 2000);
    const after = await one(`SELECT count(*) AS n FROM deals d JOIN truth_stopped t USING (partner_id)
      WHERE d.closed_at >= t.stopped_on OR d.registered_at >= t.stopped_on`);
    expect(after).toEqual({ n: 0 });
    const matches = await one(`SELECT count(*) AS n FROM truth_stopped t
      JOIN (SELECT partner_id, max(closed_at) AS last_won FROM deals WHERE status = 'won' GROUP BY 1) w USING (partner_id)
      WHERE w.last_won = t.last_won_on AND t.stopped_on <= DATE '2025-06-30'`);
    expect(Number(matches.n)).toBe(truth.stoppedPartners.length);
  });

  it('peaks in June and December and dips in August', async () => {
    expect([truth.seasonality.peakMonths, truth.seasonality.troughMonth]).toEqual([[6, 12], 8]);
    const byMonth = (await rows(`SELECT month(closed_at) AS m, count(*) AS n FROM deals WHERE status = 'won' GROUP BY 1 ORDER BY 1`)).map((r) =>
      Number(r.n),
    );
    const [june, august, december] = [byMonth[5]!, byMonth[7]!, byMonth[11]!];
    expect(june).toBeGreaterThan(1.5 * august);
    expect(december).toBeGreaterThan(1.5 * august);
    expect(byMonth.filter((n) => n <= august)).toEqual([august]);
    // The measured monthly profile follows the planted weights (Pearson correlation).
    const w = truth.seasonality.monthWeights;
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const [mx, my] = [mean(byMonth), mean(w)];
    const cov = byMonth.reduce((s, x, k) => s + (x - mx) * (w[k]! - my), 0);
    const sx = Math.sqrt(byMonth.reduce((s, x) => s + (x - mx) ** 2, 0));
    const sy = Math.sqrt(w.reduce((s, y) => s + (y - my) ** 2, 0));
    expect(cov / (sx * sy)).toBeGreaterThan(0.9);
  });
});

describe('channel conflicts', () => {
  it('finds at least the planted number of end customers served by two actors within 90 days', async () => {
    expect(truth.channelConflicts.count).toBeGreaterThan(50);
    const r = await one(`WITH w AS (SELECT end_customer, coalesce(partner_id, 'direct') AS actor, closed_at FROM deals WHERE status = 'won')
      SELECT count(DISTINCT a.end_customer) AS n FROM w a JOIN w b
        ON a.end_customer = b.end_customer AND a.actor <> b.actor AND b.closed_at BETWEEN a.closed_at AND a.closed_at + 90`);
    expect(Number(r.n)).toBeGreaterThanOrEqual(truth.channelConflicts.count);
  });

  it('plants each conflict as two won deals, same customer, different actors, 1–90 days apart', async () => {
    const r = await one(`SELECT count(*) AS n FROM truth_conflicts t
      JOIN deals a ON a.deal_id = t.first_id JOIN deals b ON b.deal_id = t.second_id
      WHERE a.end_customer = t.end_customer AND b.end_customer = t.end_customer AND a.status = 'won' AND b.status = 'won'
        AND coalesce(a.partner_id, 'direct') <> coalesce(b.partner_id, 'direct') AND b.closed_at - a.closed_at BETWEEN 1 AND 90`);
    expect(Number(r.n)).toBe(truth.channelConflicts.count);
  });

  it('has end customers recurring across partners', async () => {
    const r = await one(`SELECT count(*) AS n FROM (SELECT end_customer FROM deals WHERE partner_id IS NOT NULL
      GROUP BY 1 HAVING count(DISTINCT partner_id) >= 2)`);
    expect(Number(r.n)).toBeGreaterThan(100);
  });
});

describe('incentive programmes', () => {
  it('records as truth exactly the gross margin of the planted extra deals', async () => {
    const [none, real] = truth.programs;
    expect([none!.programId, none!.incrementalGrossMargin, none!.upliftDealIds]).toEqual(['PRG01', 0, []]);
    expect(real!.programId).toBe('PRG02');
    const r = await one(`SELECT sum(d.amount * d.gross_margin) AS margin, count(*) AS n FROM deals d JOIN truth_uplift u USING (deal_id)
      WHERE u.program_id = 'PRG02'`);
    expect(Number(r.n)).toBe(real!.upliftDealIds.length);
    expect(Number(r.margin) / real!.incrementalGrossMargin).toBeCloseTo(1, 9);
  });

  it('plants extra deals only as won deals of enrolled partners inside the window, after their enrolment', async () => {
    const r = await one(`SELECT count(*) AS n FROM deals d JOIN truth_uplift u USING (deal_id)
      LEFT JOIN enrolments e ON e.program_id = u.program_id AND e.partner_id = d.partner_id
      LEFT JOIN programs g ON g.program_id = u.program_id
      WHERE d.status <> 'won' OR e.partner_id IS NULL OR d.closed_at < greatest(g.starts_on, e.enrolled_on) OR d.closed_at > g.ends_on`);
    expect(r).toEqual({ n: 0 });
  });

  /**
   * Per programme, over partners onboarded before the pre-period (the 12 months before the start):
   * naive = gross margin of enrolled partners during the window; DiD = (mean change of enrolled −
   * mean change of the others) × enrolled count, change = window margin − pre-period margin.
   */
  const ROI = (program: string): string => `
    WITH g AS (SELECT * FROM programs WHERE program_id = ${q(program)}),
    m AS (SELECT p.partner_id, p.partner_id IN (SELECT partner_id FROM enrolments WHERE program_id = ${q(program)}) AS enrolled,
            coalesce(sum(d.amount * d.gross_margin) FILTER (WHERE d.closed_at BETWEEN g.starts_on AND g.ends_on), 0) AS post,
            coalesce(sum(d.amount * d.gross_margin) FILTER (WHERE d.closed_at BETWEEN g.starts_on - INTERVAL 1 YEAR AND g.starts_on - 1), 0) AS pre
          FROM partners p CROSS JOIN g LEFT JOIN deals d ON d.partner_id = p.partner_id AND d.status = 'won'
          WHERE p.onboarded_at < g.starts_on - INTERVAL 1 YEAR GROUP BY ALL)
    SELECT sum(post) FILTER (WHERE enrolled) AS naive,
           (avg(post - pre) FILTER (WHERE enrolled) - avg(post - pre) FILTER (WHERE NOT enrolled)) * count(*) FILTER (WHERE enrolled) AS did,
           avg(pre) FILTER (WHERE enrolled) AS pre_enrolled, avg(pre) FILTER (WHERE NOT enrolled) AS pre_others
    FROM m`;

  it('enrols the more active partners, so a naive ROI overstates the effect and a difference-in-differences recovers it', async () => {
    const real = truth.programs[1]!;
    const r = await one(ROI('PRG02'));
    expect(Number(r.pre_enrolled)).toBeGreaterThan(3 * Number(r.pre_others));
    expect(Number(r.naive)).toBeGreaterThan(2 * real.incrementalGrossMargin);
    expect(Math.abs(Number(r.did) / real.incrementalGrossMargin - 1)).toBeLessThan(0.3);
  });

  it('shows roughly no effect for the programme without one, whatever the naive view says', async () => {
    const r = await one(ROI('PRG01'));
    expect(Number(r.pre_enrolled)).toBeGreaterThan(3 * Number(r.pre_others));
    // The naive view credits the programme with all enrolled margin; DiD with under a quarter of it
    // (noise and partners stopping among the others), where the real programme's truth is ~40 % of its naive.
    expect(Math.abs(Number(r.did))).toBeLessThan(0.25 * Number(r.naive));
  });
});

describe('engagement', () => {
  /** DOMAIN.md points: email opened 1, key page visited 3, link clicked 5, webinar or trade show 10. */
  const POINTS = `CASE kind WHEN 'email_open' THEN 1 WHEN 'site_visit' THEN 3 WHEN 'email_click' THEN 5
    WHEN 'webinar' THEN 10 WHEN 'trade_show' THEN 10 ELSE 0 END`;

  it('follows business: the top 20 % by revenue interact more than twice as much as the rest', async () => {
    const r = await one(`WITH a AS (SELECT partner_id, count(*) AS n FROM activities GROUP BY 1)
      SELECT avg(coalesce(a.n, 0)) FILTER (WHERE rk <= cnt * 0.2) AS top, avg(coalesce(a.n, 0)) FILTER (WHERE rk > cnt * 0.2) AS rest
      FROM (SELECT partner_id, row_number() OVER (ORDER BY revenue DESC) AS rk, count(*) OVER () AS cnt FROM (${REVENUE})) r
      LEFT JOIN a USING (partner_id)`);
    expect(Number(r.top)).toBeGreaterThan(2 * Number(r.rest));
  });

  it('has diamonds in the rough: tail partners (not top 20 % by revenue) in the top 5 % of 90-day engagement', async () => {
    expect(truth.diamondPartnerIds).toHaveLength(30);
    const r = await one(`WITH e AS (SELECT p.partner_id, coalesce(sum(${POINTS}), 0) AS points FROM partners p
          LEFT JOIN activities a ON a.partner_id = p.partner_id AND a.occurred_at >= TIMESTAMP '2026-01-01' - INTERVAL 90 DAY GROUP BY 1),
        ranks AS (SELECT partner_id, percent_rank() OVER (ORDER BY points DESC) AS engagement_rank FROM e),
        revenue AS (SELECT partner_id, percent_rank() OVER (ORDER BY revenue DESC) AS revenue_rank FROM (${REVENUE}))
      SELECT count(*) AS n, max(engagement_rank) AS worst_engagement, min(revenue_rank) AS best_revenue
      FROM truth_diamonds JOIN ranks USING (partner_id) JOIN revenue USING (partner_id)`);
    expect(Number(r.n)).toBe(30);
    expect(Number(r.worst_engagement)).toBeLessThan(0.05);
    expect(Number(r.best_revenue)).toBeGreaterThan(0.2);
  });

  it('holds trade shows in their months only (March, June, October) and nothing after a partner stops', async () => {
    const months = await rows(`SELECT DISTINCT month(occurred_at) AS m FROM activities WHERE kind = 'trade_show' ORDER BY 1`);
    expect(months.map((r) => r.m)).toEqual([3, 6, 10]);
    expect(await one(`SELECT count(*) AS n FROM activities a JOIN truth_stopped t USING (partner_id) WHERE a.occurred_at >= t.stopped_on`)).toEqual({ n: 0 });
  });
});

describe('NPS surveys', () => {
  it('reach a good share of partners, once or twice a year, 2022–2025', async () => {
    const r = await one(`SELECT (SELECT count(DISTINCT partner_id) FROM surveys) / (SELECT count(*) FROM partners) AS share,
      (SELECT max(n) FROM (SELECT count(*) AS n FROM surveys GROUP BY partner_id, year(answered_at))) AS max_per_year,
      (SELECT count(DISTINCT year(answered_at)) FROM surveys) AS years`);
    expect(Number(r.share)).toBeGreaterThan(0.4);
    expect(Number(r.share)).toBeLessThan(0.75);
    expect([r.max_per_year, r.years]).toEqual([2, 4]);
  });

  it('rate higher with a higher tier: Gold NPS beats Bronze NPS by 20 points or more', async () => {
    const nps = await rows(`SELECT tier, 100 * (avg((score >= 9)::INT) - avg((score <= 6)::INT)) AS nps
      FROM surveys JOIN partners USING (partner_id) WHERE tier IN ('Gold', 'Bronze') GROUP BY 1 ORDER BY 1`);
    const [bronze, gold] = nps.map((r) => Number(r.nps));
    expect(gold! - bronze!).toBeGreaterThan(20);
  });

  it('rate higher when the partner grows: growing partners have a higher NPS than shrinking ones', async () => {
    const r = await one(`WITH g AS (SELECT partner_id,
          sum(amount) FILTER (WHERE year(closed_at) IN (2024, 2025)) / sum(amount) FILTER (WHERE year(closed_at) IN (2022, 2023)) AS ratio
          FROM deals WHERE status = 'won' AND partner_id IS NOT NULL GROUP BY 1),
        s AS (SELECT partner_id, score FROM surveys WHERE year(answered_at) >= 2024)
      SELECT 100 * (avg((score >= 9)::INT) FILTER (WHERE ratio > 1.25) - avg((score <= 6)::INT) FILTER (WHERE ratio > 1.25)) AS growing,
             100 * (avg((score >= 9)::INT) FILTER (WHERE ratio < 0.8) - avg((score <= 6)::INT) FILTER (WHERE ratio < 0.8)) AS shrinking
      FROM s JOIN g USING (partner_id)`);
    expect(Number(r.growing)).toBeGreaterThan(Number(r.shrinking) + 10);
  });

  it('carry comments sometimes, in French and in English', async () => {
    const r = await one(`SELECT avg((comment IS NOT NULL)::INT) AS share,
      count(*) FILTER (WHERE regexp_matches(comment, '[éèàç]| des | nous ')) AS french,
      count(*) FILTER (WHERE regexp_matches(comment, '\\b(the|with|keep|could|since)\\b')) AS english FROM surveys`);
    expect(Number(r.share)).toBeGreaterThan(0.2);
    expect(Number(r.share)).toBeLessThan(0.5);
    expect(Number(r.french)).toBeGreaterThan(Number(r.english));
    expect(Number(r.english)).toBeGreaterThan(50);
  });
});
