import { describe, expect, it } from 'vitest';

import { MAX_NAME_BYTES, sanitizeFilename } from './sanitize-filename.js';

describe('sanitizeFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system32\\cmd.exe', 'cmd.exe'],
    ['/absolute/path/report.pdf', 'report.pdf'],
    ['..', 'file'],
    ['', 'file'],
    ['   ', 'file'],
    ['.bashrc', 'bashrc'],
    ['name.', 'name'],
    ['a\u0000b\nc\td.txt', 'a_b_c_d.txt'],
    ['evil\u202Egpj.exe', 'evil_gpj.exe'],
    ['what?<are>:"these"|*.txt', 'what__are___these___.txt'],
    ['Grüße 报告.docx', 'Grüße 报告.docx'],
  ])('%j becomes %j', (raw, safe) => {
    expect(sanitizeFilename(raw)).toBe(safe);
  });

  it('cuts huge names to 255 UTF-8 bytes and keeps the extension', () => {
    const name = sanitizeFilename(`${'報'.repeat(1000)}.pdf`);
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name.startsWith('報報')).toBe(true);
    expect(sanitizeFilename('x'.repeat(100_000))).toHaveLength(MAX_NAME_BYTES);
  });
});
