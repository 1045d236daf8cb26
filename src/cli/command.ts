/**
 * What `longtail run` does once its arguments are read: opens an engine (native DuckDB by default), puts
 * the data in (the demo, or --data files through the import pipeline), runs every cell with the app's
 * runner and cell kinds, and writes the JSON report and the snapshot.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cellKinds } from '../app/kinds';
import { createNativeEngine } from '../engine/native';
import type { Engine } from '../engine/types';
import { ImportError } from '../ingest/errors';
import type { Notebook } from '../notebook/model';
import type { CellState } from '../notebook/state';
import type { RunOptions } from './args';
import { modelHooks } from '../model/hooks';
import type { ModelState } from '../model/describe';
import { modelTable } from '../model/tables';
import type { RunnerOptions } from '../notebook/runner';
import {
  describeImport,
  describeModelState,
  fileFromPath,
  importData,
  modelSummary,
  NATIVE_LIMITS,
  SIZE_LIMITS,
  useDatabase,
  useDemo,
  type DataFile,
  type Imported,
} from './data';
import { JSON_ROW_LIMIT } from './help';
import { EXIT, type Host } from './host';
import { cellReports, resources, type RunReport } from './report';
import { runNotebook, seconds } from './run';
import { snapshotFile, viewerAssets, ViewerUnavailableError } from './snapshot';
import { nodeCellWorkers } from './ts-cells';

class Failed extends Error {}

/** The model's hooks, with what to do said for the command line (the app's hint points to its Data panel). */
function commandLineHooks(state: ModelState, userTables: readonly string[]): RunnerOptions {
  const hooks = modelHooks(state, userTables);
  return {
    ...hooks,
    explainMissing(name) {
      const said = hooks.explainMissing?.(name) ?? null;
      const t = modelTable(name);
      return said && t ? { message: said.message, hint: `Give it with --data (${t.bring}).` } : said;
    },
  };
}

async function openEngine(o: RunOptions, files: readonly DataFile[]): Promise<{ engine: Engine; label: string }> {
  if (o.engine === 'wasm') {
    // Loaded only when asked for: the WASM bundle takes a while to load and is not the default.
    const { createNodeEngine } = await import('../engine/node');
    return { engine: await createNodeEngine(), label: 'DuckDB-WASM (the browser build)' };
  }
  const paths = new Map<Blob, string>(files.map((f) => [f.file, f.path]));
  const engine = await createNativeEngine({ database: o.database ?? undefined, threads: o.threads ?? undefined, memoryLimit: o.memoryLimit ?? undefined, pathOf: (b) => paths.get(b) });
  return { engine, label: `native DuckDB ${engine.version}${o.database ? ` on ${o.database}` : ''}` };
}

