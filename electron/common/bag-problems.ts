import type { BagProblemKind, BagProblemReason, BagProblemTexts } from './bag-problem-codes';
import { BAG_PROBLEM_TEXT_EN } from './bag-problem-text-en';
import { BAG_PROBLEM_TEXT_ZH_CN } from './bag-problem-text-zh-cn';
import type { RecordLanguage } from './record-language';

/** Each kind in words, per language; typed over every kind, so none lacks words in either. */
export const BAG_PROBLEM_KINDS: Readonly<Record<RecordLanguage, Readonly<Record<BagProblemKind, string>>>> = {
  en: {
    changed: 'changed',
    missing: 'missing',
    unexpected: 'added',
    malformed: 'damaged',
    'oxum-mismatch': 'size differs',
    'signature-invalid': 'not as signed',
  },
  'zh-CN': {
    changed: '已改动',
    missing: '缺失',
    unexpected: '多出',
    malformed: '已损坏',
    'oxum-mismatch': '大小不符',
    'signature-invalid': '与签名不符',
  },
};

/** Every reason's words, per language: typed over every reason, so none lacks words in either. */
export const BAG_PROBLEM_TEXT: Readonly<Record<RecordLanguage, BagProblemTexts>> = {
  en: BAG_PROBLEM_TEXT_EN,
  'zh-CN': BAG_PROBLEM_TEXT_ZH_CN,
};

/** A problem's kind in a language; an unknown kind (from a newer Locket) reads as itself. */
export function bagProblemKindText(lang: RecordLanguage, kind: string): string {
  const kinds = BAG_PROBLEM_KINDS[lang] as Record<string, string>;
  return Object.hasOwn(kinds, kind) ? kinds[kind]! : kind;
}

/**
 * A problem's detail in a language. In English, the detail the core wrote (the same words, from the English table);
 * in Chinese its reason's words from its values. A problem whose reason this Locket does not know (a newer one
 * wrote it) keeps the detail as written.
 */
export function bagProblemDetail(
  lang: RecordLanguage,
  p: { reason?: string; values?: readonly string[]; detail: string },
): string {
  if (lang === 'en' || !p.reason || !Object.hasOwn(BAG_PROBLEM_TEXT[lang], p.reason)) return p.detail;
  const words = BAG_PROBLEM_TEXT[lang][p.reason as BagProblemReason] as (...values: string[]) => string;
  return words(...(p.values ?? []));
}
