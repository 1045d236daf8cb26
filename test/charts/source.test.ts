/** Chart cell text: YAML or JSON in, the relations it reads, refusals of anything fetched, YAML out. */
import { describe, it, expect } from 'vitest';
import { chartReads, chartSourceText, parseChartSource } from '../../src/charts/source';
import { CellInputError } from '../../src/notebook/kinds/context';

describe('reading a chart cell', () => {
  it('reads YAML and JSON to the same spec', () => {
    const yaml = 'data: { name: rfm_scores }\nmark: bar\nencoding:\n  x: { field: segment, type: nominal }\n';
    const json = '{"data": {"name": "rfm_scores"}, "mark": "bar", "encoding": {"x": {"field": "segment", "type": "nominal"}}}';
    const expected = { data: { name: 'rfm_scores' }, mark: 'bar', encoding: { x: { field: 'segment', type: 'nominal' } } };
    expect(parseChartSource(yaml)).toEqual(expected);
    expect(parseChartSource(json)).toEqual(expected);
  });

  it('names the line of a YAML mistake', () => {
    expect(() => parseChartSource('data: { name: x }\nmark: bar\nmark: line\n')).toThrow(/^Line 3: the chart spec could not be read/);
  });

  it('refuses an empty cell, a list, and a spec that names no data', () => {
    expect(() => parseChartSource('  \n')).toThrow('The chart is empty.');
    expect(() => parseChartSource('- a\n- b\n')).toThrow('The chart spec is not an object');
    expect(() => parseChartSource('mark: bar\n')).toThrow('The chart does not say which result to draw.');
  });

  it('refuses every way of fetching: data urls, lookups, image urls, embed options', () => {
    const cases: [string, string][] = [
      ['data: { url: "https://example.com/x.csv" }\nmark: bar\n', 'data.url'],
      ['data: { name: a }\ntransform:\n  - lookup: k\n    from: { data: { url: "x.json" }, key: k }\nmark: bar\n', 'transform.0.from.data.url'],
      ['data: { name: a }\nmark: image\nencoding: { url: { field: u } }\n', 'encoding.url'],
    ];
    for (const [text, where] of cases) {
      const err = (() => {
        try {
          parseChartSource(text);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(CellInputError);
      expect((err as Error).message).toBe(`The chart asks for a URL (${where}): Longtail never fetches anything.`);
    }
    expect(() => parseChartSource('data: { name: a }\nmark: bar\nusermeta: { embedOptions: { config: "x.json" } }\n')).toThrow('usermeta.embedOptions is not supported');
  });

  it('accepts inline values and its own datasets, which read nothing', () => {
    expect(chartReads(parseChartSource('data: { values: [{ a: 1 }] }\nmark: bar\n'))).toEqual([]);
    expect(chartReads(parseChartSource('datasets: { mine: [{ a: 1 }] }\ndata: { name: mine }\nmark: bar\n'))).toEqual([]);
  });
});

describe('the relations a chart reads', () => {
  it('lists every named data once: views, layers, concatenations, lookups', () => {
    const spec = {
      data: { name: 'rfm_scores' },
      hconcat: [
        { mark: 'bar' },
        { data: { name: 'rfm_segments' }, layer: [{ mark: 'bar' }, { data: { values: [{}] }, mark: 'rule' }] },
      ],
      transform: [{ lookup: 'partner_id', from: { data: { name: 'partners' }, key: 'partner_id', fields: ['sector'] } }],
    };
    expect(chartReads(spec)).toEqual(['rfm_scores', 'rfm_segments', 'partners']);
  });

  it('does not mistake a column called "data" in inline rows for a data source', () => {
    expect(chartReads({ data: { values: [{ data: { name: 'nope' } }] }, mark: 'bar' })).toEqual([]);
  });
});

describe('writing a spec as cell text', () => {
  it('writes short collections inline, long ones as blocks, and reads back the same spec', () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { name: 'rfm_scores' },
      transform: [{ filter: { field: 'r_score', valid: true } }],
      mark: { type: 'rect', tooltip: true },
      encoding: {
        x: { field: 'r_score', type: 'ordinal', title: 'Recency R (5 = most recent)', scale: { domain: [1, 2, 3, 4, 5] } },
        y: { aggregate: 'count' },
      },
    };
    const text = chartSourceText(spec);
    expect(text).toBe(
      [
        '$schema: https://vega.github.io/schema/vega-lite/v6.json',
        'data: { name: rfm_scores }',
        'transform:',
        '  - filter: { field: r_score, valid: true }',
        'mark: { type: rect, tooltip: true }',
        'encoding:',
        '  x:',
        '    field: r_score',
        '    type: ordinal',
        '    title: Recency R (5 = most recent)',
        '    scale: { domain: [ 1, 2, 3, 4, 5 ] }',
        '  y: { aggregate: count }',
      ].join('\n'),
    );
    expect(parseChartSource(text)).toEqual(spec);
  });

  it('quotes what YAML would otherwise read differently', () => {
    const spec = { data: { name: 'x' }, mark: 'text', encoding: { text: { value: "Can't lose: 'yes' # no" } }, title: 'true' };
    expect(parseChartSource(chartSourceText(spec))).toEqual(spec);
  });
});

describe('specs sharing sub-objects', () => {
  it('writes each occurrence out, without YAML anchors', () => {
    const scale = { domain: [1, 2] };
    const text = chartSourceText({ data: { name: 'a' }, mark: 'bar', encoding: { x: { field: 'a', scale }, y: { field: 'b', scale } } });
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text.match(/scale: \{ domain: \[ 1, 2 \] \}/g)).toHaveLength(2);
  });
});
