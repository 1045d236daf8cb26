/** The command line's arguments: every mistake gives a message that says what is wrong and what to do. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../src/cli/args';

const dir = mkdtempSync(path.join(tmpdir(), 'longtail-args-'));
writeFileSync(path.join(dir, 'nb.md'), '# x\n');
writeFileSync(path.join(dir, 'deals.csv'), 'a\n1\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (...argv: string[]) => parseCommand(argv, dir);
const refused = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('parseCommand', () => {
  it('reads a full run, paths resolved from the working folder', () => {
    const c = parse('run', 'nb.md', '--data', 'deals.csv', '-d', 'deals.csv', '--json', 'out.json', '--snapshot', 'out.html', '--set', 'as_of=2025-12-31', '--set', 'label=a=b', '--threads', '2');
    expect(c).toEqual({
      kind: 'run',
      options: {
        notebook: path.join(dir, 'nb.md'),
        data: [path.join(dir, 'deals.csv'), path.join(dir, 'deals.csv')],
        engine: 'native',
        snapshot: path.join(dir, 'out.html'),
        json: path.join(dir, 'out.json'),
        database: null,
        inputs: new Map([
          ['as_of', '2025-12-31'],
          ['label', 'a=b'],
        ]),
        skipBadRows: false,
        hideCode: false,
        pseudonymise: false,
        threads: 2,
        memoryLimit: null,
      },
    });
  });

  it('answers --help, help, no arguments and --version', () => {
    expect(parse('--help')).toEqual({ kind: 'help' });
    expect(parse('-h')).toEqual({ kind: 'help' });
    expect(parse('help')).toEqual({ kind: 'help' });
    expect(parse()).toEqual({ kind: 'help' });
    expect(parse('run', 'nb.md', '--help')).toEqual({ kind: 'help' });
    expect(parse('--version')).toEqual({ kind: 'version' });
  });

  it('names an unknown option and points to --help', () => {
    expect(refused('run', 'nb.md', '--dta', 'deals.csv')).toMatch(/--dta[\s\S]*longtail --help/);
  });

  it('says which file is missing, and where it looked', () => {
    expect(refused('run', 'nope.md')).toBe(`The notebook nope.md does not exist (looked for ${path.join(dir, 'nope.md')}).`);
    expect(refused('run', 'nb.md', '--data', 'missing.csv')).toMatch(/^The data file missing.csv does not exist/);
    expect(refused('run', 'nb.md', '--json', 'no-such-folder/out.json')).toMatch(/the folder .*no-such-folder does not exist/);
  });

  it('refuses URLs: the command line reads no network', () => {
    expect(refused('run', 'nb.md', '--data', 'https://example.com/deals.csv')).toMatch(/is a URL\. Longtail reads no network/);
  });

  it('refuses a command, an engine or a value it does not know', () => {
    expect(refused('exec', 'nb.md')).toMatch(/Unknown command "exec"/);
    expect(refused('run')).toMatch(/Which notebook/);
    expect(refused('run', 'nb.md', 'deals.csv')).toMatch(/put --data before each one/);
    expect(refused('run', 'deals.csv')).toMatch(/is not a \.md file/);
    expect(refused('run', 'nb.md', '--engine', 'spark')).toMatch(/--engine spark is not an engine/);
    expect(refused('run', 'nb.md', '--set', 'as_of')).toMatch(/NAME=VALUE/);
    expect(refused('run', 'nb.md', '--threads', 'many')).toMatch(/whole number/);
    expect(refused('run', 'nb.md', '--memory-limit', 'lots')).toMatch(/give a size such as 8GB/);
    expect(refused('run', 'nb.md', '--memory-limit', '8GB', '--engine', 'wasm')).toMatch(/for the native engine/);
    expect(parse('run', 'nb.md', '--memory-limit', '512MB')).toMatchObject({ options: { memoryLimit: '512MB' } });
  });

  it('takes a .duckdb file or md: with the native engine only', () => {
    expect(parse('run', 'nb.md', '--database', 'work.duckdb')).toMatchObject({ options: { database: path.join(dir, 'work.duckdb') } });
    expect(parse('run', 'nb.md', '--database', 'md:my_db')).toMatchObject({ options: { database: 'md:my_db' } });
    expect(refused('run', 'nb.md', '--database', 'work.duckdb', '--engine', 'wasm')).toMatch(/needs the native engine/);
    expect(refused('run', 'nb.md', '--database', 'notes.txt')).toMatch(/not a DuckDB file name/);
    expect(refused('run', 'nb.md', '--database', 's3://bucket/x.duckdb')).toMatch(/give a path to a \.duckdb file/);
  });
});
