import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BagProblemReason, BagProblemValues } from '../../../electron/common/bag-problem-codes';
import { bagProblemTextEn } from '../../../electron/common/bag-problem-text-en';
import {
  BAG_PROBLEM_KINDS,
  BAG_PROBLEM_TEXT,
  bagProblemDetail,
  bagProblemKindText,
} from '../../../electron/common/bag-problems';
import { untranslatedWords } from '../../helpers/untranslated-words';

/**
 * Values for every reason, as the checks fill them: names in Chinese (so a name left in the words is not taken for
 * English), numbers large enough to be grouped, and zlib's English message (which the Chinese must not repeat).
 */
const SAMPLES: { [R in BagProblemReason]: BagProblemValues[R] } = {
  'listed-not-in-bag': [],
  'sha256-differs': [],
  'sha512-differs': [],
  'added-to-data': [],
  'added-by-file-browser': ['added-to-data'],
  'not-in-bag-as-made': [],
  'payload-size-differs': ['100.2', '120.3'],
  'signing-key-missing': [],
  'signing-key-malformed': [],
  'key-not-named': [],
  'signature-missing': ['标签清单二.txt'],
  'signature-malformed': [],
  'signature-differs': ['签名/清单.sig'],
  'bagit-missing': [],
  'bagit-no-version': [],
  'payload-manifest-missing': [],
  'tag-manifest-missing': [],
  'manifest-too-large': [],
  'manifest-line-malformed': ['payload', '"某行"'],
  'provenance-too-large': [],
  'provenance-not-json': [],
  'provenance-wrong-schema': ['来源-1'],
  'provenance-other-bag': ['"另一个"', '这一个'],
  'folder-too-many-files': ['200000'],
  'not-regular-file': [],
  'several-bags': ['2', '甲, 乙'],
  'outside-bag-folder': ['证据'],
  'too-many-entries': ['200001', '200000'],
  'directory-too-large': ['134217729', '134217728'],
  'archive-too-large': ['68719476737', '68719476736'],
  'bytes-before-end-record': [],
  'directory-overlaps-end-record': [],
  'directory-extra-entries': [],
  'directory-missing-entries': [],
  'directory-entry-overruns': [],
  'no-end-record': [],
  'second-end-record': [],
  'split-archive': [],
  'zip64-end-misplaced': [],
  'end-records-disagree': [],
  'archive-ends-early': ['1024'],
  'zip64-value-too-large': [],
  'extra-fields-damaged': [],
  'zip64-field-missing': [],
  'name-not-utf8': [],
  'name-nul': [],
  'name-control-characters': [],
  'name-backslash': [],
  'name-absolute': [],
  'name-climbs-out': [],
  'name-empty-folder': [],
  'unicode-path-differs': [],
  'entry-on-other-disk': [],
  'entry-encrypted': [],
  'entry-unknown-flags': ['0010'],
  'entry-unknown-method': ['12'],
  'stored-sizes-differ': [],
  'folder-holds-data': [],
  'entry-link-or-device': [],
  'duplicate-name': [],
  'case-duplicate-name': ['证据/记录.html'],
  'file-where-folder-is': [],
  'entry-too-large': ['2147483648', '1000'],
  'zip-bomb': ['2147483648', '2097152', '200'],
  'entry-overlaps': ['证据/信息.txt'],
  'no-local-header': [],
  'local-name-differs': ['"证据/记录.csx"'],
  'local-flags-differ': ['800', '0'],
  'local-method-differs': ['0', '8'],
  'local-crc-differs': [],
  'local-compressed-size-differs': ['1417', '1418'],
  'local-size-differs': ['4791', '4790'],
  'data-runs-into-directory': [],
  'descriptor-differs': [],
  'unlisted-local-entry': ['证据/记录.html'],
  'bytes-before-first-entry': ['210', '证据/信息.txt'],
  'bytes-between-entries': ['1080', '证据/语音.wav', '证据/记录.csv'],
  'bytes-before-directory': ['1080', '证据/语音.wav'],
  'local-header-unreadable': [],
  'expands-beyond-size': ['4790'],
  'inflate-failed': ['invalid block type'],
  'deflate-ends-early': ['12'],
  'size-differs-from-directory': ['4789', '4790'],
  'crc-differs': [],
};

const REASONS = Object.keys(SAMPLES) as BagProblemReason[];

function zh(reason: BagProblemReason, values: readonly string[] = SAMPLES[reason]): string {
  return bagProblemDetail('zh-CN', { reason, values, detail: bagProblemTextEn(reason, ...(values as never[])) });
}

