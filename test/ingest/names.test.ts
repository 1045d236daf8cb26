import { describe, expect, it } from 'vitest';
import { columnNamesFromHeader, isPlainIdentifier, resolveTableName, tableNameFromFile } from '../../src/ingest/names';

describe('table names from file names', () => {
  it.each([
    ['Export Opportunités 2024 (1).csv', 'export_opportunites_2024_1'],
    ['C:\\Users\\me\\Deals Q1.xlsx', 'deals_q1'],
    ['2024-deals.parquet', 't_2024_deals'],
    ['Bœuf.json', 'boeuf'],
    ['select.csv', 'select_data'],
    ['---.csv', 'import'],
    ['hubspot-deals.csv', 'hubspot_deals'],
  ])('%s → %s', (file, name) => {
    expect(tableNameFromFile(file)).toBe(name);
    expect(isPlainIdentifier(name)).toBe(true);
  });

  it('finds the clash, case-insensitively, and a free name to keep both', () => {
    expect(resolveTableName('deals', ['Deals', 'deals_2'])).toEqual({ name: 'deals', clash: true, alternative: 'deals_3' });
    expect(resolveTableName('deals', ['partners'])).toEqual({ name: 'deals', clash: false, alternative: 'deals_2' });
  });

  it('refuses names that would need quotes', () => {
    expect(isPlainIdentifier('order')).toBe(false);
    expect(isPlainIdentifier('1deals')).toBe(false);
    expect(isPlainIdentifier('deals 2024')).toBe(false);
  });
});

describe('column names from a header', () => {
  it('keeps the text, names blanks by position, numbers repeats', () => {
    expect(columnNamesFromHeader([' Montant (€) ', '', 'Date de clôture', 'MONTANT (€)'])).toEqual(['Montant (€)', 'column_2', 'Date de clôture', 'MONTANT (€)_2']);
  });
});
