/**
 * Mapping an imported table onto a canonical table of the partner model: propose which column is which
 * from the headers, classify stage values as won/lost/open, warn where types do not fit, and write the
 * view that gives the user's data the canonical names (other columns kept), so every analysis runs on it.
 */
import { english, said, type Said } from '../i18n/said';
import { CANONICAL, LOST_WORDS, WON_WORDS, type CanonicalTable, type CanonicalType } from './mapping-dictionary';
import { ident, lit } from '../sql/quote';
import { currencyFromText } from '../engine/money';

export type DealStatus = 'won' | 'lost' | 'open';

export interface Mapping {
  table: CanonicalTable;
  /** Canonical column → the source column holding it, or null when the file has none. */
  columns: Record<string, string | null>;
  /** For deals: each stage value of the source → its status. Values not listed read as open. */
  statusValues: Record<string, DealStatus>;
  /** The currency of its amounts when the export says (`Montant (€)`): ISO 4217. */
  currency?: string | null;
}

export interface MappingProposal {
  mapping: Mapping;
  /** How well each canonical table fits the headers (higher is better); the best was chosen. */
  scores: Record<CanonicalTable, number>;
}

/** `Date de clôture` → `date de cloture`; `Montant (€)` → `montant`. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * 3: the header is the synonym; 2: it starts with it (`montant ht`, `amount eur`); 1: it contains it as
 * whole words (`opportunity close date`); 0: unrelated.
 */
export function matchStrength(header: string, synonym: string): number {
  if (header === synonym) return 3;
  if (header.startsWith(synonym + ' ')) return 2;
  if ((' ' + header + ' ').includes(' ' + synonym + ' ')) return 1;
  return 0;
}

interface Candidate {
  column: string;
  source: string;
  strength: number;
  /** Position of the synonym in its list: earlier is more specific. */
  rank: number;
}

/** A table's synonyms by their first word: a synonym can only match a header holding that word. */
type SynonymIndex = Map<string, { column: string; synonym: string; rank: number }[]>;
const synonymIndexes = new Map<CanonicalTable, SynonymIndex>();
function synonymIndex(table: CanonicalTable): SynonymIndex {
  let index = synonymIndexes.get(table);
  if (!index) {
    index = new Map();
    for (const col of CANONICAL[table]) {
      col.synonyms.forEach((synonym, rank) => {
        const first = synonym.split(' ')[0]!;
        if (!index!.has(first)) index!.set(first, []);
        index!.get(first)!.push({ column: col.name, synonym, rank });
      });
    }
    synonymIndexes.set(table, index);
  }
  return index;
}

/**
 * `normalized[k]` is normalizeHeader(headers[k]), made once per proposal. Each header is compared only
 * with the synonyms whose first word it holds (matchStrength is 0 for the others): every header against
 * every synonym held a 10,000-column import for 0.8 s. Candidates keep the order of the full comparison
 * (column by column, then header by header), which breaks ties in the sort below.
 */
function assign(table: CanonicalTable, headers: readonly string[], normalized: readonly string[]): { columns: Record<string, string | null>; score: number } {
  const index = synonymIndex(table);
  const byColumn = new Map<string, Candidate[]>();
  for (const [k, source] of headers.entries()) {
    const h = normalized[k]!;
    const best = new Map<string, Candidate>();
    for (const word of new Set(h.split(' '))) {
      for (const { column, synonym, rank } of index.get(word) ?? []) {
        const strength = matchStrength(h, synonym);
        const b = best.get(column);
        if (strength > 0 && (!b || strength > b.strength || (strength === b.strength && rank < b.rank))) best.set(column, { column, source, strength, rank });
      }
    }
    for (const [column, c] of best) {
      if (!byColumn.has(column)) byColumn.set(column, []);
      byColumn.get(column)!.push(c);
    }
  }
  const candidates: Candidate[] = CANONICAL[table].flatMap((col) => byColumn.get(col.name) ?? []);
  candidates.sort((a, b) => b.strength - a.strength || a.rank - b.rank);
  const columns: Record<string, string | null> = Object.fromEntries(CANONICAL[table].map((c) => [c.name, null]));
  const used = new Set<string>();
  let score = 0;
  for (const c of candidates) {
    if (columns[c.column] !== null || used.has(c.source)) continue;
    columns[c.column] = c.source;
    used.add(c.source);
    score += c.strength;
  }
  return { columns, score };
}

const STATUS_TABLES: ReadonlySet<CanonicalTable> = new Set(['deals']);

/** Won, lost or open, from a stage value in English or French, or a CRM's internal stage id. */
export function classifyStatus(value: string): DealStatus {
  const words = normalizeHeader(value).split(' ');
  const compact = words.join('');
  if (WON_WORDS.includes(compact) || words.some((w) => WON_WORDS.includes(w))) return 'won';
  if (LOST_WORDS.includes(compact) || words.some((w) => LOST_WORDS.includes(w))) return 'lost';
  return 'open';
}

export function proposeStatusValues(values: readonly string[]): Record<string, DealStatus> {
  return Object.fromEntries(values.map((v) => [v, classifyStatus(v)]));
}

/**
 * The best-fitting canonical table for these headers (or the one asked for) and its column mapping.
 * `statusValues` are the distinct values of the source's status column, when the caller knows them.
 */
