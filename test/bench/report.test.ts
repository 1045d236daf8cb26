import { describe, expect, it } from 'vitest';
import { markdownTable } from '../../bench/report';
import type { Row } from '../../bench/results';

const fig = (...runs: number[]) => ({ median: [...runs].sort((a, b) => a - b)[runs.length >> 1]!, min: Math.min(...runs), max: Math.max(...runs), runs });

describe('markdownTable', () => {
  it('writes sections in their fixed order, with ratios Longtail ÷ peer and failures said', () => {
    const rows: Row[] = [
      { section: 'Analytics, warm', what: 'rfm.scores', data: '1 M', unit: 'ms', longtail: fig(300, 280, 330), native: fig(100, 90, 110), arquero: null, failed: { arquero: 'out of memory' } },
      { section: 'Import', what: 'Import: pipeline ÷ bare read_csv', data: '1 M', unit: 'ms', longtail: null, text: '1.50×' },
    ];
    // 300 / 100 = 3.00×; Arquero failed, so no ratio.
    expect(markdownTable(rows)).toBe(
      [
        '| What | Data | Longtail (browser) | DuckDB (Node) | Longtail ÷ DuckDB | Arquero (Node) | Longtail ÷ Arquero |',
        '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
        '| **Import** |  |  |  |  |  |  |',
        '| Import: pipeline ÷ bare read_csv | 1 M | 1.50× |  |  |  |  |',
        '| **Analytics, warm** |  |  |  |  |  |  |',
        '| rfm.scores | 1 M | 300 ms (280–330) | 100 ms (90–110) | 3.00× | failed | — |',
      ].join('\n'),
    );
  });

  it('escapes a pipe inside a cell', () => {
    const rows: Row[] = [{ section: 'Largest table', what: 'a | b', data: '', unit: 'ms', longtail: null, text: 'x' }];
    expect(markdownTable(rows).split('\n')[3]).toBe('| a \\| b |  | x |  |  |  |  |');
  });
});
