/**
 * The words import messages use for encodings, date formats and column types, and the reasons a row
 * is refused. A refused row's `reason` is English text (made from the catalogue here); `reasonSaid`
 * reads such a text back into its catalogue key and values, so that the dialog can say it in the
 * reader's language — a reason crosses the ingest worker and is stored with the rejected rows as text.
 */
import { CATALOGUES, type MessageKey, type Param } from '../i18n/catalogue';
import { english, said, type Said } from '../i18n/said';
import type { ColumnType, DateFormat, Encoding, Note, TimeFormat } from './types';

export const ENCODING_LABELS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'Latin-1 (ISO-8859-1)',
};

/** Formats as people write them, for messages. */
export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  '%Y-%m-%d': 'yyyy-mm-dd',
  '%Y/%m/%d': 'yyyy/mm/dd',
  '%d/%m/%Y': 'dd/mm/yyyy',
  '%m/%d/%Y': 'mm/dd/yyyy',
  '%d.%m.%Y': 'dd.mm.yyyy',
  '%d-%m-%Y': 'dd-mm-yyyy',
  '%m-%d-%Y': 'mm-dd-yyyy',
};

export const TIME_FORMAT_LABELS: Record<TimeFormat, string> = {
  '%H:%M:%S': 'hh:mm:ss',
  '%H:%M': 'hh:mm',
  '%I:%M:%S %p': 'hh:mm:ss AM/PM',
  '%I:%M %p': 'hh:mm AM/PM',
};

const ENCODING_KEYS: Partial<Record<Encoding, MessageKey>> = { 'utf-16le': 'core.ingest.encoding.utf_16le', 'utf-16be': 'core.ingest.encoding.utf_16be' };

/** An encoding's name in a said message: the UTF-16 ones have words of their own; the others are names. */
export function encodingSaid(e: Encoding): Param | Said {
  const key = ENCODING_KEYS[e];
  return key ? said(key) : ENCODING_LABELS[e];
}

/** What a value of a column type is, in words: "a whole number", "a date (dd/mm/yyyy)". */
export function typeSaid(type: ColumnType | string, ctx: { dateFormat: DateFormat; timeFormat: TimeFormat }): Said {
  switch (type) {
    case 'BIGINT':
      return said('core.ingest.type.bigint');
    case 'DOUBLE':
      return said('core.ingest.type.double');
    case 'BOOLEAN':
      return said('core.ingest.type.boolean');
    case 'DATE':
      return said('core.ingest.type.date', { format: DATE_FORMAT_LABELS[ctx.dateFormat] });
    case 'TIMESTAMP':
      return said('core.ingest.type.timestamp', {
        format: ctx.dateFormat === '%Y-%m-%d' ? 'yyyy-mm-dd hh:mm:ss' : `${DATE_FORMAT_LABELS[ctx.dateFormat]} ${TIME_FORMAT_LABELS[ctx.timeFormat]}`,
      });
    default:
      return said('core.ingest.type.other', { name: type });
  }
}

export function typeWords(type: ColumnType | string, ctx: { dateFormat: DateFormat; timeFormat: TimeFormat }): string {
  return english(typeSaid(type, ctx));
}

/** The reasons a row is refused, as English text (RejectedRow.reason). */
export const reasons = {
  encoding: (e: Encoding) => english(said('core.ingest.reason.encoding', { encoding: encodingSaid(e) })),
  fields: (found: number | string, expected: number | string) => english(said('core.ingest.reason.fields', { found: String(found), expected: String(expected) })),
  value: (column: string, value: string, type: Said) => english(said('core.ingest.reason.value', { column, value, type })),
  unquoted: () => english(said('core.ingest.reason.unquoted')),
  notObject: () => english(said('core.ingest.reason.not_object')),
  notJsonObject: () => english(said('core.ingest.reason.not_json_object')),
  tooDeep: (depth: number) => english(said('core.ingest.reason.too_deep', { depth: String(depth) })),
};

const REASON_KEYS: MessageKey[] = [
  'core.ingest.reason.encoding',
  'core.ingest.reason.fields',
  'core.ingest.reason.value',
  'core.ingest.reason.unquoted',
  'core.ingest.reason.not_object',
  'core.ingest.reason.not_json_object',
  'core.ingest.reason.too_deep',
];

/** Values that are themselves said messages, by placeholder; the generic type ("a {name}") last. */
const NESTED: Record<string, MessageKey[]> = {
  type: ['core.ingest.type.bigint', 'core.ingest.type.double', 'core.ingest.type.boolean', 'core.ingest.type.date', 'core.ingest.type.timestamp', 'core.ingest.type.other'],
  encoding: Object.values(ENCODING_KEYS),
};

const patterns = new Map<MessageKey, { re: RegExp; names: string[] }[]>();

/** The English forms of `key` as anchored patterns, each placeholder a capture. */
function patternsOf(key: MessageKey): { re: RegExp; names: string[] }[] {
  let list = patterns.get(key);
  if (list) return list;
  const message = CATALOGUES.en[key]!;
  const forms = [...new Set(typeof message === 'string' ? [message] : Object.values(message).filter((f): f is string => !!f))];
  list = forms.map((text) => {
    const names: string[] = [];
    const source = text
      .split(/(\{\w+\})/)
      .map((part) => {
        const m = /^\{(\w+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]!);
        return '([\\s\\S]*?)';
      })
      .join('');
    return { re: new RegExp(`^${source}$`), names };
  });
  patterns.set(key, list);
  return list;
}

function readBack(text: string, keys: readonly MessageKey[]): Said | null {
  for (const key of keys) {
    for (const { re, names } of patternsOf(key)) {
      const m = re.exec(text);
      if (!m) continue;
      if (names.length === 0) return said(key);
      const params: Record<string, Param | Said> = {};
      names.forEach((name, k) => {
        const v = m[k + 1]!;
        params[name] = (NESTED[name] && readBack(v, NESTED[name])) || v;
      });
      return said(key, params);
    }
  }
  return null;
}

/** A refused row's reason as a said message, when it is one of ours (DuckDB's own words are not). */
export function reasonSaid(reason: string): Said | null {
  return readBack(reason, REASON_KEYS);
}

/** A detection note: its said form, and its English text. */
export function note(setting: Note['setting'], message: Said): Note {
  return { setting, message: english(message), said: message };
}
