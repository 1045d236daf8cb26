/**
 * Number and date formats for Vega from Intl. Expected marks are the locales' own conventions (French
 * groups with a narrow no-break space U+202F and writes "50 %"; German groups with "." and decimals with
 * ","; Indian English groups by 3 then 2), and the rendered axis must show them.
 */
import { describe, it, expect } from 'vitest';
import { numberLocale, timeLocale, withLocale } from '../../src/charts/locale';
import { render, texts } from './render';

describe('number formats', () => {
  it('follows each locale', () => {
    expect(numberLocale('en-US')).toMatchObject({ decimal: '.', thousands: ',', grouping: [3], percent: '%', minus: '-' });
    expect(numberLocale('de-DE')).toMatchObject({ decimal: ',', thousands: '.', grouping: [3] });
    expect(numberLocale('fr-FR')).toMatchObject({ decimal: ',', grouping: [3] });
    // Indian English: 12,34,567 — groups of 3, then 2
    expect(numberLocale('en-IN').grouping).toEqual([3, 2]);
    expect(numberLocale('en-US').numerals).toBeUndefined();
    expect(numberLocale('ar-EG').numerals).toEqual(['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩']);
  });

  it('rebuilds exactly what Intl writes (the space characters vary with the ICU version)', () => {
    for (const l of ['fr-FR', 'de-DE', 'de-CH', 'en-US']) {
      const n = numberLocale(l);
      expect(`1${n.thousands}234${n.decimal}5`).toBe(new Intl.NumberFormat(l, { minimumFractionDigits: 1 }).format(1234.5));
      expect(`50${n.percent}`).toBe(new Intl.NumberFormat(l, { style: 'percent' }).format(0.5));
    }
  });

  it('puts the currency symbol where the locale writes it, only when asked', () => {
    expect(numberLocale('en-US').currency).toEqual(['', '']);
    expect(numberLocale('en-US', 'USD').currency).toEqual(['$', '']);
    expect(numberLocale('fr-FR', 'EUR').currency).toEqual(['', '\u00a0€']);
  });
});

describe('date formats', () => {
  it('orders day, month and year as the locale does, with its names', () => {
    const fr = timeLocale('fr-FR');
    expect(fr.date).toBe('%d/%m/%Y');
    expect(fr.time).toBe('%H:%M:%S');
    expect(fr.months[0]).toBe('janvier');
    expect(fr.shortDays[0]).toBe('dim.');
    const us = timeLocale('en-US');
    expect(us.date).toBe('%m/%d/%Y');
    // ICU writes a narrow no-break space before AM/PM in recent versions, a plain space before
    expect(us.time.replace(/\s/g, ' ')).toBe('%I:%M:%S %p');
    expect(us.periods).toEqual(['AM', 'PM']);
    expect(us.days[0]).toBe('Sunday');
    expect(timeLocale('de-DE').date).toBe('%d.%m.%Y');
  });
});

describe('in a chart', () => {
  const spec = {
    data: { values: [{ k: 'a', v: 1234567.5 }, { k: 'b', v: 2500000 }] },
    mark: 'bar',
    encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative', axis: { format: ',.1f' } } },
  };

  it('draws French numbers in French and German in German', async () => {
    const fr = texts((await render(withLocale(spec, 'fr-FR'))).svg);
    expect(fr).toContain('2\u202f500\u202f000,0');
    const de = texts((await render(withLocale(spec, 'de-DE'))).svg);
    expect(de).toContain('2.500.000,0');
  });

  it('leaves a spec that names its own locale alone', () => {
    const own = { ...spec, config: { locale: { number: { decimal: '!', thousands: '?', grouping: [3], currency: ['', ''] } } } };
    expect(withLocale(own, 'fr-FR')).toBe(own);
  });
});
