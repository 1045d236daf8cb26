/** Partner names stay unique; end-customer names are unique until the pool runs out, then by site. */
import { describe, expect, it } from 'vitest';
import { CompanyNamer, CustomerNames } from '../../src/demo/names';
import { createRandom } from '../../src/demo/random';
import { CUSTOMER_KINDS, SURNAMES, TOWNS } from '../../src/demo/vocab';

describe('CompanyNamer', () => {
  it('never repeats a name, even past what the patterns can make', () => {
    const namer = new CompanyNamer(createRandom(1));
    // 40,000 Dutch names: the nl patterns alone make 20 surnames · 2 + 40 brands = 80 distinct names.
    const names = Array.from({ length: 40_000 }, () => namer.next('nl'));
    expect(new Set(names).size).toBe(40_000);
  });
});

describe('CustomerNames', () => {
  const pool = CUSTOMER_KINDS.length * SURNAMES.fr.length * TOWNS.length;

  it('names every customer number with a distinct combination of kind, surname and town, then again as "site 2"', () => {
    const names = new CustomerNames(createRandom(2));
    const numbers = Array.from({ length: pool }, () => names.fresh());
    expect(numbers.slice(0, 3)).toEqual([0, 1, 2]);
    const first = numbers.map((c) => names.name(c));
    expect(new Set(first).size).toBe(pool);
    const shape = /^(.+) \((.+)\)$/;
    expect(first.every((n) => shape.test(n) && TOWNS.includes(shape.exec(n)![2]!))).toBe(true);
    const again = names.name(names.fresh());
    expect(again).toMatch(/, site 2\)$/);
    expect(first).toContain(again.replace(', site 2)', ')'));
  });

  it('numbers the 120 key accounts (6 kinds × 20 names) −1 to −120', () => {
    const names = new CustomerNames(createRandom(3));
    expect(new Set(names.keyAccounts).size).toBe(120);
    expect(names.keyAccounts).toContain('Banque Rhodanienne');
    expect([names.name(-1), names.name(-120)]).toEqual([names.keyAccounts[0], names.keyAccounts[119]]);
    const rng = createRandom(4);
    const drawn = new Set(Array.from({ length: 5000 }, () => names.keyAccount(rng)));
    expect([Math.min(...drawn), Math.max(...drawn), drawn.size]).toEqual([-120, -1, 120]);
  });
});
