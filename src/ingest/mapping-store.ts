/**
 * Mappings against the database: propose one for an imported table (reusing a saved mapping when the
 * headers have the same shape), create the canonical view and check that it reads, and save a mapping
 * for the next export of the same shape (in `longtail.mappings`).
 */
import { said } from '../i18n/said';
import type { Engine } from '../engine/types';
import { columnsOf, ensureCatalog } from './catalog';
import { userRelations } from '../catalog/relations';
import { ImportError } from './errors';
import { CANONICAL } from './mapping-dictionary';
import { buildViewSelect, buildViewSql, classifyStatus, headerShape, normalizeHeader, proposeMapping, type Mapping, type MappingProposal, type SourceColumn } from './mapping';
import { ident, rowsOf } from '../sql/quote';

/** Stage values listed for the user to classify; a stage column with more distinct values is unusual. */
const MAX_STATUS_VALUES = 200;

async function distinctValues(engine: Engine, table: string, column: string): Promise<string[]> {
  const rows = rowsOf(
    await engine.query(
      `SELECT DISTINCT CAST(${ident(column)} AS VARCHAR) AS v FROM ${ident(table)} WHERE ${ident(column)} IS NOT NULL ORDER BY 1 LIMIT ${MAX_STATUS_VALUES}`,
    ),
  );
  return rows.map((r) => r.v as string);
}

export async function saveMapping(engine: Engine, headers: readonly string[], mapping: Mapping): Promise<void> {
  await ensureCatalog(engine);
  const shape = headerShape(headers);
  await engine.query('DELETE FROM longtail.mappings WHERE shape = $1', [shape]);
  await engine.query('INSERT INTO longtail.mappings VALUES ($1, $2, $3, CAST($4 AS TIMESTAMP))', [
    shape,
    mapping.table,
    JSON.stringify(mapping),
    new Date().toISOString().replace('T', ' ').replace('Z', ''),
  ]);
}

/** The mapping saved for headers of this shape, its column names matched to these headers' spelling. */
export async function findSavedMapping(engine: Engine, headers: readonly string[]): Promise<Mapping | null> {
  await ensureCatalog(engine);
  const rows = rowsOf(await engine.query('SELECT mapping FROM longtail.mappings WHERE shape = $1', [headerShape(headers)]));
  if (!rows[0]) return null;
  const saved = JSON.parse(rows[0].mapping as string) as Mapping;
  const byNorm = new Map(headers.map((h) => [normalizeHeader(h), h]));
  const columns = Object.fromEntries(
    Object.entries(saved.columns).map(([canonical, source]) => [canonical, source === null ? null : (byNorm.get(normalizeHeader(source)) ?? null)]),
  );
  return { ...saved, columns };
}

export interface TableProposal extends MappingProposal {
  /** The mapping came from one saved for this shape of headers. */
  saved: boolean;
  source: SourceColumn[];
}

export async function proposeForTable(engine: Engine, table: string): Promise<TableProposal> {
  const source = await columnsOf(engine, table);
  const headers = source.map((c) => c.name);
  const saved = await findSavedMapping(engine, headers);
  if (saved) {
    const fresh = proposeMapping(headers, { table: saved.table });
    const statusColumn = saved.table === 'deals' ? saved.columns.status : null;
    // Stage values new since the mapping was saved are classified; the user's saved choices stand.
    const statusValues = { ...saved.statusValues };
    if (statusColumn) for (const v of await distinctValues(engine, table, statusColumn)) statusValues[v] ??= classifyStatus(v);
    return { mapping: { ...saved, statusValues }, scores: fresh.scores, saved: true, source };
  }
  const statusOf = new Map<string, string[]>();
  const first = proposeMapping(headers);
  const statusColumn = first.mapping.table === 'deals' ? first.mapping.columns.status : null;
  if (statusColumn) statusOf.set(statusColumn, await distinctValues(engine, table, statusColumn));
  const proposal = proposeMapping(headers, { table: first.mapping.table, statusValues: (c) => statusOf.get(c) ?? [] });
  return { ...proposal, saved: false, source };
}

/** Stage values of `column`, classified, for when the user maps the status to another column. */
export async function statusValuesFor(engine: Engine, table: string, column: string): Promise<Record<string, 'won' | 'lost' | 'open'>> {
  return Object.fromEntries((await distinctValues(engine, table, column)).map((v) => [v, classifyStatus(v)]));
}

/**
 * Creates (or replaces) the canonical view, after reading every canonical column of its query once, so
 * that a value that cannot be converted is reported now rather than in the middle of an analysis — and
 * an existing view of that name is only replaced by one that works.
 */
export async function createMappedView(engine: Engine, viewName: string, sourceTable: string, mapping: Mapping): Promise<void> {
  const clash = (await userRelations(engine)).find((r) => r.name.toLowerCase() === viewName.toLowerCase());
  if (clash?.kind === 'table') {
    throw new ImportError('name-taken', said('core.ingest.error.view_name_taken', { name: viewName }), said('core.ingest.hint.view_name_taken', { name: viewName }));
  }
  const source = await columnsOf(engine, sourceTable);
  const counts = CANONICAL[mapping.table].map((c) => `count(${c.name})`).join(', ');
  try {
    await engine.query(`SELECT ${counts} FROM (${buildViewSelect(sourceTable, source, mapping)})`);
  } catch (err) {
    const text = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    throw new ImportError('engine', said('core.ingest.error.view_unreadable', { view: viewName, table: sourceTable, detail: text }), said('core.ingest.hint.view_unreadable'));
  }
  await engine.query(buildViewSql(viewName, sourceTable, source, mapping));
}
