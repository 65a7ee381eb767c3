import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SIGNATURE_PROBLEM_TEXT,
  signatureProblemText,
  signatureProblemTextEn,
  type SignatureProblemReason,
  type SignatureProblemValues,
} from '../../../electron/common/bag-signature-problems';
import { untranslatedWords } from '../../helpers/untranslated-words';

/**
 * Values for every code as the check fills them, each code with every shape of values it takes. Typed over every
 * code: a code added without samples here does not compile.
 */
const SAMPLES: { [R in SignatureProblemReason]: SignatureProblemValues[R][] } = {
  'file-problem': [
    ['signature/signing-key.txt', 'signing-key-missing'],
    ['tagmanifest-sha512.txt', 'signature-differs', 'signature/tagmanifest-sha512.txt.sig'],
    ['signature/tagmanifest-sha256.txt.sig', 'signature-missing', 'tagmanifest-sha256.txt'],
  ],
  'not-checked': [['data/media/bomb.bin', 'zip-bomb', '2147483648', '2097152', '200'], []],
  'no-valid-signature': [[]],
};

/** What `signature.problem` said with the samples above before it had a code, word for word. */
const ENGLISH: { [R in SignatureProblemReason]: string[] } = {
  'file-problem': [
    'signature/signing-key.txt: the signing key is part of every Locket bag',
    'tagmanifest-sha512.txt: it does not match its signature in signature/tagmanifest-sha512.txt.sig: one of the two was changed, or they were signed by another key',
    'signature/tagmanifest-sha256.txt.sig: the signature over tagmanifest-sha256.txt',
  ],
  'not-checked': [
    'not checked: data/media/bomb.bin: it declares 2 GiB from 2 MiB of compressed data, more than 200 times larger: a zip bomb, not a bag',
    'not checked: the bag cannot be read',
  ],
  'no-valid-signature': ['The bag has no valid signature.'],
};

const REASONS = Object.keys(SAMPLES) as SignatureProblemReason[];
const each = REASONS.flatMap((reason) =>
  SAMPLES[reason].map((values, i) => ({ reason, values: values as string[], english: ENGLISH[reason][i]! })),
);

function zh(reason: SignatureProblemReason, values: readonly string[]): string | null {
  return signatureProblemText('zh-CN', { problem: 'as the core wrote it', reason, values: [...values] });
}

/** The words a bag's signature problem is said with (electron/common/bag-signature-problems.ts). */
describe('signature problems', () => {
  it('have words for every code in both languages, and for no code that does not exist', () => {
    for (const lang of ['en', 'zh-CN'] as const)
      expect(Object.keys(SIGNATURE_PROBLEM_TEXT[lang]).sort()).toEqual([...REASONS].sort());
  });

  it.each(each)('say $reason in English as signature.problem did before codes', ({ reason, values, english }) => {
    expect((signatureProblemTextEn as (r: string, ...v: string[]) => string)(reason, ...values)).toBe(english);
    // English is the problem the core wrote.
    expect(signatureProblemText('en', { problem: english, reason, values })).toBe(english);
  });

  it.each(each)('say $reason in Chinese, with no English but names', ({ reason, values }) => {
    const words = zh(reason, values)!;
    expect(words).toMatch(/[\u4e00-\u9fff]/);
    expect(untranslatedWords(words, values.slice(0, 1)), words).toEqual([]);
  });

  it('say a file’s problem in Chinese with the file problems’ words', () => {
    expect(zh('file-problem', ['signature/signing-key.txt', 'signing-key-missing'])).toBe(
      'signature/signing-key.txt：每个 Locket 证据包都含签名密钥',
    );
    expect(zh('not-checked', SAMPLES['not-checked'][0]!)).toBe(
      '未检查（data/media/bomb.bin：它由 2 MiB 的压缩数据声明出 2 GiB，膨胀超过 200 倍：这是压缩炸弹，不是证据包）',
    );
    expect(zh('not-checked', [])).toBe('未检查（无法读取证据包）');
    expect(zh('no-valid-signature', [])).toBe('没有有效的签名');
  });

  it('keep the problem as written for a code, or a file problem, a newer Locket wrote; and none for a valid one', () => {
    expect(zh('from-a-newer-locket' as SignatureProblemReason, [])).toBe('as the core wrote it');
    expect(zh('file-problem', ['data/a.txt', 'from-a-newer-locket'])).toBe('as the core wrote it');
    expect(zh('file-problem', [])).toBe('as the core wrote it');
    expect(signatureProblemText('zh-CN', { problem: 'not checked' })).toBe('not checked');
    expect(signatureProblemText('zh-CN', { problem: null, reason: null })).toBeNull();
  });

  it('are all listed in docs/evidence-bags.md, where scripts look them up', () => {
    const docs = readFileSync(new URL('../../../docs/evidence-bags.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## What `locket verify` reports'));
    expect(REASONS.filter((reason) => !section.includes(`\`${reason}\``))).toEqual([]);
  });
});
