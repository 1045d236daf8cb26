/**
 * The deals table as a CSV export, in English (`,`, ISO dates, `.` decimals, canonical headers) or in
 * French (`;`, dd/mm/yyyy, decimal commas, the headers a French CRM export uses). Benchmarks need
 * millions of rows, so the text is produced one month of deals at a time and never built as one
 * array of row objects; a single string of 5 M rows would also pass V8's maximum string length.
 *
 * Partenaire/partner_id holds the partner id (empty for a direct sale); Marge brute/gross_margin is
 * the fraction (0,3215 = 32.15 %); amounts have no thousands separator. Lines end with `\n`.
 */
import { frDate, isoDate } from './calendar';
import { dealBatches, type Deal, type DealStatus } from './deals';
import { buildWorld, type DemoOptions } from './world';

export type CsvLocale = 'en' | 'fr';

export const DEAL_CSV_HEADERS: Record<CsvLocale, readonly string[]> = {
  en: ['deal_id', 'partner_id', 'end_customer', 'product', 'closed_at', 'amount', 'gross_margin', 'status', 'registered_at'],
  fr: [
    'Identifiant',
    'Partenaire',
    'Client final',
    'Produit',
    'Date de clôture',
    'Montant (€)',
    'Marge brute',
    'Statut',
    "Date d'enregistrement",
  ],
};

const STATUS_FR: Record<DealStatus, string> = { won: 'Gagné', lost: 'Perdu', open: 'En cours' };

const SEPARATOR: Record<CsvLocale, string> = { en: ',', fr: ';' };

/** RFC 4180 quoting, only when the field needs it. */
export function csvField(value: string, separator: string): string {
  return value.includes(separator) || value.includes('"') || value.includes('\n') || value.includes('\r')
    ? '"' + value.replace(/"/g, '""') + '"'
    : value;
}

/** Formats deal rows, one line each. */
export class DealCsvWriter {
  private readonly sep: string;
  private readonly decimal: string;
  /** Margins have 4 decimals within [0.15, 0.45]: at most 3,001 distinct texts. */
  private readonly margins = new Map<number, string>();

  constructor(readonly locale: CsvLocale) {
    this.sep = SEPARATOR[locale];
    this.decimal = locale === 'fr' ? ',' : '.';
  }

  /** A positive amount with two decimals; integer arithmetic is several times faster than toFixed here. */
  private money(amount: number): string {
    const cents = Math.round(amount * 100);
    const units = Math.floor(cents / 100);
    const rest = cents - units * 100;
    return units + this.decimal + (rest < 10 ? '0' + rest : rest);
  }

  private margin(value: number): string {
    let m = this.margins.get(value);
    if (m === undefined) {
      m = this.locale === 'fr' ? String(value).replace('.', ',') : String(value);
      this.margins.set(value, m);
    }
    return m;
  }

  header(): string {
    return DEAL_CSV_HEADERS[this.locale].map((h) => csvField(h, this.sep)).join(this.sep) + '\n';
  }

  /** Appends the pieces of one line to `out`; joining a month of pieces once makes one flat string. */
  write(d: Deal, out: string[]): void {
    const s = this.sep;
    const fr = this.locale === 'fr';
    out.push(
      d.id, s, d.partner ? d.partner.id : '', s, csvField(d.endCustomer, s), s, csvField(d.product, s), s,
      fr ? frDate(d.closedOn) : isoDate(d.closedOn), s, this.money(d.amount), s, this.margin(d.grossMargin), s,
      fr ? STATUS_FR[d.status] : d.status, s, fr ? frDate(d.registeredOn) : isoDate(d.registeredOn), '\n',
    );
  }

  row(d: Deal): string {
    const out: string[] = [];
    this.write(d, out);
    return out.join('');
  }
}

type CsvOptions = DemoOptions & { locale?: CsvLocale };

/** The deals CSV as string chunks: the header, then one chunk per month of deals. */
export function* dealsCsvChunks(options: CsvOptions = {}): Generator<string, void, void> {
  const writer = new DealCsvWriter(options.locale ?? 'en');
  yield writer.header();
  for (const batch of dealBatches(buildWorld(options))) {
    const pieces: string[] = [];
    for (const d of batch) writer.write(d, pieces);
    yield pieces.join('');
  }
}

/** The deals CSV as one string (fine up to a few hundred thousand rows; use the chunks beyond). */
export function dealsCsv(options?: CsvOptions): string {
  let out = '';
  for (const chunk of dealsCsvChunks(options)) out += chunk;
  return out;
}

/** The deals CSV as UTF-8 bytes, encoded chunk by chunk into one growing buffer (for registerFile). */
export function dealsCsvBytes(options?: CsvOptions): Uint8Array {
  const encoder = new TextEncoder();
  let buf = new Uint8Array(1 << 20);
  let pos = 0;
  for (const chunk of dealsCsvChunks(options)) {
    const need = pos + chunk.length * 3;
    if (need > buf.length) {
      const grown = new Uint8Array(Math.max(need, buf.length * 2));
      grown.set(buf.subarray(0, pos));
      buf = grown;
    }
    pos += encoder.encodeInto(chunk, buf.subarray(pos)).written;
  }
  return buf.subarray(0, pos);
}
