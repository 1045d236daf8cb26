/**
 * Parameter specs the core analyses share, and strict readers that turn a notebook's coerced
 * parameters into typed options. The readers throw with the parameter's name, so a wrong cell line
 * is reported as such rather than as broken SQL.
 */
import type { ParamSpec, ParamValues } from './types';

export function relationParam(name: string, label: string, doc: string, defaultName = name): ParamSpec {
  return { name, kind: 'relation', label, doc, default: defaultName };
}

export const DEALS_PARAM = relationParam('deals', 'Deals', 'The deals table; only won deals with a partner count.');
export const PARTNERS_PARAM = relationParam('partners', 'Partners', 'The partners table: every partner, with or without deals.');

export const AS_OF_PARAM: ParamSpec = {
  name: 'as_of',
  kind: 'date',
  label: 'As of',
  doc: 'The day the analysis looks back from (deals on or after it are ignored). Empty: the day after the latest won deal.',
  default: null,
};

export function windowDaysParam(defaultDays: number | null): ParamSpec {
  return {
    name: 'window_days',
    kind: 'integer',
    label: 'Window (days)',
    doc: 'How many days before the as-of date to look at. Empty or 0: all history.',
    default: defaultDays,
  };
}

function value(p: ParamValues, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(p, name) ? p[name] : undefined;
}

export function readRelation(p: ParamValues, name: string, fallback: string): string {
  const v = value(p, name) ?? fallback;
  if (typeof v !== 'string' || v.trim() === '') throw new Error(`Parameter ${name}: expected the name of a table or cell.`);
  return v.trim();
}

/** A relation parameter that may be left empty (null: not given). */
export function readOptionalRelation(p: ParamValues, name: string): string | null {
  const v = value(p, name);
  if (v == null || v === '') return null;
  return readRelation(p, name, '');
}

export function readDate(p: ParamValues, name: string): string | null {
  const v = value(p, name);
  if (v == null || v === '') return null;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`Parameter ${name}: expected a date YYYY-MM-DD.`);
  return v;
}

export function readNumber(p: ParamValues, name: string, fallback: number | null): number | null {
  const v = value(p, name);
  if (v == null || v === '') return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`Parameter ${name}: expected a number.`);
  return n;
}

export function readString(p: ParamValues, name: string, fallback: string | null): string | null {
  const v = value(p, name);
  if (v == null || v === '') return fallback;
  if (typeof v !== 'string') throw new Error(`Parameter ${name}: expected text.`);
  return v;
}

export function readEnum<T extends string>(p: ParamValues, name: string, options: readonly T[], fallback: T): T {
  const v = value(p, name) ?? fallback;
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
    throw new Error(`Parameter ${name}: expected one of ${options.join(', ')}.`);
  }
  return v as T;
}
