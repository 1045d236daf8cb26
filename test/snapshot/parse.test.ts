import { describe, expect, it } from 'vitest';
import { SnapshotFormatError, parsePayload, readSnapshotHtml, isSnapshotHtml } from '../../src/snapshot/parse';
import { snapshotHtml } from '../../src/snapshot/html';

const base = () => ({
  format: 'longtail-snapshot',
  version: 1,
  title: 'T',
  fileName: 'f.md',
  createdAt: '2026-01-01T00:00:00.000Z',
  frontMatter: null,
  cells: [] as unknown[],
  fingerprints: [],
  hidden: { code: true, cells: [], pseudonymised: null, capped: [] },
  provenance: null,
  currency: null,
  partners: null,
});

const chartCell = (spec: unknown) => ({
  kind: 'sql',
  name: 'c',
  attrs: [],
  source: null,
  reads: [],
  status: 'done',
  error: null,
  result: {
    columns: [],
    rowCount: 0,
    rows: [],
    totals: null,
    note: null,
    displays: [{ kind: 'vega-lite', spec, svg: '<svg></svg>', note: null }],
    elapsedMs: 0,
    finishedAt: 0,
    generatedSql: null,
  },
});

describe('reading a snapshot someone else wrote', () => {
  it('says what is wrong with a file that is not a snapshot', () => {
    expect(() => readSnapshotHtml('<html><body>hello</body></html>')).toThrow('This HTML file is not a Longtail snapshot: it holds no snapshot data.');
    expect(isSnapshotHtml('<html></html>')).toBe(false);
    expect(() => parsePayload({ ...base(), format: 'other' })).toThrow('its data is not marked as a Longtail snapshot');
    expect(() => parsePayload({ ...base(), version: 2 })).toThrow('another version of Longtail (format 2; this one reads 1)');
  });

  it('rejects wrong types, unknown kinds, bad names and ragged rows', () => {
    const bad: [unknown, string][] = [
      [{ ...base(), title: 42 }, 'the title is not text'],
      [{ ...base(), cells: [{ kind: 'python', name: 'x' }] }, 'cell 1 has an unknown kind "python"'],
      [{ ...base(), cells: [{ kind: 'sql', name: 'x"; DROP TABLE deals; --' }] }, 'cell 1 name is not a cell name'],
      [{ ...base(), cells: [{ kind: 'sql', name: 'x', status: 'hacked' }] }, 'cell 1 has an unknown status "hacked"'],
      [
        { ...base(), cells: [{ ...chartCell(null), result: { ...chartCell(null).result, columns: [{ name: 'a', kind: 'string', sqlType: 'VARCHAR' }], rowCount: 1, rows: [['x', 'y']] } }] },
        'cell 1 result row 1 has 2 values for 1 columns',
      ],
      [
        { ...base(), cells: [{ ...chartCell(null), result: { ...chartCell(null).result, columns: [{ name: 'a', kind: 'evil', sqlType: 'x' }] } }] },
        'cell 1 result column 1 has an unknown kind "evil"',
      ],
      [{ ...base(), fingerprints: [{ table: 't', rows: 1, method: 'md5', value: 'x' }] }, 'fingerprint 1 has an unknown method'],
    ];
    for (const [value, message] of bad) {
      expect(() => parsePayload(value)).toThrow(SnapshotFormatError);
      expect(() => parsePayload(value)).toThrow(message);
    }
  });

  it('drops fields it does not know', () => {
    const p = parsePayload({ ...base(), extra: '<script>', cells: [{ kind: 'markdown', text: 'hi', onload: 'x' }] });
    expect(p).toEqual({ ...base(), cells: [{ kind: 'markdown', text: 'hi' }] });
  });

  it('strips data URLs and links from chart specs, wherever they are', () => {
    const spec = {
      data: { url: 'https://evil.example/x.csv' },
      layer: [{ mark: { type: 'image', url: 'https://evil.example/p.png' }, encoding: { href: { field: 'link' }, x: { field: 'a' } } }],
    };
    const p = parsePayload({ ...base(), cells: [chartCell(spec)] });
    const cell = p.cells[0]!;
    if (cell.kind === 'markdown') throw new Error('expected a code cell');
    expect(cell.result!.displays[0]).toEqual({
      kind: 'vega-lite',
      spec: { data: {}, layer: [{ mark: { type: 'image' }, encoding: { x: { field: 'a' } } }] },
      svg: '<svg></svg>',
      note: null,
    });
  });

  it('reads back what it wrote', () => {
    const payload = { ...base(), cells: [{ kind: 'markdown' as const, text: '# Title' }] } as unknown as Parameters<typeof snapshotHtml>[0];
    const html = snapshotHtml(payload, { js: '1', css: '' });
    expect(isSnapshotHtml(html)).toBe(true);
    expect(readSnapshotHtml(html)).toEqual(payload);
  });
});
