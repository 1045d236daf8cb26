/** The choices offered by the import dialog's selects, with the words people use for them. */
import { ENCODING_LABELS, DATE_FORMAT_LABELS, TIME_FORMAT_LABELS, COLUMN_TYPES, CANONICAL } from '../../ingest';
import type { MessageKey } from '../../i18n';
import type { CanonicalTable, ColumnType, DateFormat, DecimalSeparator, Delimiter, Encoding, Escape, Quote, ThousandsSeparator, TimeFormat } from '../../ingest';

export interface Option<T> {
  value: T;
  /** The English label; `key`, when there is one, gives it in the interface's language. */
  label: string;
  key?: MessageKey;
}

export const DELIMITER_OPTIONS: Option<Delimiter>[] = [
  { value: ',', label: 'Comma ( , )', key: 'core.ingest.option.comma' },
  { value: ';', label: 'Semicolon ( ; )', key: 'core.ingest.option.semicolon' },
  { value: '\t', label: 'Tab', key: 'core.ingest.option.tab' },
  { value: '|', label: 'Pipe ( | )', key: 'core.ingest.option.pipe' },
];

const ENCODING_KEYS: Partial<Record<Encoding, MessageKey>> = {
  'utf-8': 'core.ingest.option.utf_8',
  'utf-16le': 'core.ingest.encoding.utf_16le',
  'utf-16be': 'core.ingest.encoding.utf_16be',
  'windows-1252': 'core.ingest.option.windows_1252',
};

export const ENCODING_OPTIONS: Option<Encoding>[] = (Object.keys(ENCODING_LABELS) as Encoding[]).map((e) => ({
  value: e,
  label: e === 'utf-8' ? 'UTF-8 (with or without BOM)' : e === 'windows-1252' ? 'Windows-1252 (Western European)' : ENCODING_LABELS[e],
  ...(ENCODING_KEYS[e] ? { key: ENCODING_KEYS[e] } : {}),
}));

export const QUOTE_OPTIONS: Option<Quote>[] = [
  { value: '"', label: 'Double quote ( " )', key: 'core.ingest.option.double_quote' },
  { value: "'", label: "Single quote ( ' )", key: 'core.ingest.option.single_quote' },
  { value: '', label: 'None', key: 'core.ingest.option.none' },
];

export const ESCAPE_OPTIONS: Option<Escape>[] = [
  { value: '"', label: 'Doubled quote ( "" )', key: 'core.ingest.option.doubled_quote' },
  { value: "'", label: "Doubled single quote ( '' )", key: 'core.ingest.option.doubled_single_quote' },
  { value: '\\', label: 'Backslash ( \\" )', key: 'core.ingest.option.backslash' },
  { value: '', label: 'None', key: 'core.ingest.option.none' },
];

export const DECIMAL_OPTIONS: Option<DecimalSeparator>[] = [
  { value: '.', label: 'Point (1234.56)' },
  { value: ',', label: 'Comma (1234,56)', key: 'core.ingest.option.decimal_comma' },
];

export const THOUSANDS_OPTIONS: Option<ThousandsSeparator>[] = [
  { value: '', label: 'None (1234)', key: 'core.ingest.option.no_thousands' },
  { value: ' ', label: 'Space (1 234)', key: 'core.ingest.option.space_thousands' },
  { value: '.', label: 'Point (1.234)' },
  { value: ',', label: 'Comma (1,234)', key: 'core.ingest.option.comma_thousands' },
  { value: "'", label: "Apostrophe (1'234)" },
];

export const DATE_OPTIONS: Option<DateFormat>[] = (Object.keys(DATE_FORMAT_LABELS) as DateFormat[]).map((f) => ({
  value: f,
  label: f === '%Y-%m-%d' ? 'ISO (yyyy-mm-dd)' : DATE_FORMAT_LABELS[f],
}));

export const TIME_OPTIONS: Option<TimeFormat>[] = (Object.keys(TIME_FORMAT_LABELS) as TimeFormat[]).map((f) => ({ value: f, label: TIME_FORMAT_LABELS[f] }));

export const TYPE_LABELS: Record<ColumnType, string> = {
  VARCHAR: 'Text',
  BIGINT: 'Whole number',
  DOUBLE: 'Number',
  BOOLEAN: 'True/false',
  DATE: 'Date',
  TIMESTAMP: 'Date and time',
};

export const TYPE_OPTIONS: Option<ColumnType>[] = COLUMN_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }));

export const TABLE_LABELS: Record<CanonicalTable, string> = {
  deals: 'Deals (opportunities)',
  partners: 'Partners',
  activities: 'Activities (engagement)',
  surveys: 'Surveys (NPS)',
  programs: 'Programmes',
  enrolments: 'Programme enrolments',
  targets: 'Targets (per partner or tier, per quarter)',
  tier_rules: 'Tier rules',
  mdf: 'Marketing development funds (MDF)',
};

export const TABLE_OPTIONS: Option<CanonicalTable>[] = (Object.keys(CANONICAL) as CanonicalTable[]).map((t) => ({ value: t, label: TABLE_LABELS[t] }));

/** The catalogue's words for the column types the import offers (a type not listed shows its label). */
export const TYPE_KEYS: Record<string, MessageKey> = {
  VARCHAR: 'coltype.varchar',
  BIGINT: 'coltype.bigint',
  DOUBLE: 'coltype.double',
  BOOLEAN: 'coltype.boolean',
  DATE: 'coltype.date',
  TIMESTAMP: 'coltype.timestamp',
};