export async function runCommand(options: RunOptions, notebook: Notebook, host: Host, log: (line: string) => void): Promise<number> {
  const started = Date.now();
  const fileName = path.basename(options.notebook);
  // The viewer first: better to say it is missing before a long run than after.
  let viewer = null;
  if (options.snapshot) {
    try {
      viewer = viewerAssets(host.root, log);
    } catch (err) {
      if (!(err instanceof ViewerUnavailableError)) throw err;
      log(`longtail: ${err.message}`);
      return EXIT.failed;
    }
  }

  const files = await Promise.all(options.data.map(fileFromPath));
  const { engine, label } = await openEngine(options, files);
  const workers = nodeCellWorkers(host.tsWorker, (text) => host.stderr(text.replace(/^/gm, '  [ts] ')));
  // Ctrl-C stops the running cell and what is queued, then the outputs are written as they stand; a
  // second Ctrl-C ends the process at once (the handler is installed once).
  let stop = () => void engine.cancel();
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    log('longtail: interrupted; stopping the running cell (Ctrl-C again to quit at once).');
    stop();
  };
  process.once('SIGINT', interrupt);
  try {
    log(`longtail: ${fileName} on ${label}`);
    let data: Imported[] | 'demo' | 'database';
    const dataStarted = performance.now();
    if (options.database) for (const note of await useDatabase(engine)) log(`  note: ${note}`);
    if (files.length > 0) {
      data = await importFiles(engine, files, options, log);
    } else if (options.database) {
      data = 'database';
      log(`  data: the tables of ${options.database}`);
    } else {
      await useDemo(engine);
      data = 'demo';
      log(`  data: the demo workspace (${seconds(performance.now() - dataStarted)})`);
    }
    const model = await modelSummary(engine);
    log(`  the partner model (${model.state.choice === 'demo' ? 'the demo' : 'your data'}): ${describeModelState(model.state).join('; ')}`);

    const dataMs = performance.now() - dataStarted;
    const run = await runNotebook(engine, notebook, cellKinds({ tsWorkers: workers.factory }), log, {
      options: commandLineHooks(model.state, model.userTables),
      onRunner: (runner) => (stop = () => void runner.stop()),
    });
    const states: Record<string, CellState> = Object.fromEntries(notebook.cells.map((c) => [c.id, run.runner.state(c.id)]));
    let ok = run.failures.length === 0;

    if (options.json) {
      const report: RunReport = {
        notebook: fileName,
        engine: label,
        data,
        model: model.state.tables.map((t) => ({
          table: t.table,
          source: t.source,
          rows: t.rows,
          files: t.imports.map((i) => i.record?.fileName ?? i.sourceTable),
          ...(t.derivedFrom && t.source === 'derived' ? { derivedFrom: t.derivedFrom } : {}),
        })),
        startedAt: new Date(started).toISOString(),
        timings: { dataMs: Math.round(dataMs), runMs: Math.round(run.elapsedMs), totalMs: Date.now() - started },
        resources: resources(),
        ok,
        rowLimit: JSON_ROW_LIMIT,
        cells: await cellReports(engine, notebook, (id) => states[id]!),
      };
      ok = write(options.json, JSON.stringify(report, null, 2) + '\n', log) && ok;
    }
    if (options.snapshot && viewer) {
      const html = await snapshotFile(engine, viewer, { notebook, fileName, states, hideCode: options.hideCode, pseudonymise: options.pseudonymise });
      ok = write(options.snapshot, html, log) && ok;
    }

    const ran = notebook.cells.filter((c) => c.kind !== 'markdown').length - run.failures.length;
    const peak = `peak memory ${(resources().maxRssBytes / 1024 ** 3).toFixed(2)} GiB`;
    if (run.failures.length === 0) {
      log(`longtail: done — ${ran} cells ran in ${seconds(run.elapsedMs)} (data in ${seconds(dataMs)}; ${peak}).`);
    } else {
      // Three ways not to run: an error, data the notebook needs and was not given, an upstream cell that did not run.
      const failed = run.failures.filter((f) => f.status !== 'blocked' && f.status !== 'missing');
      const missing = run.failures.filter((f) => f.status === 'missing');
      const blocked = run.failures.filter((f) => f.status === 'blocked');
      const parts = [
        failed.length ? `${failed.length} cell${failed.length === 1 ? '' : 's'} failed` : '',
        missing.length ? `${missing.length} need${missing.length === 1 ? 's' : ''} data not given` : '',
        blocked.length ? `${blocked.length} waited on ${failed.length + missing.length === 1 ? 'it' : 'them'}` : '',
      ].filter(Boolean);
      log(`longtail: ${parts.join(', ')} (${ran} ran; ${peak}):`);
      for (const f of [...failed, ...missing]) log(`  ✗ ${f.label}: ${f.message.split('\n')[0]}${f.hint && f.hint !== f.message ? `\n      ${f.hint}` : ''}`);
      if (blocked.length) log(`  waiting on those: ${blocked.map((f) => f.label).join(', ')}`);
    }
    if (interrupted) return EXIT.interrupted;
    return ok ? EXIT.ok : EXIT.failed;
  } catch (err) {
    if (err instanceof Failed) return EXIT.failed;
    throw err;
  } finally {
    process.off('SIGINT', interrupt);
    await workers.terminateAll();
    await engine.close().catch(() => undefined);
  }
}

async function importFiles(engine: Engine, files: readonly DataFile[], o: RunOptions, log: (line: string) => void): Promise<Imported[]> {
  try {
    let last = '';
    const imported = await importData(engine, files, {
      limits: o.engine === 'native' ? NATIVE_LIMITS : SIZE_LIMITS,
      skipBadRows: o.skipBadRows,
      onProgress: (file, fraction, phase) => {
        const line = `  importing ${file}: ${phase}${phase === 'done' ? '' : ` ${Math.floor(fraction * 10) * 10} %`}`;
        if (line !== last && phase !== 'done') log(line);
        last = line;
      },
    });
    for (const i of imported) {
      log(`  data: ${describeImport(i)}`);
      for (const n of i.notes) log(`    note: ${n}`);
    }
    return imported;
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    log(`longtail: ${err.message}\n  ${err.hint}${err.code === 'bad-rows' ? ' (On the command line: --skip-bad-rows.)' : ''}`);
    throw new Failed();
  }
}

function write(file: string, text: string, log: (line: string) => void): boolean {
  try {
    writeFileSync(file, text);
    log(`  wrote ${file} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB)`);
    return true;
  } catch (err) {
    log(`longtail: could not write ${file}: ${(err as Error).message}`);
    return false;
  }
}

