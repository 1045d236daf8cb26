/**
 * A chart's data step ships only the fields a chart draws (src/charts/data-step.ts), so a chart of
 * revenue by partner name usually has no `partner_id`: the snapshot viewer could not tell its rows'
 * sector, region or tier. When a chart's dataset is a cell result's whole rows, the snapshot reads the
 * same fields again with the partner id beside them. It reads the result, it runs no cell.
 */
import type { Engine } from '../engine/types';
import type { Column } from '../engine/values';
import { fetchRows } from '../charts/rows';
import { partnerColumns } from '../model/partner-columns';
import { ident } from '../sql/quote';
import type { JsonValue } from './payload';
import { inwardSpec } from './spec';

/** A cell's result table, by the name charts read it by. */
export interface ResultRelation {
  /** SQL naming the table (`cells."name"`). */
  relation: string;
  columns: Column[];
  rowCount: number;
}

type Json = { [k: string]: JsonValue };
const isRow = (v: JsonValue | undefined): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export async function keyChartData(engine: Engine, spec: Json, relations: ReadonlyMap<string, ResultRelation>): Promise<Json> {
  const datasets = spec.datasets;
  if (!isRow(datasets)) return spec;
  let keyed: Json | null = null;
  for (const [name, rows] of Object.entries(datasets)) {
    if (!Array.isArray(rows) || rows.length === 0 || !rows.every(isRow)) continue;
    const rel = relations.get(name.toLowerCase());
    if (!rel) continue;
    const columns = rel.columns.map((c) => c.name);
    const id = partnerColumns(columns).id;
    const fields = [...new Set((rows as Json[]).flatMap((r) => Object.keys(r)))];
    // Already keyed; or not the result's rows as they are (a sample, groups, fields of its own).
    if (id < 0 || partnerColumns(fields).id >= 0 || rows.length !== rel.rowCount || !fields.every((f) => columns.includes(f))) continue;
    const fresh = await fetchRows(engine, `SELECT ${[...fields, columns[id]!].map(ident).join(', ')} FROM ${rel.relation}`);
    if (fresh.length !== rows.length) continue;
    keyed ??= { ...datasets };
    keyed[name] = fresh as unknown as JsonValue;
  }
  return keyed ? inwardSpec({ ...spec, datasets: keyed }) : spec;
}
