/**
 * Serves a built folder on a free local port with `vite preview`, as the e2e suite serves the app:
 * with the headers `npm start` sends (the policy and cross-origin isolation) for the app, and for the
 * bench page the isolation alone (`isolated`), which decides whether DuckDB may run its threaded build.
 */
import { preview } from 'vite';
import { isolationHeaders, responseHeaders } from '../src/security/csp';

export type Headers = 'app' | 'isolated' | 'none';

function headersFor(kind: Headers): Record<string, string> {
  return kind === 'app' ? responseHeaders() : kind === 'isolated' ? isolationHeaders() : {};
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serve(outDir: string, headers: Headers): Promise<Served> {
  // Port 0: the system picks a free port, so parallel runs (and the e2e suite) never collide.
  const server = await preview({
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, headers: headersFor(headers) },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error(`vite preview of ${outDir} reported no address.`);
  return { url, close: () => server.close() };
}
