import type { BagProblemReason } from './bag-problem-codes';
import { BAG_PROBLEM_TEXT } from './bag-problems';
import type { RecordLanguage } from './record-language';

/**
 * Why a bag's signature is not valid (`BagVerification.signature.reason`), as a stable code, with the values its
 * words name (`signature.values`). The signature's problem is most often a file's problem (the key, a signature, a
 * tag manifest): its values are then that problem's file, reason and values, so that it is said in the reader's
 * language with the file problems' tables. A code never changes meaning once released: scripts read them.
 */
export interface SignatureProblemValues {
  /** A file stops the signature holding: its path, and its problem's reason and values (bag-problem-codes.ts). */
  'file-problem': [file: string, reason: string, ...values: string[]];
  /**
   * The bag could not be read far enough to check the signature (a zip bomb, a damaged central directory): the first
   * problem's path, reason and values, as for `file-problem`; none when no problem names what stopped it.
   */
  'not-checked': [] | [file: string, reason: string, ...values: string[]];
  /** No problem names why (a bag Locket cannot make): the signature is simply not valid. */
  'no-valid-signature': [];
}

export type SignatureProblemReason = keyof SignatureProblemValues;

/** A reason's words: `file` and `problem` (that file's problem in the same language) come from its values. */
interface SignatureProblemTexts {
  readonly 'file-problem': (file: string, problem: string) => string;
  readonly 'not-checked': (file?: string, problem?: string) => string;
  readonly 'no-valid-signature': () => string;
}

/**
 * Each reason in words, per language; typed over every reason, so none lacks words in either. The English is what
 * `signature.problem` said before the reasons had codes, word for word (scripts may match it).
 */
export const SIGNATURE_PROBLEM_TEXT: Readonly<Record<RecordLanguage, SignatureProblemTexts>> = {
  en: {
    'file-problem': (file, problem) => `${file}: ${problem}`,
    'not-checked': (file, problem) =>
      file === undefined ? 'not checked: the bag cannot be read' : `not checked: ${file}: ${problem}`,
    'no-valid-signature': () => 'The bag has no valid signature.',
  },
  'zh-CN': {
    'file-problem': (file, problem) => `${file}：${problem}`,
    'not-checked': (file, problem) =>
      file === undefined ? '未检查（无法读取证据包）' : `未检查（${file}：${problem}）`,
    'no-valid-signature': () => '没有有效的签名',
  },
};

/** A file problem's words in a language from its reason and values; null for a reason this Locket does not know. */
function fileProblemText(lang: RecordLanguage, reason: string | undefined, values: readonly string[]): string | null {
  if (reason === undefined || !Object.hasOwn(BAG_PROBLEM_TEXT[lang], reason)) return null;
  return (BAG_PROBLEM_TEXT[lang][reason as BagProblemReason] as (...v: readonly string[]) => string)(...values);
}

/**
 * A reason's words from its values; null when they name a file problem this Locket cannot say (a newer Locket wrote
 * it) or lack the file a reason needs.
 */
function signatureWords(
  lang: RecordLanguage,
  reason: SignatureProblemReason,
  values: readonly string[],
): string | null {
  const words = SIGNATURE_PROBLEM_TEXT[lang];
  const [file, fileReason, ...fileValues] = values;
  if (reason === 'no-valid-signature') return words[reason]();
  if (file === undefined) return reason === 'not-checked' ? words[reason]() : null;
  const problem = fileProblemText(lang, fileReason, fileValues);
  return problem === null ? null : words[reason](file, problem);
}

/** A signature problem's English words from its code and values: what the core writes as `signature.problem`. */
export function signatureProblemTextEn<R extends SignatureProblemReason>(
  reason: R,
  ...values: SignatureProblemValues[R]
): string {
  return signatureWords('en', reason, values) ?? SIGNATURE_PROBLEM_TEXT.en['no-valid-signature']();
}

/**
 * Why the signature is not valid, in a language. In English, the problem the core wrote (the same words, from the
 * English table); in Chinese, its reason's words from its values, or, when it has none this Locket can say (a newer
 * Locket wrote it), `problem` as written. Null when the signature has no problem.
 */
export function signatureProblemText(
  lang: RecordLanguage,
  signature: { problem: string | null; reason?: string | null; values?: readonly string[] },
): string | null {
  const { reason, values = [] } = signature;
  if (lang === 'en') return signature.problem;
  const words =
    reason != null && Object.hasOwn(SIGNATURE_PROBLEM_TEXT[lang], reason)
      ? signatureWords(lang, reason as SignatureProblemReason, values)
      : null;
  return words ?? signature.problem;
}
