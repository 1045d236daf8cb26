/** What a result and a snapshot say about the data they read. */
import { describe, expect, it } from 'vitest';
import { provenanceStatement, provenanceText } from '../../src/model/provenance';

const SHA = '0123456789abcdef'.repeat(4);

describe('provenance in words', () => {
  it('the badge names files and rows; the snapshot statement adds each file\'s SHA-256', () => {
    const one = { demo: false, files: [{ name: 'export.csv', rows: 240, sha256: SHA }], tables: [] };
    expect(provenanceText(one)).toBe('your data: export.csv, 240 rows');
    expect(provenanceStatement(one)).toBe(`your data: export.csv, 240 rows, SHA-256 ${SHA}`);
    expect(provenanceStatement({ demo: true, files: [], tables: [] })).toBe('demo data');
    const mixed = { demo: true, files: [one.files[0]!, { name: 'b.csv', rows: 1, sha256: SHA.replace('0', 'f') }], tables: ['targets'] };
    expect(provenanceStatement(mixed)).toBe(`demo data + your data: export.csv, 240 rows, SHA-256 ${SHA}; b.csv, 1 row, SHA-256 f${SHA.slice(1)} + your table targets`);
  });
});
