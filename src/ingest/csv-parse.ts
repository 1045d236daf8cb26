/**
 * A small CSV record reader for the sniffer: it reads the sample of a file with a candidate dialect and
 * gives the fields of each record with its line number. It is deliberately lenient (a stray quote does
 * not throw): the sniffer compares how well candidates fit, and DuckDB does the strict reading.
 */

export interface DialectParts {
  delimiter: string;
  quote: string;
  escape: string;
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/**
 * `complete` says whether `text` is the whole file. When it is not, the last record may be cut short by
 * the end of the sample and is dropped. Blank lines are skipped, as DuckDB does.
 */
export function parseRecords(text: string, d: DialectParts, complete: boolean, maxRecords = Infinity): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n && records.length < maxRecords) {
    // Most lines have no quote character: split them directly (the sniffer reads tens of thousands).
    const lf = text.indexOf('\n', i);
    const end = lf < 0 ? n : lf;
    const body = text.slice(i, end > i && text[end - 1] === '\r' ? end - 1 : end);
    if ((d.quote === '' || !body.includes(d.quote)) && !body.includes('\r')) {
      if (lf < 0 && !complete) break;
      if (body !== '') records.push({ fields: body.split(d.delimiter), line });
      line++;
      i = end + 1;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    let field = '';
    let endedByBreak = false;
    let inQuotes = false;
    let fieldStart = true;
    while (i < n) {
      const c = text[i]!;
      if (inQuotes) {
        if (d.escape !== '' && d.escape !== d.quote && c === d.escape && text[i + 1] === d.quote) {
          field += d.quote;
          i += 2;
        } else if (c === d.quote) {
          if (d.escape === d.quote && text[i + 1] === d.quote) {
            field += d.quote;
            i += 2;
          } else {
            inQuotes = false;
            i++;
          }
        } else {
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          field += c;
          i++;
        }
        continue;
      }
      if (c === d.delimiter) {
        fields.push(field);
        field = '';
        fieldStart = true;
        i++;
        continue;
      }
      if (c === '\n' || c === '\r') {
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        endedByBreak = true;
        break;
      }
      if (fieldStart && d.quote !== '' && c === d.quote) {
        inQuotes = true;
        fieldStart = false;
        i++;
        continue;
      }
      fieldStart = false;
      field += c;
      i++;
    }
    fields.push(field);
    const cutShort = !complete && (!endedByBreak || inQuotes);
    if (cutShort) break;
    if (fields.length === 1 && fields[0] === '') continue;
    records.push({ fields, line: start });
  }
  return records;
}
