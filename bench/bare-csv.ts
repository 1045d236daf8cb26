/**
 * The "bare" read_csv that the pipeline and the peers are compared with: DuckDB's sniffer decides
 * everything, except what its sample cannot show it. It reads the first 20,480 rows; the demo export
 * quotes a field only when it holds the separator, and the first quoted one comes later (row 841,228 of
 * the 1 M file), so without `quote` the sniffer settles on "no quoting" and the load fails there. The
 * French export's decimal comma is never detected (STACK-NOTES.md).
 */
import type { CsvLocale } from '../src/demo';

export function bareCsvOptions(locale: CsvLocale): string {
  return `, quote='"'${locale === 'fr' ? ", decimal_separator=','" : ''}`;
}