/** The words `locket verify --lang` says a bag's problems with (electron/common/bag-problem-*.ts). */
describe('bag problems', () => {
  it('name every kind in both languages; an unknown kind reads as itself', () => {
    expect(Object.keys(BAG_PROBLEM_KINDS['zh-CN'])).toEqual(Object.keys(BAG_PROBLEM_KINDS.en));
    expect(Object.values(BAG_PROBLEM_KINDS['zh-CN']).filter((w) => /[A-Za-z]/.test(w))).toEqual([]);
    expect(bagProblemKindText('zh-CN', 'changed')).toBe('已改动');
    expect(bagProblemKindText('zh-CN', 'from-a-newer-locket')).toBe('from-a-newer-locket');
  });

  it('have words for every reason in both languages, and for no reason that does not exist', () => {
    expect(REASONS.length).toBeGreaterThanOrEqual(80);
    for (const lang of ['en', 'zh-CN'] as const)
      expect(Object.keys(BAG_PROBLEM_TEXT[lang]).sort()).toEqual(REASONS.sort());
  });

  it('are all listed in docs/evidence-bags.md, where scripts look them up', () => {
    const docs = readFileSync(new URL('../../../docs/evidence-bags.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## What `locket verify` reports'));
    expect(REASONS.filter((reason) => !section.includes(`\`${reason}\``))).toEqual([]);
  });

  it.each(REASONS)('say %s in Chinese, with no English but names of files, formats and algorithms', (reason) => {
    const words = zh(reason);
    expect(words).toMatch(/[\u4e00-\u9fff]/);
    // The names the values give may stay as they are; zlib's English message may not.
    const names = reason === 'inflate-failed' ? [] : SAMPLES[reason];
    expect(untranslatedWords(words, names), words).toEqual([]);
    expect(words).not.toContain('undefined');
    // English is the core's detail: the English table's words, never the Chinese.
    const english = bagProblemTextEn(reason, ...(SAMPLES[reason] as never[]));
    expect(names.reduce<string>((said, name) => said.replaceAll(name, ''), english)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('group the digits of counts and sizes in Chinese, and say sizes in GiB and MiB as the English does', () => {
    expect(zh('too-many-entries')).toBe('压缩包有 200,001 个条目，超过上限：Locket 最多校验含 200,000 个条目的压缩包');
    expect(zh('zip-bomb')).toBe('它由 2 MiB 的压缩数据声明出 2 GiB，膨胀超过 200 倍：这是压缩炸弹，不是证据包');
    expect(zh('entry-too-large')).toBe('它声明的大小为 2 GiB，超过上限：Locket 最多校验 1,000 字节的条目');
    expect(bagProblemTextEn('entry-too-large', '2147483648', '1000')).toBe(
      'it declares 2 GiB; Locket verifies entries of up to 1000 bytes',
    );
    expect(zh('bytes-between-entries')).toBe('证据/语音.wav 与 证据/记录.csv 之间的 1,080 字节不属于任何条目');
  });

  it('say a reason in Chinese with its values; English keeps the detail the core wrote, as does an unknown reason', () => {
    const oxum = {
      reason: 'payload-size-differs' as const,
      values: ['100.2', '120.3'],
      detail: 'Payload-Oxum records …',
    };
    expect(bagProblemDetail('zh-CN', oxum)).toBe(
      'Payload-Oxum 记录的是 2 个文件共 100 字节；data/ 文件夹中有 3 个文件共 120 字节',
    );
    expect(bagProblemDetail('en', oxum)).toBe('Payload-Oxum records …');
    expect(bagProblemDetail('zh-CN', { reason: 'sha512-differs', detail: 'x' })).toBe('其 SHA-512 与清单不符');
    expect(bagProblemDetail('zh-CN', { reason: 'from-a-newer-locket', detail: 'its data is odd' })).toBe(
      'its data is odd',
    );
    expect(bagProblemDetail('zh-CN', { detail: 'its data overlaps another entry' })).toBe(
      'its data overlaps another entry',
    );
    // A problem written before a reason named values (signature-missing had none) still reads as it did.
    expect(bagProblemDetail('zh-CN', { reason: 'signature-missing', detail: 'the signature over …' })).toBe(
      '标签清单的签名',
    );
  });

  it('keep what was said of a file a file browser added, in English', () => {
    expect(bagProblemTextEn('added-by-file-browser', 'not-in-bag-as-made')).toBe(
      'not part of the bag as it was made; a file browser or archiver (Finder, Explorer) adds such files: send the bag without it',
    );
    expect(bagProblemTextEn('added-by-file-browser', 'outside-bag-folder', 'Bag')).toBe(
      'in the archive but outside the bag’s folder Bag; a file browser or archiver (Finder, Explorer) adds such files: send the bag without it',
    );
    expect(zh('added-by-file-browser', ['outside-bag-folder', 'Bag'])).toMatch(/^不在证据包的文件夹内；/);
  });
});
