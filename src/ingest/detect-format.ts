/** Which reader a file needs: from its extension, else from its first bytes. */
import { legacyExcel, unsupported } from './errors';
import { extensionOf } from './source';
import type { Delimiter, FileFormat } from './types';

export interface FormatGuess {
  format: FileFormat;
  /** For .tsv files: try tab first. */
  preferredDelimiter?: Delimiter;
}

const BY_EXTENSION: Record<string, FormatGuess> = {
  csv: { format: 'csv' },
  txt: { format: 'csv' },
  tsv: { format: 'csv', preferredDelimiter: '\t' },
  tab: { format: 'csv', preferredDelimiter: '\t' },
  parquet: { format: 'parquet' },
  parq: { format: 'parquet' },
  json: { format: 'json' },
  ndjson: { format: 'json' },
  jsonl: { format: 'json' },
  xlsx: { format: 'xlsx' },
  xlsm: { format: 'xlsx' },
};

function firstNonSpace(head: Uint8Array): number | undefined {
  let k = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (k < head.length && (head[k] === 0x20 || head[k] === 0x09 || head[k] === 0x0a || head[k] === 0x0d)) k++;
  return head[k];
}

export function guessFormat(fileName: string, head: Uint8Array): FormatGuess {
  const ext = extensionOf(fileName);
  if (ext === 'xls') throw legacyExcel(fileName);
  const known = BY_EXTENSION[ext];
  if (known) return known;
  if (head[0] === 0x50 && head[1] === 0x4b) return { format: 'xlsx' };
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return { format: 'parquet' };
  const c = firstNonSpace(head);
  if (c === 0x5b || c === 0x7b) return { format: 'json' };
  if (['', 'dat', 'data', 'export', 'out'].includes(ext)) return { format: 'csv' };
  throw unsupported(fileName);
}
