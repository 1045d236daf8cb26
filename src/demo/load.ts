/**
 * Puts the demo workspace into DuckDB: six tables with the DOMAIN.md column names and SQL types,
 * replacing tables of the same names.
 *
 * Each table goes in as a CSV file read with read_csv and explicit column types. Arrow was measured
 * faster (250,000 deal rows: 1.2 s against 2.0 s) but Engine.insertArrow of the Node back end inserts
 * nothing when the table comes from the ESM build of apache-arrow while duckdb-wasm's blocking bundle
 * requires the CommonJS one (two copies, tableToIPC returns 0 bytes); CSV works on every back end.
 */
import type { Engine } from '../engine/types';
import { DEMO_TABLE_NAMES, generateDemo, type Columns, type DemoOptions, type DemoTables } from './generate';
import { tableCsv } from './table-csv';

export { dealsCsv, dealsCsvChunks, dealsCsvBytes } from './csv';

type DemoTableName = (typeof DEMO_TABLE_NAMES)[number];

/** Column → SQL type of each table, in column order. */
export const DEMO_SCHEMA: Record<DemoTableName, Record<string, string>> = {
  partners: {
    partner_id: 'VARCHAR',
    name: 'VARCHAR',
    country: 'VARCHAR',
    region: 'VARCHAR',
    sector: 'VARCHAR',
    tier: 'VARCHAR',
    onboarded_at: 'DATE',
    employees: 'INTEGER',
    tech_stack: 'VARCHAR',
  },
  programs: { program_id: 'VARCHAR', name: 'VARCHAR', starts_on: 'DATE', ends_on: 'DATE', cost: 'DECIMAL(18,2)' },
  enrolments: { program_id: 'VARCHAR', partner_id: 'VARCHAR', enrolled_on: 'DATE' },
  deals: {
    deal_id: 'VARCHAR',
    partner_id: 'VARCHAR',
    end_customer: 'VARCHAR',
    product: 'VARCHAR',
    closed_at: 'DATE',
    amount: 'DECIMAL(18,2)',
    gross_margin: 'DOUBLE',
    status: 'VARCHAR',
    registered_at: 'DATE',
    stage: 'VARCHAR',
  },
  activities: { partner_id: 'VARCHAR', occurred_at: 'TIMESTAMP', kind: 'VARCHAR', campaign: 'VARCHAR' },
  surveys: { partner_id: 'VARCHAR', answered_at: 'DATE', score: 'INTEGER', comment: 'VARCHAR' },
  targets: { partner_id: 'VARCHAR', tier: 'VARCHAR', quarter: 'VARCHAR', metric: 'VARCHAR', target: 'DOUBLE' },
  tier_rules: { tier: 'VARCHAR', rank: 'INTEGER', min_won_revenue: 'DECIMAL(18,2)', min_won_deals: 'INTEGER', min_certifications: 'INTEGER' },
  mdf: {
    partner_id: 'VARCHAR',
    program_id: 'VARCHAR',
    activity: 'VARCHAR',
    requested_at: 'DATE',
    requested: 'DECIMAL(18,2)',
    approved: 'DECIMAL(18,2)',
    claimed: 'DECIMAL(18,2)',
    paid: 'DECIMAL(18,2)',
  },
};

const sqlString = (s: string): string => "'" + s.replace(/'/g, "''") + "'";

/** The statement that makes `into.name` of the table's CSV (tableCsv) in `file`, with its column types. */
export function demoTableSql(name: DemoTableName, file: string, into: string): string {
  const types = Object.entries(DEMO_SCHEMA[name])
    .map(([c, t]) => `${sqlString(c)}: ${sqlString(t)}`)
    .join(', ');
  return (
    `CREATE OR REPLACE TABLE "${into}"."${name}" AS SELECT * FROM read_csv(${sqlString(file)}, header = true, delim = ',', ` +
    `quote = '"', escape = '"', columns = {${types}})`
  );
}

async function loadTable(engine: Engine, name: DemoTableName, columns: Columns, into: string): Promise<void> {
  const file = `__longtail_demo_${name}.csv`;
  await engine.registerFile(file, tableCsv(columns, Object.keys(DEMO_SCHEMA[name])));
  try {
    await engine.query(demoTableSql(name, file, into));
  } finally {
    await engine.dropFile(file);
  }
}

/**
 * Loads already generated tables (use it to keep the `truth` of the same generation) into `schema`: the
 * app keeps the demo in its own schema (`demo`, read through the partner model's views); tests and
 * benchmarks that query the tables directly load them into `main`.
 */
export async function loadTables(engine: Engine, tables: DemoTables, schema = 'main'): Promise<void> {
  await engine.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  for (const name of DEMO_TABLE_NAMES) await loadTable(engine, name, tables[name], schema);
}

/** Generates the demo workspace for `options` and loads it into `schema`, replacing tables of those names. */
export async function loadDemo(engine: Engine, options?: DemoOptions, schema = 'main'): Promise<void> {
  await loadTables(engine, generateDemo(options), schema);
}
