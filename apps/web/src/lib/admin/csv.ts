/**
 * A small RFC 4180 CSV reader for the import screen's local preview: quoted fields with commas,
 * doubled quotes and line breaks, CRLF or LF, a UTF-8 byte-order mark. The server parses the
 * file again for its dry run and is the judge of what is valid; this only shows the rows.
 */

/** A parsed file: the header row and the data rows (blank lines dropped). */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * Splits CSV text into records of fields.
 *
 * @example
 * parseCsvRecords('a,"b,c"\n1,"say ""hi"""'); // [['a', 'b,c'], ['1', 'say "hi"']]
 */
export function parseCsvRecords(text: string): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < source.length) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') endRecord();
    else if (ch === '\r') {
      if (source[i + 1] !== '\n') endRecord();
    } else field += ch;
    i += 1;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records.filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
}

/**
 * The header (trimmed) and the data rows of a CSV file.
 *
 * @example
 * parseCsv('login,name\nbob,Bob').rows; // [['bob', 'Bob']]
 */
export function parseCsv(text: string): CsvTable {
  const [header = [], ...rows] = parseCsvRecords(text);
  return { header: header.map((h) => h.trim()), rows };
}