export function proposeMapping(headers: readonly string[], options: { table?: CanonicalTable; statusValues?: (source: string) => readonly string[] } = {}): MappingProposal {
  const tables = Object.keys(CANONICAL) as CanonicalTable[];
  const normalized = headers.map(normalizeHeader);
  const results = new Map(tables.map((t) => [t, assign(t, headers, normalized)]));
  const scores = Object.fromEntries(tables.map((t) => [t, results.get(t)!.score])) as Record<CanonicalTable, number>;
  // Ties go to deals, the table every analysis starts from.
  const table = options.table ?? tables.reduce((best, t) => (scores[t] > scores[best] ? t : best), 'deals' as CanonicalTable);
  const { columns } = results.get(table)!;
  const statusSource = STATUS_TABLES.has(table) ? columns.status : null;
  const statusValues = statusSource && options.statusValues ? proposeStatusValues(options.statusValues(statusSource)) : {};
  const money = columns.amount ?? columns.cost ?? null;
  return { mapping: { table, columns, statusValues, currency: money ? currencyFromText(money) : null }, scores };
}

/** Headers of "the same shape": the same set of names, whatever their order, case or accents. */
export function headerShape(headers: readonly string[]): string {
  return [...new Set(headers.map(normalizeHeader))].sort().join('|');
}

export interface SourceColumn {
  name: string;
  /** DuckDB type name, e.g. VARCHAR, BIGINT, DOUBLE, DATE, TIMESTAMP, DECIMAL(18,2). */
  type: string;
}

function family(type: string): 'text' | 'number' | 'date' | 'timestamp' | 'boolean' | 'other' {
  const t = type.toUpperCase();
  if (t === 'VARCHAR') return 'text';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/.test(t)) return 'number';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}

function fits(source: string, target: CanonicalType): boolean {
  const f = family(source);
  switch (target) {
    case 'VARCHAR':
      return true;
    case 'DOUBLE':
    case 'BIGINT':
    case 'DECIMAL(18,2)':
      return f === 'number';
    case 'DATE':
    case 'TIMESTAMP':
      return f === 'date' || f === 'timestamp';
  }
}

/** Mapped columns whose type cannot become the canonical one: the view would fail when read (said messages). */
export function mappingWarningsSaid(mapping: Mapping, source: readonly SourceColumn[]): Said[] {
  const out: Said[] = [];
  for (const col of CANONICAL[mapping.table]) {
    const from = mapping.columns[col.name];
    if (!from) continue;
    const s = source.find((c) => c.name === from);
    if (!s) out.push(said('core.ingest.mapping.not_in_table', { column: col.name, from }));
    else if (!fits(s.type, col.type)) {
      const want = said(col.type === 'DATE' || col.type === 'TIMESTAMP' ? 'core.ingest.mapping.want_date' : 'core.ingest.type.double');
      const holds = s.type === 'VARCHAR' ? said('core.ingest.mapping.holds_text') : s.type;
      out.push(said('core.ingest.mapping.wrong_type', { column: col.name, from, holds, want }));
    }
  }
  return out;
}

/** The same warnings in English. */
export function mappingWarnings(mapping: Mapping, source: readonly SourceColumn[]): string[] {
  return mappingWarningsSaid(mapping, source).map(english);
}

function valueExpr(from: string, target: CanonicalType, sourceType: string): string {
  if (sourceType.toUpperCase() === target) return ident(from);
  return `CAST(${ident(from)} AS ${target})`;
}

function statusExpr(from: string, values: Record<string, DealStatus>): string {
  const text = `CAST(${ident(from)} AS VARCHAR)`;
  const of = (s: DealStatus) => Object.keys(values).filter((v) => values[v] === s);
  const branch = (s: DealStatus) => {
    const vs = of(s);
    return vs.length ? ` WHEN ${text} IN (${vs.map(lit).join(', ')}) THEN '${s}'` : '';
  };
  return `CASE WHEN ${ident(from)} IS NULL THEN NULL${branch('won')}${branch('lost')} ELSE 'open' END`;
}

/**
 * The SELECT over `sourceTable` with the canonical columns first (typed as DOMAIN.md says; NULL where the
 * file has none) and then every other column of the source under its own name.
 */
export function buildViewSelect(sourceTable: string, source: readonly SourceColumn[], mapping: Mapping): string {
  const canonical = CANONICAL[mapping.table];
  const used = new Set(Object.values(mapping.columns).filter((v): v is string => v !== null));
  const taken = new Set(canonical.map((c) => c.name));
  const select = canonical.map((col) => {
    const from = mapping.columns[col.name];
    // One stage column for both: the status is won/lost/open, and an open deal's own value is its stage.
    const status = mapping.columns.status;
    if (!from && col.name === 'stage' && mapping.table === 'deals' && status) {
      return `CASE WHEN (${statusExpr(status, mapping.statusValues)}) = 'open' THEN CAST(${ident(status)} AS VARCHAR) END AS stage`;
    }
    if (!from) return `CAST(NULL AS ${col.type}) AS ${col.name}`;
    if (col.name === 'status' && mapping.table === 'deals') return `${statusExpr(from, mapping.statusValues)} AS status`;
    const type = source.find((c) => c.name === from)?.type ?? 'VARCHAR';
    return `${valueExpr(from, col.type, type)} AS ${col.name}`;
  });
  for (const c of source) {
    if (used.has(c.name)) continue;
    // A leftover column named like a canonical one would shadow it: keep it under a suffixed name.
    const alias = taken.has(c.name.toLowerCase()) ? `${c.name}_source` : c.name;
    select.push(alias === c.name ? ident(c.name) : `${ident(c.name)} AS ${ident(alias)}`);
  }
  return `SELECT ${select.join(', ')} FROM ${ident(sourceTable)}`;
}

export function buildViewSql(viewName: string, sourceTable: string, source: readonly SourceColumn[], mapping: Mapping): string {
  return `CREATE OR REPLACE VIEW ${ident(viewName)} AS ${buildViewSelect(sourceTable, source, mapping)}`;
}
