/**
 * Turns DuckDB's error text into a message a person can act on: what went wrong, and what to do.
 * The engine's own words are kept (they are precise); a hint is added in front of them.
 */
export interface EngineErrorInfo {
  kind: 'syntax' | 'missing-table' | 'missing-column' | 'type' | 'cancelled' | 'memory' | 'extension' | 'other';
  message: string;
  hint: string;
}

const RULES: { test: RegExp; kind: EngineErrorInfo['kind']; hint: (m: RegExpMatchArray) => string }[] = [
  {
    test: /interrupt|cancel/i,
    kind: 'cancelled',
    hint: () => 'The query was stopped. Nothing was changed; run the cell again when ready.',
  },
  {
    test: /Table with name "?([^"\s]+)"? does not exist|Catalog Error: Table with name (\S+)/i,
    kind: 'missing-table',
    hint: (m) =>
      `There is no table or cell result named ${m[1]}. Check the spelling, import the file that holds it, or run the cell that defines it first.`,
  },
  {
    test: /Referenced column "?([^"\s]+)"? not found|column "?([^"\s]+)"? (?:does not exist|not found)/i,
    kind: 'missing-column',
    hint: (m) => `The column ${m[1] ?? m[2]} does not exist here. The table's columns are listed in the side panel.`,
  },
  {
    test: /syntax error|Parser Error/i,
    kind: 'syntax',
    hint: () => 'The SQL could not be read. Look near the position shown; a missing comma or quote is the usual cause.',
  },
  {
    test: /Could not convert|Conversion Error|Mismatch Type|No function matches/i,
    kind: 'type',
    hint: () => 'A value has the wrong type for this operation. Add an explicit CAST, or check the column types.',
  },
  {
    test: /out of memory|memory limit|could not allocate|Maximum call stack/i,
    kind: 'memory',
    hint: () =>
      'The browser ran out of memory for this query. Filter or aggregate earlier, or add LIMIT. Your other tables and results are unchanged.',
  },
  {
    test: /extension/i,
    kind: 'extension',
    hint: () =>
      'This needs a DuckDB extension, and Longtail never downloads code. Import Parquet, JSON and Excel files through the import button instead.',
  },
];

export function describeEngineError(err: unknown): EngineErrorInfo {
  const message = (err instanceof Error ? err.message : String(err)).trim();
  for (const rule of RULES) {
    const m = message.match(rule.test);
    if (m) return { kind: rule.kind, message, hint: rule.hint(m) };
  }
  return { kind: 'other', message, hint: 'The engine refused this statement. Read its message below; nothing else was changed.' };
}
