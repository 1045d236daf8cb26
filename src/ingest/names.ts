/**
 * Names: a table's name comes from its file's name, as an identifier that can be typed in SQL without
 * quotes (the notebook's rule: letters, digits and `_`, not starting with a digit). Column names keep
 * the file's text (accents and spaces included) and are quoted wherever SQL is written.
 */

/** DuckDB's reserved keywords (`SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category = 'reserved'`). */
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create ' +
    'default deferrable desc describe distinct do else end except false fetch for foreign from group having in ' +
    'initially intersect into lambda lateral leading limit not null offset on only or order pivot pivot_longer ' +
    'pivot_wider placing primary qualify references returning select show some summarize symmetric table then to ' +
    'trailing true union unique unpivot using variadic when where window with'
  ).split(' '),
);

const EXTENSIONS = /\.(csv|tsv|txt|tab|parquet|parq|json|ndjson|jsonl|xlsx|xlsm|xls)$/i;

/** `Export Opportunités 2024 (1).csv` → `export_opportunites_2024_1`. */
export function tableNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(EXTENSIONS, '');
  let name = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') name = 'import';
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  if (RESERVED.has(name)) name = `${name}_data`;
  return name;
}

export interface NameChoice {
  /** The name derived from the file. */
  name: string;
  /** True when a table or view of that name exists (DuckDB names are case-insensitive). */
  clash: boolean;
  /** A free name to "keep both": `name_2`, `name_3`, … */
  alternative: string;
}

export function resolveTableName(name: string, existing: readonly string[]): NameChoice {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  let k = 2;
  while (taken.has(`${name}_${k}`.toLowerCase())) k++;
  return { name, clash: taken.has(name.toLowerCase()), alternative: `${name}_${k}` };
}

/** True when `name` can be used unquoted as a table name in notebook SQL. */
export function isPlainIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name.toLowerCase());
}

/**
 * Column names from a header row: text kept as written (trimmed), blanks named `column_N` after their
 * position, repeats numbered (`Montant`, `Montant_2`), compared case-insensitively like DuckDB does.
 */
export function columnNamesFromHeader(header: readonly string[]): string[] {
  const used = new Set<string>();
  return header.map((raw, k) => {
    const base = raw.trim() === '' ? `column_${k + 1}` : raw.trim();
    let name = base;
    let n = 2;
    while (used.has(name.toLowerCase())) name = `${base}_${n++}`;
    used.add(name.toLowerCase());
    return name;
  });
}

export function defaultColumnNames(count: number): string[] {
  return Array.from({ length: count }, (_, k) => `column_${k + 1}`);
}
