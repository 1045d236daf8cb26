/**
 * RFM on real data nobody on the project made: UCI Online Retail (a UK wholesaler, 2010-12 … 2011-06),
 * where 46 % of the customers have a single invoice. Each invoice is a won deal of its customer.
 *
 * The parquet file is ZSTD-compressed, which neither hyparquet nor DuckDB-WASM (no parquet extension
 * offline) reads; native DuckDB only reads the raw lines here. Invoices are then summed in plain
 * TypeScript, loaded into the app's engine as a deals table, and the SQL's scores are compared, partner by
 * partner, with reference.ts's plain loops (DOMAIN.md's rule written out independently).
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDataFile } from './shared-data';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { rfmScoresSql, rfmSegmentsSql } from '../../src/analytics/rfm';
import { createTable, rowsOf, type Cell, type Row } from './helpers';
import { isoOf, rfmReference, type Raw, type RfmRef } from './reference';

const FILE = sharedDataFile('online_retail/online_retail_2010-12_to_2011-06.SaitoTsutomu.parquet');

interface Invoice {
  customer: string;
  day: number;
  cents: number;
}

/** 'M/D/YY H:MM' (the file's text dates) → whole days since 1970-01-01. */
function dayOf(text: string): number {
  const [m, d, y] = text.split(' ')[0]!.split('/').map(Number);
  return Date.UTC(2000 + y!, m! - 1, d!) / 86_400_000;
}

/** Invoice lines → invoices: cancellations (InvoiceNo starting with C) and lines without customer left out. */
async function readInvoices(): Promise<Invoice[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(
      `SELECT InvoiceNo, CAST(CustomerID AS VARCHAR) AS customer, InvoiceDate, Quantity::DOUBLE AS q, UnitPrice AS price
       FROM read_parquet('${FILE.replace(/'/g, "''")}')`,
    );
    const byInvoice = new Map<string, Invoice>();
    for (const r of reader.getRowObjectsJS()) {
      const no = String(r.InvoiceNo);
      if (r.customer == null || no.startsWith('C')) continue;
      const inv = byInvoice.get(no) ?? { customer: String(r.customer), day: dayOf(String(r.InvoiceDate)), cents: 0 };
      inv.cents += Math.round(Number(r.q) * Number(r.price) * 100);
      byInvoice.set(no, inv);
    }
    return [...byInvoice.values()];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe.skipIf(!existsSync(FILE))(`RFM on UCI Online Retail${existsSync(FILE) ? '' : ` — skipped: ${FILE} is absent`}`, () => {
  let engine: Engine;
  let ref: Map<string, RfmRef>;
  let rows: Row[];
  let invoices: Invoice[];

  beforeAll(async () => {
    invoices = await readInvoices();
    const customers = [...new Set(invoices.map((i) => i.customer))].sort();
    const raw: Raw = {
      deals: invoices.map((i) => ({ partner_id: i.customer, day: i.day, cents: i.cents, margin: 0, won: true, end_customer: null })),
      partners: customers.map((c) => ({ partner_id: c, sector: null, country: null, employees: null, onboarded: null })),
      programs: [],
      enrolments: [],
    };
    const asOf = Math.max(...invoices.map((i) => i.day)) + 1;
    ref = rfmReference(raw, asOf, null);

    engine = await createNodeEngine();
    await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR', customers.map((c): Cell[] => [c, `Customer ${c}`]));
    await createTable(
      engine,
      'deals',
      'deal_id INTEGER, partner_id VARCHAR, closed_at DATE, amount DECIMAL(18,2), status VARCHAR',
      invoices.map((i, k): Cell[] => [k + 1, i.customer, isoOf(i.day), (i.cents / 100).toFixed(2), 'won']),
    );
    rows = await rowsOf(engine, rfmScoresSql());
  }, 120_000);

  it('has the issue\'s shape: 2,931 customers, 46 % of them with one invoice', () => {
    const perCustomer = new Map<string, number>();
    for (const i of invoices) perCustomer.set(i.customer, (perCustomer.get(i.customer) ?? 0) + 1);
    const once = [...perCustomer.values()].filter((n) => n === 1).length;
    expect(perCustomer.size).toBe(2931);
    expect(Math.round((100 * once) / perCustomer.size)).toBe(46);
  });

  it('scores every customer as the plain loop does', () => {
    expect(rows).toHaveLength(ref.size);
    const disagreements = rows.filter((r) => {
      const e = ref.get(String(r.partner_id))!;
      return (
        r.recency_days !== e.recency ||
        r.frequency !== e.frequency ||
        Math.round(Number(r.monetary) * 100) !== e.monetaryCents ||
        r.r_score !== e.r ||
        r.f_score !== e.f ||
        r.m_score !== e.m ||
        r.segment !== e.segment
      );
    });
    expect(disagreements).toEqual([]);
  });

  it('gives the one-invoice customers F = 1, so New and Promising are not empty', async () => {
    const fOfSingles = new Set(rows.filter((r) => r.frequency === 1).map((r) => r.f_score));
    expect([...fOfSingles]).toEqual([1]);
    await engine.query(`CREATE OR REPLACE TABLE uci_rfm AS ${rfmScoresSql()}`);
    const seg = Object.fromEntries((await rowsOf(engine, rfmSegmentsSql({ scores: 'uci_rfm' }))).map((r) => [r.segment, r.partners]));
    expect(Number(seg.New)).toBeGreaterThan(0);
    expect(Number(seg.Promising)).toBeGreaterThan(0);
    // R and M use every score. F jumps from 1 to 3: the customers with two invoices have the 46 % below
    // them, 1 + ⌊5 × 0.463⌋ = 3, and nobody sits in the second fifth.
    for (const k of ['r_score', 'm_score']) expect([k, [...new Set(rows.map((r) => r[k]))].sort()]).toEqual([k, [1, 2, 3, 4, 5]]);
    const once = rows.filter((r) => r.frequency === 1).length;
    expect(new Set(rows.filter((r) => r.frequency === 2).map((r) => r.f_score))).toEqual(new Set([1 + Math.floor((5 * once) / rows.length)]));
    expect([...new Set(rows.map((r) => r.f_score))].sort()).toEqual([1, 3, 4, 5]);
  });
});
