import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataCache } from '../../bench/data';

const root = mkdtempSync(path.join(tmpdir(), 'longtail-bench-data-test-'));
const cache = new DataCache(path.resolve(__dirname, '../..'), root);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the data cache', () => {
  it('writes the deals export with its real row count, and reuses it the next time', async () => {
    const first = await cache.deals(0.02, 'en');
    const lines = readFileSync(first.path, 'utf8').split('\n');
    // header + one line per row + the empty string after the final newline
    expect(first.rows).toBe(lines.length - 2);
    expect(lines[0]).toBe('deal_id,partner_id,end_customer,product,closed_at,amount,gross_margin,status,registered_at');
    expect(first.bytes).toBe(statSync(first.path).size);
    const mtime = statSync(first.path).mtimeMs;
    expect(await cache.deals(0.02, 'en')).toEqual(first);
    expect(statSync(first.path).mtimeMs).toBe(mtime);
  });

  it('repeats a file’s rows under a single header, keeping its name', async () => {
    const source = path.join(root, 'small.csv');
    writeFileSync(source, 'a,b\n1,2\n3,4\n');
    const copy = await cache.repeated({ path: source, rows: 2, bytes: 12 }, 3);
    expect(path.basename(copy.path)).toBe('small.csv');
    expect(readFileSync(copy.path, 'utf8')).toBe('a,b\n1,2\n3,4\n1,2\n3,4\n1,2\n3,4\n');
    expect(copy.rows).toBe(6);
  });
});
