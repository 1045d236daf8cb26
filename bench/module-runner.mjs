// Runs a TypeScript module of the benchmark through Vite's module runner (no TypeScript runtime beyond
// what the project has). The runner stays open while `use` runs, so modules can import others lazily.
import { createServer, createServerModuleRunner } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function withModule(file, use) {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'warn',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  });
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
  try {
    return await use(await runner.import(fileURLToPath(new URL(file, import.meta.url))));
  } finally {
    await runner.close();
    await server.close();
  }
}
