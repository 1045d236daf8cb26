/**
 * Running one TypeScript cell, from the page's side: transpile, gather the values of the names it
 * uses, hand it to the worker, answer its `sql` calls, and keep what it returns — records or an Arrow
 * table become the table `cells."name"` that SQL cells read; other values are shown.
 */
import { tableFromIPC } from 'apache-arrow';
import type { Cell } from '../model';
import { attr } from '../model';
import type { ExecContext } from '../kinds/context';
import type { RunOutput } from '../kinds/types';
import { DisplayList } from './displays';
import { TsCellError, runtimeError } from './errors';
import { recordsToTable } from '../records';
import { answerSql, scopeValues } from './scope-values';
import { keepTable } from '../kinds/keep-table';
import { RunAborted, type CellWorkerHost } from './worker-host';
import { english, said } from '../../i18n/said';
import { withSaid } from '../../i18n/said-error';

/** Time limit of a cell unless its `timeout=` attribute (seconds) says otherwise. */
export const DEFAULT_TIMEOUT_S = 60;

export function timeLimitMs(cell: Cell): number {
  const s = Number(attr(cell, 'timeout'));
  return (Number.isFinite(s) && s > 0 ? s : DEFAULT_TIMEOUT_S) * 1000;
}

function aborted(err: RunAborted, cell: Cell): TsCellError {
  const hint =
    err.reason === 'timeout'
      ? said('core.notebook.ts.timeout_hint', { name: cell.name || 'ts' })
      : err.reason === 'stopped'
        ? said('core.notebook.ts.stopped_hint')
        : said('core.notebook.ts.crashed_hint');
  // Stopped, not wrong: kept as such, it does not run again by itself on the next open.
  return withSaid(new TsCellError(err.message, english(hint), null, err.reason === 'crashed' ? 'input' : 'cancelled'), err.said, hint);
}

export async function runTsCell(host: CellWorkerHost, cell: Cell, ctx: ExecContext, relation: string): Promise<RunOutput> {
  // sucrase is loaded on first use: notebooks without TypeScript cells never pay for it.
  const [{ transpileCell }, { freeNames }, { scan }] = await Promise.all([import('./transpile'), import('./analyze'), import('./scan')]);
  const compiled = transpileCell(cell.source);
  const scope = await scopeValues(ctx, freeNames(scan(cell.source)));
  const displays = new DisplayList();
  let outcome;
  try {
    outcome = await host.run({
      code: compiled.code,
      ...scope,
      timeoutMs: timeLimitMs(cell),
      onSql: (request) => answerSql(ctx, request),
      onDisplay: (d) => displays.add(d),
    });
  } catch (err) {
    throw err instanceof RunAborted ? aborted(err, cell) : err;
  }
  if (!outcome.ok) throw runtimeError(outcome.error, compiled.map);
  const value = outcome.value;
  const what = said('core.notebook.records.result_of', { name: cell.name || said('core.notebook.records.this_cell') });
  if (value.kind === 'rows' || value.kind === 'arrow') {
    const table = value.kind === 'rows' ? recordsToTable(value.rows, what) : tableFromIPC(value.ipc);
    return { ...(await keepTable(ctx, table, relation)), displays: displays.list() };
  }
  if (value.kind === 'text') displays.add({ kind: 'text', text: value.text });
  return { relation: null, rowCount: 0, columns: [], displays: displays.list() };
}
