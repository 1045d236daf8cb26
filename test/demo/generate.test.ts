/** generateDemo in plain JS: determinism, sizes, ids, and option checking. */
import { describe, expect, it } from 'vitest';
import { generateDemo, DEMO_TABLE_NAMES, type DemoData } from '../../src/demo/generate';
import { buildWorld } from '../../src/demo/world';

/** FNV-1a over the JSON of every table and of the truth: equal data, equal hash. */
function fingerprint(data: DemoData): string {
  const text = JSON.stringify([DEMO_TABLE_NAMES.map((t) => data[t]), data.truth]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16) + ':' + text.length;
}

const rows = (c: Record<string, unknown[]>): number => Object.values(c)[0]!.length;

describe('generateDemo', () => {
  const first = generateDemo();

  it('gives identical tables and truth for the same seed, and different ones for another seed', () => {
    expect(fingerprint(generateDemo({ seed: 42 }))).toBe(fingerprint(first));
    const other = generateDemo({ seed: 43 });
    expect(fingerprint(other)).not.toBe(fingerprint(first));
    expect(other.deals.amount!.slice(0, 100)).not.toEqual(first.deals.amount!.slice(0, 100));
  });

  it('is near the target sizes at scale 1: 2,000 partners, 50,000 deals, 200,000 activities (± 5 %)', () => {
    expect(rows(first.partners)).toBe(2000);
    expect(Math.abs(rows(first.deals) / 50_000 - 1)).toBeLessThan(0.05);
    expect(Math.abs(rows(first.activities) / 200_000 - 1)).toBeLessThan(0.05);
    expect(rows(first.programs)).toBe(2);
  });

  it('scales partners, deals and activities together (scale 0.5: half of each, ± 7 %)', () => {
    const half = generateDemo({ scale: 0.5 });
    expect(rows(half.partners)).toBe(1000);
    expect(Math.abs(rows(half.deals) / 25_000 - 1)).toBeLessThan(0.07);
    expect(Math.abs(rows(half.activities) / 100_000 - 1)).toBeLessThan(0.07);
  });

  it('works at a tiny scale (20 partners) without failing', () => {
    const tiny = generateDemo({ scale: 0.01, seed: 3 });
    expect(rows(tiny.partners)).toBe(20);
    expect(rows(tiny.deals)).toBeGreaterThan(0);
  });

  it('numbers partners P0001… and deals D000001… in order, every column as long as the others', () => {
    expect(first.partners.partner_id!.slice(0, 3)).toEqual(['P0001', 'P0002', 'P0003']);
    expect(first.partners.partner_id!.at(-1)).toBe('P2000');
    const ids = first.deals.deal_id as string[];
    expect(ids.slice(0, 2)).toEqual(['D000001', 'D000002']);
    expect(ids.every((id, k) => id === 'D' + String(k + 1).padStart(6, '0'))).toBe(true);
    for (const t of DEMO_TABLE_NAMES) {
      const lengths = new Set(Object.values(first[t]).map((c) => c.length));
      expect([t, lengths.size]).toEqual([t, 1]);
    }
  });

  it('widens ids when the scale needs it: room for twice the target deals, so 7 digits from scale 10', () => {
    // scale 9.99: 2 · 50,000 · 9.99 = 999,000 deals fit in 6 digits; scale 10: 1,000,000 needs 7.
    const ten = buildWorld({ scale: 10 });
    expect([buildWorld({ scale: 9.99 }).dealIdWidth, ten.dealIdWidth]).toEqual([6, 7]);
    // 20,000 partners need 5 digits.
    expect(ten.partners[0]!.id).toBe('P00001');
  });

  it('gives partners unique names, some with accents', () => {
    const names = first.partners.name as string[];
    expect(new Set(names).size).toBe(names.length);
    expect(names.some((n) => /[éèêàçüöäñ]/i.test(n))).toBe(true);
  });

  it('refuses a seed that is not an integer and a scale that is not positive', () => {
    expect(() => generateDemo({ seed: 1.5 })).toThrow(/seed/);
    expect(() => generateDemo({ scale: 0 })).toThrow(/scale/);
    expect(() => generateDemo({ scale: Number.NaN })).toThrow(/scale/);
  });
});
