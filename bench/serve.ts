/** Serves a built folder on a free local port with `vite preview`, as the e2e suite serves the app. */
import { preview } from 'vite';

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serve(outDir: string): Promise<Served> {
  // Port 0: the system picks a free port, so parallel runs (and the e2e suite) never collide.
  const server = await preview({
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error(`vite preview of ${outDir} reported no address.`);
  return { url, close: () => server.close() };
}
