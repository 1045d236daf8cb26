/**
 * No network from cells: every way a worker has to reach the network fails, in the real worker code,
 * with the message that Longtail keeps the data on this machine. (Node has no XMLHttpRequest, WebSocket
 * or EventSource at all, so the message — not a bare ReferenceError — is what proves the lockdown.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CellWorkerHost } from '../../../src/notebook/ts/worker-host';
import { transpileCell } from '../../../src/notebook/ts/transpile';
import { NETWORK_DISABLED } from '../../../src/notebook/ts/lockdown';
import { nodeCellWorker } from './node-worker';

const host = new CellWorkerHost(nodeCellWorker);
afterAll(() => host.dispose());

/** Runs a cell (TypeScript, transpiled as in the app) and returns the message of the error it threw. */
async function thrown(source: string): Promise<string> {
  const out = await host.run({
    code: transpileCell(source).code,
    names: [],
    values: [],
    timeoutMs: 10_000,
    onSql: async () => [],
    onDisplay: () => undefined,
  });
  if (out.ok) throw new Error(`the cell ran: ${JSON.stringify(out.value)}`);
  return out.error.message;
}

const URL_ = 'https://example.com/data';

describe('blocked network APIs', () => {
  it('fetch', async () => {
    expect(await thrown(`const r = await fetch('${URL_}');\nreturn await r.text();`)).toBe(`fetch is not available. ${NETWORK_DISABLED}`);
  });

  it('fetch reached through globalThis', async () => {
    expect(await thrown(`await globalThis.fetch('${URL_}');`)).toBe(`fetch is not available. ${NETWORK_DISABLED}`);
  });

  it('XMLHttpRequest', async () => {
    expect(await thrown(`const x = new XMLHttpRequest();\nx.open('GET', '${URL_}');\nx.send();`)).toBe(`XMLHttpRequest is not available. ${NETWORK_DISABLED}`);
  });

  it('WebSocket', async () => {
    expect(await thrown("new WebSocket('wss://example.com/socket');")).toBe(`WebSocket is not available. ${NETWORK_DISABLED}`);
  });

  it('EventSource', async () => {
    expect(await thrown(`new EventSource('${URL_}');`)).toBe(`EventSource is not available. ${NETWORK_DISABLED}`);
  });

  it('importScripts', async () => {
    expect(await thrown("importScripts('https://example.com/lib.js');")).toBe(`importScripts is not available. ${NETWORK_DISABLED}`);
  });

  it('dynamic import() of remote code', async () => {
    expect(await thrown("const lib = await import('https://example.com/lib.js');\nreturn lib.default;")).toBe(
      `import() is not available. ${NETWORK_DISABLED}`,
    );
  });

  it('import() smuggled through code built from text', async () => {
    const message = `import() in code built from text is not available. ${NETWORK_DISABLED}`;
    expect(await thrown("const f = new Function(\"return import('https://example.com/lib.js')\");\nawait f();")).toBe(message);
    expect(await thrown("const AsyncFn = (async () => {}).constructor as FunctionConstructor;\nawait AsyncFn(\"return await import('https://example.com/x.js')\")();")).toBe(
      message,
    );
    expect(await thrown("(0, eval)(\"import('https://example.com/lib.js')\");")).toBe(`import() in eval is not available. ${NETWORK_DISABLED}`);
  });

  it('code text read once: an object whose toString changes between reads compiles what was checked', async () => {
    // The guard reads the text once and compiles that text; a second reading never happens.
    const out = await host.run({
      code: transpileCell(
        "let reads = 0;\nconst body = { toString: () => (reads++ ? \"return import('https://example.com/x.js')\" : 'return 1') };\nconst f = new Function(body as unknown as string);\nreturn [{ v: await f(), reads }];",
      ).code,
      names: [],
      values: [],
      timeoutMs: 10_000,
      onSql: async () => [],
      onDisplay: () => undefined,
    });
    expect(out).toEqual({ ok: true, value: { kind: 'rows', rows: [{ v: 1, reads: 1 }] } });
  });

  it('nested workers and the Cache API', async () => {
    expect(await thrown("new Worker('data:text/javascript,fetch(1)');")).toBe(`Worker is not available. ${NETWORK_DISABLED}`);
    expect(await thrown("await caches.open('x');")).toBe(`caches is not available. ${NETWORK_DISABLED}`);
  });

  it('string timers', async () => {
    expect(await thrown("setTimeout(\"fetch('x')\", 0);")).toBe('setTimeout needs a function, not code as text.');
  });
});

describe('what still works', () => {
  it('code built from text that loads nothing, and ordinary timers', async () => {
    const out = await host.run({
      code: transpileCell("const add = new Function('a', 'b', 'return a + b');\nawait new Promise((r) => setTimeout(r, 5));\nreturn add(2, 3);").code,
      names: [],
      values: [],
      timeoutMs: 10_000,
      onSql: async () => [],
      onDisplay: () => undefined,
    });
    expect(out).toEqual({ ok: true, value: { kind: 'text', text: '5' } });
  });
});
