import { describe, expect, it } from 'vitest';

import { CsvSyntaxError, parseCsv } from './csv.js';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('splits records on CRLF and LF and fields on commas', () => {
    expect(fields('a,b\r\nc,d\ne,f')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const records = parseCsv('name,note\r\n"Lee, Ann","said ""hi""\r\ntwice"\r\nbob,""\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Lee, Ann', 'said "hi"\r\ntwice'] },
      { line: 4, fields: ['bob', ''] },
    ]);
  });

  it('drops a UTF-8 BOM and skips blank lines, counting them in line numbers', () => {
    expect(parseCsv('\uFEFFlogin\r\n\r\nann\n')).toEqual([
      { line: 1, fields: ['login'] },
      { line: 3, fields: ['ann'] },
    ]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(fields('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('reports an unclosed quote and stray quotes with their line', () => {
    expect(() => parseCsv('a\n"open,b\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"open,b\n')).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseCsv('a\nx"y\n')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('"a"b\n')).toThrow(/line 1: text after a closing quote/);
  });
});
