/**
 * Chart text in the reader's language (issue 19.1): the quick chart's axis and chart titles, and the
 * refusal of a chart too large to draw that DuckDB cannot summarise — in French with the French
 * translator, in English (as before) without one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import type { Column } from '../../src/engine/values';
import { choiceSpec, measureTitle } from '../../src/charts/propose';
import { prepareChart } from '../../src/charts/data-step';
import { errorText, hintText, i18nFor } from '../../src/i18n';
import type { CellInputError } from '../../src/errors/input-error';

const fr = i18nFor('fr').t;
const col = (name: string, kind: Column['kind']): Column => ({ name, kind, sqlType: '' });

describe('quick chart titles', () => {
  it('say the measure and what it is grouped by, in French', () => {
    const columns = [col('region', 'string'), col('amount', 'number'), col('closed_at', 'date')];
    const bars = choiceSpec({ mark: 'bar', x: 'region', y: 'amount', color: null, aggregate: 'sum' }, columns, 'deals', undefined, fr);
    expect(bars.title).toBe('Somme de amount par region');
    expect((bars.encoding as Record<string, { title: string }>).y!.title).toBe('Somme de amount');
    const line = choiceSpec({ mark: 'line', x: 'closed_at', y: 'amount', color: null, aggregate: 'mean' }, columns, 'deals', { distinct: {}, spanDays: { closed_at: 400 } }, fr);
    expect(line.title).toBe('Moyenne de amount par closed_at (mois)');
    const hist = choiceSpec({ mark: 'bar', x: 'amount', y: null, color: null, aggregate: 'count' }, columns, 'deals', undefined, fr);
    expect(hist.title).toBe('Nombre de lignes par amount (plages)');
    expect(measureTitle('median', 'amount', fr)).toBe('Médiane de amount');
  });

  it('stay as they were in English', () => {
    const columns = [col('region', 'string'), col('amount', 'number'), col('closed_at', 'date')];
    expect(choiceSpec({ mark: 'bar', x: 'region', y: 'amount', color: null, aggregate: 'sum' }, columns, 'deals').title).toBe('Sum of amount by region');
    expect(choiceSpec({ mark: 'bar', x: 'closed_at', y: null, color: null, aggregate: 'count' }, columns, 'deals', { distinct: {}, spanDays: { closed_at: 5000 } }).title).toBe(
      'Number of rows by closed_at (year)',
    );
  });
});

describe('a chart too large to draw', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
    await engine.query('CREATE TABLE big AS SELECT range AS x, range % 100 AS amount FROM range(20000)');
  });

  it('is refused with the reason, in French', async () => {
    const spec = { data: { name: 'big' }, transform: [{ window: [{ op: 'rank', as: 'rank' }] }], mark: 'point', encoding: { x: { field: 'rank', type: 'quantitative' }, y: { field: 'amount', type: 'quantitative' } } };
    const err = (await prepareChart(engine, spec).catch((e: unknown) => e)) as CellInputError;
    expect(errorText(fr, err)).toBe(
      'big compte 20\u202f000 lignes, plus qu\'un graphique n\'en trace (10\u202f000), et ce graphique ne peut pas être résumé dans DuckDB : sa transformation « window » résume toutes les lignes dans le navigateur.',
    );
    expect(err.message).toBe(
      'big has 20,000 rows, more than a chart draws (10,000), and this chart cannot be summarised in DuckDB: its "window" transform summarises all rows in the browser.',
    );
    expect(hintText(fr, err)).toMatch(/^Résumez d'abord dans une cellule SQL/);
  });
});
