/**
 * Formats a SQL cell's text as DuckDB SQL with the `sql-formatter` library: keywords in capitals, one
 * clause a line, two-space indents. `$name` parameters and `--` comments are kept as they are. The
 * library is loaded on first use (it is not needed to show a notebook).
 */
export async function formatSql(text: string): Promise<string> {
  const { format } = await import('sql-formatter');
  const formatted = format(text, {
    language: 'duckdb',
    keywordCase: 'upper',
    tabWidth: 2,
    linesBetweenQueries: 1,
    paramTypes: { named: ['$'], positional: true, numbered: ['$'] },
  });
  return text.endsWith('\n') ? `${formatted}\n` : formatted;
}
