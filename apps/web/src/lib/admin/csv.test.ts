import { describe, expect, it } from 'vitest';

import { parseCsv, parseCsvRecords } from './csv';

describe('CSV reader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsvRecords('a,"b,c"\n1,"say ""hi"""\n"two\nlines",x')).toEqual([
      ['a', 'b,c'],
      ['1', 'say "hi"'],
      ['two\nlines', 'x'],
    ]);
  });

  it('accepts CRLF, a byte-order mark, empty fields and a missing final newline', () => {
    expect(parseCsvRecords('\uFEFFlogin,name\r\nbob,\r\n,Carol')).toEqual([
      ['login', 'name'],
      ['bob', ''],
      ['', 'Carol'],
    ]);
  });

  it('drops blank lines and splits off the trimmed header', () => {
    expect(parseCsv(' login , name \n\nbob,Bob\n\n')).toEqual({
      header: ['login', 'name'],
      rows: [['bob', 'Bob']],
    });
    expect(parseCsv('')).toEqual({ header: [], rows: [] });
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsvRecords('a"b,c')).toEqual([['a"b', 'c']]);
  });
});
