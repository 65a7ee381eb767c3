import type { RecordLanguage } from './record-language';

/**
 * What checking a wipe certificate can find wrong, as stable codes: `certificates.verify` returns one (and the CLI's
 * `--json` prints it), and people read it in their language from the table below, the same words in the CLI's
 * `verify-certificate --lang` and in the app's re-verify.
 */
export const CERTIFICATE_PROBLEMS = [
  /** The file is not JSON. */
  'not-json',
  /** JSON, but not a Locket wipe certificate (no body, no signature, no key). */
  'not-a-certificate',
  /** The fingerprint written in the body is not that of the key beside it: an edited field. */
  'fingerprint-mismatch',
  /** The signature does not cover the body as it is: a field was changed, or another key signed. */
  'signature-mismatch',
  /** Valid, but signed by another key than the one expected (`--expect-key`). */
  'other-key',
] as const;

export type CertificateProblem = (typeof CERTIFICATE_PROBLEMS)[number];

/** Each problem in words, per language; typed over every code, so a code without words in both does not compile. */
export const CERTIFICATE_PROBLEM_TEXT: Readonly<Record<RecordLanguage, Readonly<Record<CertificateProblem, string>>>> =
  {
    en: {
      'not-json': 'This is not a certificate file (it is not JSON).',
      'not-a-certificate': 'This is not a Locket wipe certificate.',
      'fingerprint-mismatch': 'The fingerprint written in the certificate does not match its key.',
      'signature-mismatch': 'The signature does not match: the certificate was altered or not signed by this key.',
      'other-key': 'The certificate is as signed, but NOT by the expected key: do not rely on it.',
    },
    'zh-CN': {
      'not-json': '这不是证书文件（不是 JSON）。',
      'not-a-certificate': '这不是 Locket 清除证书。',
      'fingerprint-mismatch': '证书中写明的指纹与其密钥不符。',
      'signature-mismatch': '签名不符：证书已被改动，或并非由这把密钥签名。',
      'other-key': '证书与签名时一致，但并非由预期的密钥签名：请勿信赖。',
    },
  };

/** A problem's words in a language; an unknown code (from a newer Locket) reads as itself. */
export function certificateProblemText(lang: RecordLanguage, problem: string): string {
  const table = CERTIFICATE_PROBLEM_TEXT[lang] as Record<string, string>;
  return Object.hasOwn(table, problem) ? table[problem]! : problem;
}
