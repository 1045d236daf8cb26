/**
 * The command line's arguments: parsed and checked before anything starts, so a mistyped flag or a
 * missing file gives one clear message (and exit code 2) instead of a half-done run.
 */
import { parseArgs } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export type EngineChoice = 'native' | 'wasm';

export interface RunOptions {
  notebook: string;
  data: string[];
  engine: EngineChoice;
  snapshot: string | null;
  json: string | null;
  database: string | null;
  /** Input cells to set before the run: name → value, as the input's `value=` would hold it. */
  inputs: Map<string, string>;
  skipBadRows: boolean;
  hideCode: boolean;
  pseudonymise: boolean;
  threads: number | null;
  /** Native DuckDB's memory limit, in DuckDB's words (e.g. 8GB); its default (80 % of RAM) when null. */
  memoryLimit: string | null;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: RunOptions };

/** A problem with how the command was called: the message says what is wrong and what to do. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const OPTIONS = {
  data: { type: 'string', multiple: true, short: 'd' },
  engine: { type: 'string' },
  snapshot: { type: 'string' },
  json: { type: 'string' },
  database: { type: 'string' },
  set: { type: 'string', multiple: true },
  'skip-bad-rows': { type: 'boolean' },
  'hide-code': { type: 'boolean' },
  pseudonymise: { type: 'boolean' },
  threads: { type: 'string' },
  'memory-limit': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function isRemote(p: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(p);
}

function readableFile(what: string, p: string, cwd: string): string {
  if (isRemote(p)) throw new UsageError(`${what} ${p} is a URL. Longtail reads no network: download the file, then pass its path.`);
  const full = path.resolve(cwd, p);
  if (!existsSync(full)) throw new UsageError(`${what} ${p} does not exist (looked for ${full}).`);
  if (!statSync(full).isFile()) throw new UsageError(`${what} ${p} is not a file.`);
  return full;
}

function writableTarget(what: string, p: string, cwd: string): string {
  const full = path.resolve(cwd, p);
  const dir = path.dirname(full);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${what}: the folder ${dir} does not exist. Create it, or write ${path.basename(full)} elsewhere.`);
  if (existsSync(full) && statSync(full).isDirectory()) throw new UsageError(`${what}: ${p} is a folder; give a file name.`);
  return full;
}

/** Parses `argv` (without `node` and the script). Throws UsageError. */
export function parseCommand(argv: readonly string[], cwd = process.cwd()): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // Node's messages name the flag ("Unknown option '--dta'"); keep them, add what to do.
    throw new UsageError(`${(err as Error).message.replace(/\. To specify a positional argument.*$/s, '')}. Run \`longtail --help\` for the options.`);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (command === undefined) return { kind: 'help' };
  if (command === 'help') return { kind: 'help' };
  if (command !== 'run') throw new UsageError(`Unknown command "${command}". The command is \`longtail run NOTEBOOK.md\`; see \`longtail --help\`.`);
  if (rest.length === 0) throw new UsageError('Which notebook? Give its file: `longtail run NOTEBOOK.md`.');
  if (rest.length > 1) throw new UsageError(`One notebook at a time (got ${rest.join(', ')}). To add data files, put --data before each one.`);

  const notebook = readableFile('The notebook', rest[0]!, cwd);
  if (!/\.(md|markdown)$/i.test(notebook)) throw new UsageError(`The notebook ${rest[0]} is not a .md file. Longtail notebooks are Markdown files (see notebooks/).`);

  const engine = (v.engine ?? 'native') as string;
  if (engine !== 'native' && engine !== 'wasm') throw new UsageError(`--engine ${engine} is not an engine. Use --engine native (DuckDB, the default) or --engine wasm (DuckDB-WASM, as in the browser).`);

  const database = v.database ?? null;
  if (database !== null) {
    if (engine !== 'native') throw new UsageError('--database needs the native engine (leave out --engine wasm).');
    if (!database.startsWith('md:') && isRemote(database)) throw new UsageError(`--database ${database}: give a path to a .duckdb file, or md:NAME for MotherDuck.`);
    if (!database.startsWith('md:') && !/\.(duckdb|db|ddb)$/i.test(database)) throw new UsageError(`--database ${database} is not a DuckDB file name (.duckdb). Give a path to a .duckdb file, or md:NAME for MotherDuck.`);
  }

  const inputs = new Map<string, string>();
  for (const s of v.set ?? []) {
    const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(s);
    if (!m) throw new UsageError(`--set ${s}: write it as NAME=VALUE, NAME being an input cell of the notebook (e.g. --set as_of=2025-12-31).`);
    inputs.set(m[1]!, m[2]!);
  }

  let threads: number | null = null;
  if (v.threads !== undefined) {
    threads = Number(v.threads);
    if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads ${v.threads}: give a whole number of threads, 1 or more.`);
    if (engine !== 'native') throw new UsageError('--threads is for the native engine (DuckDB-WASM runs on one thread).');
  }

  const memoryLimit = v['memory-limit'] ?? null;
  if (memoryLimit !== null) {
    if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) throw new UsageError(`--memory-limit ${memoryLimit}: give a size such as 8GB or 512MB.`);
    if (engine !== 'native') throw new UsageError('--memory-limit is for the native engine (DuckDB-WASM has the browser\'s limits).');
  }

  return {
    kind: 'run',
    options: {
      notebook,
      data: (v.data ?? []).map((d) => readableFile('The data file', d, cwd)),
      engine,
      snapshot: v.snapshot === undefined ? null : writableTarget('--snapshot', v.snapshot, cwd),
      json: v.json === undefined ? null : writableTarget('--json', v.json, cwd),
      database: database === null || database.startsWith('md:') ? database : path.resolve(cwd, database),
      inputs,
      skipBadRows: v['skip-bad-rows'] ?? false,
      hideCode: v['hide-code'] ?? false,
      pseudonymise: v.pseudonymise ?? false,
      threads,
      memoryLimit,
    },
  };
}
