import { describe, expect, it } from 'vitest';
import { currencyFromText, formatIfMoney, formatMoney, isMoneyColumn } from '../../src/engine/money';
import { createNodeEngine } from '../../src/engine/node';

// Intl writes a narrow no-break space (U+202F) between French thousands and before €.
const nb = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('money', () => {
  it('reads like money: two decimals, the locale grouping, the currency', () => {
    expect(nb(formatMoney(6280799.6, 'fr-FR', 'EUR'))).toBe('6 280 799,60 €');
    expect(formatMoney(6280799.6, 'en-GB', 'EUR')).toBe('€6,280,799.60');
    expect(nb(formatMoney(1234.5, 'fr-FR', null))).toBe('1 234,50');
    expect(formatMoney(-3, 'en-US', 'USD')).toBe('-$3.00');
  });

  it('knows money by its DuckDB type, as sums of amounts keep it', async () => {
    const engine = await createNodeEngine();
    const t = await engine.query(`SELECT CAST(12.5 AS DECIMAL(18,2)) AS amount, sum(CAST(12.5 AS DECIMAL(18,2))) AS total, avg(CAST(12.5 AS DECIMAL(18,2))) AS mean`);
    const types = (await engine.query(`SELECT column_type FROM (DESCRIBE SELECT CAST(12.5 AS DECIMAL(18,2)) AS amount, sum(CAST(12.5 AS DECIMAL(18,2))) AS total, avg(CAST(12.5 AS DECIMAL(18,2))) AS mean)`)).toArray().map((r) => String(r.column_type));
    expect(types).toEqual(['DECIMAL(18,2)', 'DECIMAL(38,2)', 'DOUBLE']);
    expect(types.map((sqlType) => isMoneyColumn({ sqlType }))).toEqual([true, true, false]);
    expect(t.numRows).toBe(1);
    expect(formatIfMoney(12.5, { sqlType: 'DOUBLE' }, 'fr-FR', 'EUR')).toBeNull();
    expect(nb(formatIfMoney(12.5, { sqlType: 'DECIMAL(38,2)' }, 'fr-FR', 'EUR')!)).toBe('12,50 €');
  });

  it('finds the currency an export names', () => {
    expect(currencyFromText('Montant (€)')).toBe('EUR');
    expect(currencyFromText('Amount (USD)')).toBe('USD');
    expect(currencyFromText('Montant HT en euros')).toBe('EUR');
    expect(currencyFromText('Amount')).toBeNull();
  });
});
