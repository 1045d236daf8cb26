/**
 * The network lockdown of the worker that runs TypeScript cells. Longtail's promise is that data never
 * leaves the machine, and user code is the one place that could break it, so before any cell runs every
 * way a worker has to reach the network (or to load code that could) is replaced by a function that
 * throws a clear error. `import()` is syntax, not a global: the transpiler rewrites it into a call to
 * `BLOCKED_IMPORT`, which the worker puts in the cell's scope.
 */

export const NETWORK_DISABLED = 'Longtail keeps your data on this machine: network access is disabled in cells.';

/** The identifier the transpiler puts in place of `import` in `import(…)`; as long as `import`, so columns stay. */
export const BLOCKED_IMPORT = '$mport';

/** Globals that can send or receive over the network, load scripts, or start code that could. */
export const NETWORK_APIS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'Worker',
  'SharedWorker',
  'FontFace',
] as const;

/** Objects whose methods fetch URLs (`caches.open(…).add(url)`, `fonts.add(…)`). */
const NETWORK_OBJECTS = ['caches', 'fonts'] as const;

/** The name of the errors below, so the page can tell them apart from the cell's own errors. */
export const NETWORK_ERROR_NAME = 'NetworkDisabledError';

export function networkError(api: string): Error {
  const err = new Error(`${api} is not available. ${NETWORK_DISABLED}`);
  err.name = NETWORK_ERROR_NAME;
  return err;
}

/** A stand-in that throws whether it is called or constructed. */
export function blocked(api: string): (...args: unknown[]) => never {
  const fn = function () {
    throw networkError(api);
  };
  Object.defineProperty(fn, 'name', { value: api });
  return fn as (...args: unknown[]) => never;
}

/** Sets `name` on the object and on every prototype that defines it, so no path leads to the original. */
function replaceEverywhere(global: object, name: string, descriptor: PropertyDescriptor): void {
  for (let o: object | null = Object.getPrototypeOf(global); o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    if (Object.prototype.hasOwnProperty.call(o, name)) Object.defineProperty(o, name, { ...descriptor, configurable: true });
  }
  Object.defineProperty(global, name, { ...descriptor, configurable: false });
}

/** True when code text could load a module: the `import` keyword, however it is spaced or commented. */
export function mentionsImport(code: string): boolean {
  return /(^|[^\w$])import(?![\w$])/.test(code);
}

/** The name of the error code built from text gets where the policy forbids it (the browser sandbox). */
export const CODE_FROM_TEXT_DISABLED = 'Code built from text (new Function, eval) cannot run in a cell: write the code in the cell itself.';

/**
 * Code built from text at run time would escape the `import(` rewrite (`new Function("return import(…)")`),
 * so the constructors of every function kind and `eval` refuse text that mentions `import`. Each
 * argument is turned into text once, and that text — not the argument — is what gets compiled: an
 * object whose `toString` answers differently on the second call cannot slip past the check. In the
 * browser the cell's sandbox forbids compiling text altogether (its Content Security Policy has no
 * 'unsafe-eval'): that is the wall; this check only gives the clearer message, and covers Node.
 * String timers are refused outright.
 */
function lockCodeFromText(global: typeof globalThis): void {
  const guard = <F extends (...args: never[]) => unknown>(original: F, what: string): F => {
    const safe = function (this: unknown, ...args: unknown[]) {
      const texts = args.map((a) => String(a));
      if (texts.some(mentionsImport)) throw networkError(`import() in ${what}`);
      try {
        return (original as unknown as (...a: unknown[]) => unknown).apply(this, texts);
      } catch (err) {
        if (err instanceof global.EvalError) {
          const refused = new Error(CODE_FROM_TEXT_DISABLED);
          refused.name = NETWORK_ERROR_NAME;
          throw refused;
        }
        throw err;
      }
    };
    return safe as unknown as F;
  };
  const kinds = [function () {}, async function () {}, function* () {}, async function* () {}].map(
    (f) => Object.getPrototypeOf(f) as { constructor: (...args: string[]) => unknown },
  );
  for (const proto of kinds) {
    const stand = guard(proto.constructor, 'code built from text');
    // `instanceof Function` (and its async kinds) keeps working: the stand-in shares the real prototype.
    Object.defineProperty(stand, 'prototype', { value: proto });
    Object.defineProperty(proto, 'constructor', { value: stand, configurable: false, writable: false });
  }
  replaceEverywhere(global, 'Function', { value: Function.prototype.constructor, writable: false });
  replaceEverywhere(global, 'eval', { value: guard(global.eval, 'eval'), writable: false });
  for (const timer of ['setTimeout', 'setInterval'] as const) {
    const original = global[timer] as (handler: unknown, ...rest: unknown[]) => unknown;
    const safe = (handler: unknown, ...rest: unknown[]) => {
      if (typeof handler !== 'function') throw new TypeError(`${timer} needs a function, not code as text.`);
      return original.call(global, handler, ...rest);
    };
    replaceEverywhere(global, timer, { value: safe, writable: false });
  }
}

/** Makes every network path of `global` throw. Irreversible: run it once, in the worker, before any cell. */
export function lockDown(global: typeof globalThis): void {
  for (const api of NETWORK_APIS) replaceEverywhere(global, api, { value: blocked(api), writable: false });
  for (const name of NETWORK_OBJECTS) {
    replaceEverywhere(global, name, {
      get: () => {
        throw networkError(name);
      },
    });
  }
  lockCodeFromText(global);
}
