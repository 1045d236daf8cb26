/**
 * DuckDB's reject records (read_csv with `store_rejects`) → rows a person can read: which line, what the
 * line says, and why it was refused, in words rather than DuckDB's type names.
 */
import type { DateFormat, Encoding, RejectedRow, TimeFormat } from './types';
import { reasons, typeSaid } from './words';

export { DATE_FORMAT_LABELS, TIME_FORMAT_LABELS, typeWords } from './words';

export interface ReasonContext {
  encoding: Encoding;
  dateFormat: DateFormat;
  timeFormat: TimeFormat;
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
      return { ...base, kind: 'encoding', reason: reasons.encoding(ctx.encoding) };
    case 'TOO MANY COLUMNS':
    case 'MISSING COLUMNS': {
      const m = /Expected Number of Columns:\s*(\d+)\s+Found:\s*(\d+)/.exec(r.message);
      const reason = m ? reasons.fields(m[2]!, m[1]!) : r.message;
      return { ...base, kind: 'columns', reason };
    }
    case 'CAST': {
      const m = /converting column "(.*)"\. Could not convert string "(.*)" to '([A-Z_]+)/s.exec(r.message);
      const reason = m ? reasons.value(m[1]!, m[2]!, typeSaid(m[3]!, ctx)) : r.message;
      return { ...base, kind: 'value', reason };
    }
    case 'UNQUOTED VALUE':
      return { ...base, kind: 'columns', reason: reasons.unquoted() };
    default:
      return { ...base, kind: 'other', reason: r.message.split('\n')[0] ?? r.errorType };
  }
}
