/** The demo workspace generator: seeded, offline, the same data in Node and in the browser. */
export { generateDemo, DEMO_TABLE_NAMES } from './generate';
export type { Columns, DemoData, DemoOptions, DemoTables, DemoTruth } from './generate';
export { loadDemo, loadTables, DEMO_SCHEMA } from './load';
export { dealsCsv, dealsCsvBytes, dealsCsvChunks, DEAL_CSV_HEADERS, type CsvLocale } from './csv';
export { createRandom, Random } from './random';
