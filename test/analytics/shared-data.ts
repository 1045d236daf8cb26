/**
 * Where the external validation data (the project's `shared/data`, see its README) lives: the first
 * `shared/data` found walking up from this folder, so the tests find it from the main checkout
 * (/work/main → /work/shared) and from a worktree nested one level deeper alike. `LONGTAIL_SHARED_DATA`
 * overrides the search.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function sharedDataDir(): string | null {
  const env = process.env.LONGTAIL_SHARED_DATA;
  if (env) return env;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'shared', 'data');
    if (existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** The path of a file under shared/data (which may not exist: callers skip their tests then). */
export function sharedDataFile(relative: string): string {
  return path.join(sharedDataDir() ?? '/nonexistent/shared/data', relative);
}
