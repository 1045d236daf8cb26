/** Vega-Lite's own JSON schema, compiled once per test file (about 2 s): the yardstick for every spec. */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;

let validate: ReturnType<Ajv['compile']> | null = null;

/** The schema errors of a spec ([] when valid), as "path: message" lines. */
export function schemaErrors(spec: unknown): string[] {
  // The schema names formats (uri, color-hex) Ajv does not know; they are descriptive, not checked.
  validate ??= new Ajv({ strict: false, allowUnionTypes: true, validateFormats: false, logger: false }).compile(schema);
  return validate(spec) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}
