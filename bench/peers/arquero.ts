/**
 * Arquero in Node: the CSV parsed into a column table, the analyses of arquero-analytics.ts. Imported
 * lazily by bench/main.ts, so a missing package is reported rather than fatal.
 *
 * The file is parsed in line-aligned pieces of PIECE_CHARS (one string of a 5 M-row file would pass
 * V8's maximum string length) and the pieces concatenated. Type inference is Arquero's own, given what
 * it cannot infer, as DuckDB is: the decimal comma and the dd/mm/yyyy dates of the French export.
 */
import { createReadStream, readFileSync } from 'node:fs';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { DEAL_CSV_HEADERS, type CsvLocale } from '../../src/demo';
import { defaultParams, definition, type BenchAnalysis } from '../analyses';
import { churnContext, cohortRetention, paretoCurve, rfmScores, type ArqueroTables } from './arquero-analytics';
import { linePieces } from './text-pieces';
import { packageVersion } from '../machine';
import type { Peer } from './peer';

const PIECE_CHARS = 64 * 1024 * 1024;


/** `31/12/2025` → the UTC midnight Date Arquero gives ISO dates. */
function frenchDate(s: string): Date | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  return m ? new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))) : null;
}

function csvOptions(locale: CsvLocale) {
  if (locale === 'en') return {};
  const h = DEAL_CSV_HEADERS.fr;
  return { delimiter: ';', decimal: ',', parse: { [h[4]!]: frenchDate, [h[8]!]: frenchDate } };
}

export async function loadCsv(path: string, locale: CsvLocale): Promise<ColumnTable> {
  const options = csvOptions(locale);
  let names: string[] | undefined;
  const pieces: ColumnTable[] = [];
  for await (const text of linePieces(createReadStream(path), PIECE_CHARS)) {
    const t = names ? aq.fromCSV(text, { ...options, header: false, names }) : aq.fromCSV(text, options);
    names ??= t.columnNames();
    pieces.push(t);
  }
  const [first, ...rest] = pieces;
  if (!first) throw new Error(`${path} is empty.`);
  return rest.length ? first.concat(...rest) : first;
}

export async function openArquero(): Promise<Peer> {
  const tables: Partial<ArqueroTables> = {};
  const loaded = (): ArqueroTables => {
    if (!tables.deals || !tables.partners) throw new Error('Load deals and partners first.');
    return tables as ArqueroTables;
  };
  return {
    name: 'Arquero (Node)',
    version: packageVersion('arquero') ?? 'unknown',
    threads: 1,
    async importDeals(path: string, locale: CsvLocale) {
      tables.deals = undefined;
      tables.deals = await loadCsv(path, locale);
      return tables.deals.numRows();
    },
    async loadPartners(path: string) {
      tables.partners = aq.fromCSV(readFileSync(path, 'utf8'));
    },
    async analysis(id: BenchAnalysis) {
      const t = loaded();
      // reify: Arquero applies filters and orderings lazily; the page's result is fully built, so this one is too.
      switch (id) {
        case 'rfm.scores':
          return rfmScores(t).reify().numRows();
        case 'cohorts.retention':
          return cohortRetention(t).reify().numRows();
        case 'pareto.curve':
          return paretoCurve(t).reify().numRows();
        case 'churn.bgnbd':
          return (await definition(id).compute!(defaultParams(id), churnContext(t))).length;
      }
    },
    async reset() {
      tables.deals = undefined;
      tables.partners = undefined;
    },
    async close() {},
  };
}
