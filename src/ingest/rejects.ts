/**
 * DuckDB's reject records (read_csv with `store_rejects`) → rows a person can read: which line, what the
 * line says, and why it was refused, in words rather than DuckDB's type names.
 */
import { ENCODING_LABELS } from './errors';
import type { ColumnType, DateFormat, Encoding, RejectedRow, TimeFormat } from './types';

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

export interface ReasonContext {
  encoding: Encoding;
  dateFormat: DateFormat;
  timeFormat: TimeFormat;
}

export function typeWords(type: ColumnType | string, ctx: Pick<ReasonContext, 'dateFormat' | 'timeFormat'>): string {
  switch (type) {
    case 'BIGINT':
      return 'a whole number';
    case 'DOUBLE':
      return 'a number';
    case 'BOOLEAN':
      return 'true or false';
    case 'DATE':
      return `a date (${DATE_FORMAT_LABELS[ctx.dateFormat]})`;
    case 'TIMESTAMP':
      return ctx.dateFormat === '%Y-%m-%d'
        ? 'a date and time (yyyy-mm-dd hh:mm:ss)'
        : `a date and time (${DATE_FORMAT_LABELS[ctx.dateFormat]} ${TIME_FORMAT_LABELS[ctx.timeFormat]})`;
    default:
      return `a ${type}`;
  }
}

export interface DuckDbReject {
  line: number;
  text: string;
  errorType: string;
  message: string;
}

/** DuckDB's error type, or — when it arrives empty, as the browser build's ENUM column can — the message's. */
function errorKind(r: DuckDbReject): string {
  if (r.errorType && r.errorType !== 'null') return r.errorType;
  if (/Invalid unicode|not utf-8 encoded/i.test(r.message)) return 'INVALID ENCODING';
  if (/Expected Number of Columns/i.test(r.message)) return 'MISSING COLUMNS';
  if (/Could not convert string/i.test(r.message)) return 'CAST';
  return 'OTHER';
}

export function describeReject(r: DuckDbReject, ctx: ReasonContext): RejectedRow {
  // DuckDB's copy of a CRLF line can start with the previous line's \n.
  const base = { line: r.line, row: null, text: r.text.replace(/^[\r\n]+|[\r\n]+$/g, '') };
  switch (errorKind(r)) {
    case 'INVALID ENCODING':
      return { ...base, kind: 'encoding', reason: `it has bytes that are not valid ${ENCODING_LABELS[ctx.encoding]}` };
    case 'TOO MANY COLUMNS':
    case 'MISSING COLUMNS': {
      const m = /Expected Number of Columns:\s*(\d+)\s+Found:\s*(\d+)/.exec(r.message);
      const reason = m ? `it has ${m[2]} fields where ${m[1]} were expected` : r.message;
      return { ...base, kind: 'columns', reason };
    }
    case 'CAST': {
      const m = /converting column "(.*)"\. Could not convert string "(.*)" to '([A-Z_]+)/s.exec(r.message);
      const reason = m ? `in column "${m[1]}", "${m[2]}" is not ${typeWords(m[3]!, ctx)}` : r.message;
      return { ...base, kind: 'value', reason };
    }
    case 'UNQUOTED VALUE':
      return { ...base, kind: 'columns', reason: 'a quote character appears inside a value that is not quoted' };
    default:
      return { ...base, kind: 'other', reason: r.message.split('\n')[0] ?? r.errorType };
  }
}
