/** Chart specs are plain JSON trees; these helpers walk and copy them without trusting their shape. */

export type JsonObject = Record<string, unknown>;

export function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A deep copy of a JSON tree (specs are rewritten in place after copying, never the user's object). */
export function cloneJson<T>(x: T): T {
  return structuredClone(x);
}

/**
 * `base` overlaid with `over`, recursively for objects; arrays and scalars of `over` win whole.
 * Used to put Longtail's defaults under a spec's own config, so the spec always has the last word.
 */
export function deepMerge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}
