import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_PROBLEMS,
  CERTIFICATE_PROBLEM_TEXT,
  certificateProblemText,
} from '../../../electron/common/certificate-problems';
import { RECORD_LANGUAGES } from '../../../electron/common/record-language';
import { verifyCertificate } from '../../../electron/core/retention/wipe-certificate';

/** The words of what a certificate check finds wrong (electron/common/certificate-problems.ts). */
describe('certificate problems', () => {
  it('have words in both languages for every code, the Chinese without English but for names', () => {
    for (const lang of RECORD_LANGUAGES)
      for (const code of CERTIFICATE_PROBLEMS) expect(CERTIFICATE_PROBLEM_TEXT[lang][code]?.trim(), code).toBeTruthy();
    const zh = Object.values(CERTIFICATE_PROBLEM_TEXT['zh-CN']).map((t) => t.replace(/JSON|Locket/g, ''));
    expect(zh.filter((t) => /[A-Za-z]/.test(t))).toEqual([]);
  });

  it('are what the core returns, by code, with the English words beside it; an unknown code reads as itself', async () => {
    expect(await verifyCertificate('nope')).toEqual({
      isValid: false,
      fingerprint: null,
      problemCode: 'not-json',
      problem: CERTIFICATE_PROBLEM_TEXT.en['not-json'],
    });
    expect((await verifyCertificate('{"body": null}')).problemCode).toBe('not-a-certificate');
    expect(certificateProblemText('zh-CN', 'not-json')).toBe('这不是证书文件（不是 JSON）。');
    expect(certificateProblemText('zh-CN', 'from-a-newer-locket')).toBe('from-a-newer-locket');
  });
});
