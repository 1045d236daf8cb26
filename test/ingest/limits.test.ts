import { describe, expect, it } from 'vitest';
import { checkSize, sizeLimitsFor, WASM_CEILING } from '../../src/ingest/limits';
import { ImportError } from '../../src/ingest/errors';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

describe('the size guard follows the memory this browser can give', () => {
  it('with nothing told, the engine ceiling: 4 GB, CSV up to 60 % of it', () => {
    const l = sizeLimitsFor({});
    expect(l.memory).toBe(WASM_CEILING);
    // 0.6 × 4096 MB = 2457.6 MB, rounded down to whole MB.
    expect(l.csv).toBe(2457 * MB);
    expect(l.parquet).toBe(1024 * MB);
    expect(l.ndjson).toBe(512 * MB);
    // min(4096 / 8, 4096 / 16) MB and min(4096 / 16, 4096 / 40 = 102.4) MB.
    expect(l.jsonArray).toBe(256 * MB);
    expect(l.xlsx).toBe(102 * MB);
  });

  it('a 20 M-row export (2.11 GB) passes, 40 M rows (4.22 GB) are refused', () => {
    const l = sizeLimitsFor({ deviceMemoryGb: 8 });
    expect(() => checkSize('deals.csv', 2.11 * GB, 'csv', null, l)).not.toThrow();
    expect(() => checkSize('deals.csv', 4.22 * GB, 'csv', null, l)).toThrow(ImportError);
  });

  it('half the machine when the browser says it has less than 8 GB', () => {
    const l = sizeLimitsFor({ deviceMemoryGb: 4 });
    expect(l.memory).toBe(2 * GB);
    expect(l.csv).toBe(1228 * MB); // 0.6 × 2048 = 1228.8
    expect(() => checkSize('deals.csv', 2.11 * GB, 'csv', null, l)).toThrow(/limit here is 1\.2 GB \(this browser can give Longtail about 2\.0 GB of memory\)/);
  });

  it('formats parsed in JavaScript follow the JS heap limit', () => {
    const l = sizeLimitsFor({ jsHeapSizeLimit: 2 * GB });
    expect(l.jsonArray).toBe(128 * MB); // 2048 / 16
    expect(l.xlsx).toBe(51 * MB); // 2048 / 40 = 51.2
    expect(l.csv).toBe(2457 * MB);
  });

  it('a refused file is told where it can be analysed whole, and that nothing is lost', () => {
    let err: unknown;
    try {
      checkSize('deals.csv', 4.22 * GB, 'csv', null, sizeLimitsFor({}));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe('too-large');
    expect((err as ImportError).hint).toMatch(/Tables already loaded are kept\. Or run the notebook on the whole file with the command line: npx longtail run NOTEBOOK\.md --data deals\.csv$/);
  });
});
