import { describe, expect, it } from 'vitest';
import { limitBytes, sanitizeFileName, utf8ByteLength } from '../../../electron/common/file-name';

describe('file names from backups', () => {
  it.each([
    ['../../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\win.ini', 'win.ini'],
    ['/absolute/报告 2024.pdf', '报告 2024.pdf'],
    ['C:\\Users\\me\\合同.docx', '合同.docx'],
    ['..', 'file'],
    ['.hidden', 'hidden'],
    ['a..b...c.txt', 'a.b.c.txt'],
    ['\u0000evil\u0007name.txt', 'evilname.txt'],
    ['invoice\u202Etxt.exe', 'invoicetxt.exe'],
    ['CON.txt', '_CON.txt'],
    ['what?.txt', 'what_.txt'],
    ['100%.txt', '100_.txt'],
    ['trailing dots...', 'trailing dots'],
    ['   ', 'file'],
  ])('%j becomes %j', (input, expected) => {
    const name = sanitizeFileName(input);
    expect(name).toBe(expected);
    expect(name).not.toMatch(/[/\\]/);
    expect(name).not.toContain('..');
  });

  it('cuts long names to 120 UTF-8 bytes on a character boundary and keeps the extension', () => {
    const name = sanitizeFileName(`${'很长的文件名😀'.repeat(20)}.pdf`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(120);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name).not.toContain('\ufffd');
    expect(limitBytes('abcdef', 3)).toBe('abc');
  });

  it('counts UTF-8 bytes as Buffer does, a lone surrogate as the replacement character', () => {
    for (const text of ['', 'abc', 'é', '报告', '😀', 'a\ud800b', '\udfff', `x${'很长😀'.repeat(9)}.pdf`])
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text));
  });
});
