/** Where and with what a run was measured: machine, load, versions, the commit. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  os: string;
  /** `uptime` output: other work on the machine slows every figure. */
  uptime: string;
  loadAverage: number[];
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    uptime: uptime(),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')}`;
  }
}

/** An installed package's version, from its package.json (found from its entry point when its exports hide the file). */
export function packageVersion(name: string): string | null {
  const require = createRequire(import.meta.url);
  try {
    let dir = path.dirname(require.resolve(name));
    for (;;) {
      const file = path.join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
        if (pkg.name === name) return pkg.version;
      }
      const up = path.dirname(dir);
      if (up === dir) return null;
      dir = up;
    }
  } catch {
    return null;
  }
}

/** The commit measured, and whether the working copy differed from it (read-only git calls). */
export function commit(repo: string): { sha: string | null; modifiedFiles: number | null } {
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
  try {
    return { sha: git('rev-parse', 'HEAD').trim(), modifiedFiles: git('status', '--porcelain').split('\n').filter(Boolean).length };
  } catch {
    return { sha: null, modifiedFiles: null };
  }
}
