#!/usr/bin/env node
// The `longtail` command. Node 20 runs no TypeScript, so the command line is built into
// node_modules/.longtail/cli by `npm install` (the `prepare` script, with the project's Vite); this
// launcher rebuilds it first when it is missing or older than a source file, so a `git pull` or an
// edit never runs stale code. See src/cli/main.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'node_modules/.longtail/cli');
const built = path.join(outDir, 'main.mjs');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

function stale() {
  if (!existsSync(built)) return true;
  if (!existsSync(path.join(root, 'src'))) return false; // an installed package: no sources to compare
  const sources = Math.max(newest(path.join(root, 'src')), statSync(path.join(root, 'package.json')).mtimeMs);
  return sources > statSync(built).mtimeMs;
}

function build() {
  let vite;
  try {
    vite = path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    return existsSync(built) ? 'stale' : 'missing';
  }
  const r = spawnSync(process.execPath, [vite, 'build', '-c', 'src/cli/vite.config.ts', '--configLoader', 'runner', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return r.status === 0 ? 'built' : existsSync(built) ? 'stale' : 'missing';
}

if (process.argv[2] === '--build-only') {
  const outcome = build();
  if (outcome !== 'built') console.error(`longtail: could not build the command line (${outcome === 'missing' ? 'Vite is not installed: run npm install' : 'see the errors above'}).`);
  process.exit(outcome === 'built' ? 0 : 1);
}

if (stale()) {
  const outcome = build();
  if (outcome === 'missing') {
    console.error('longtail: the command line is not built and cannot be built here (Vite is missing). Run `npm install` in ' + root);
    process.exit(1);
  }
  if (outcome === 'stale') console.error('longtail: warning: the sources changed but the rebuild failed; running the previous build.');
}

const { main } = await import(pathToFileURL(built).href);
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
try {
  process.exitCode = await main(process.argv.slice(2), {
    root,
    tsWorker: pathToFileURL(path.join(outDir, 'ts-worker.mjs')),
    version,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  });
} catch (err) {
  console.error(`longtail: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
