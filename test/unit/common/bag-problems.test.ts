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

/**
 * The English each reason says with the samples above: the words `locket verify` printed before reasons had codes
 * (compared with 0.2.0's output on every hostile archive, limit and damaged folder, and with its source for the
 * rest), so scripts matching them keep working; a change shows here.
 */
const ENGLISH: Record<BagProblemReason, string> = {
  'listed-not-in-bag': 'listed in the manifest but not in the bag',
  'sha256-differs': 'its SHA-256 does not match the manifest',
  'sha512-differs': 'its SHA-512 does not match the manifest',
  'added-to-data': 'in data/ but in no manifest (added after the bag was made)',
  'added-by-file-browser':
    'in data/ but in no manifest (added after the bag was made); a file browser or archiver (Finder, Explorer) adds such files: send the bag without it',
  'not-in-bag-as-made': 'not part of the bag as it was made',
  'payload-size-differs': 'Payload-Oxum records 100 bytes in 2 files; the data folder holds 120 bytes in 3 files',
  'signing-key-missing': 'the signing key is part of every Locket bag',
  'signing-key-malformed': 'it does not hold an Ed25519 public key',
  'key-not-named': 'this is not the key bag-info.txt names',
  'signature-missing': 'the signature over 标签清单二.txt',
  'signature-malformed': 'a signature file holds one line of base64 and nothing else',
  'signature-differs':
    'it does not match its signature in 签名/清单.sig: one of the two was changed, or they were signed by another key',
  'bagit-missing': 'every bag has one; is this the bag’s top folder?',
  'bagit-no-version': 'it does not declare a BagIt version',
  'payload-manifest-missing': 'a Locket bag has both payload manifests',
  'tag-manifest-missing': 'a Locket bag has both tag manifests',
  'manifest-too-large': 'too large to be a manifest',
  'manifest-line-malformed': 'a line is not "digest path" of a payload file: "某行"',
  'provenance-too-large': 'too large to be the provenance Locket writes',
  'provenance-not-json': 'it is not JSON',
  'provenance-wrong-schema': 'it is not provenance of the schema 来源-1',
  'provenance-other-bag': 'it describes another bag ("另一个", not 这一个)',
  'folder-too-many-files': 'it holds more than 200000 files; Locket verifies bags of up to 200000',
  'not-regular-file': 'not a regular file (a link or a device), which a bag never holds',
  'several-bags': 'the archive holds 2 bags (甲, 乙); verify each on its own',
  'outside-bag-folder': 'in the archive but outside the bag’s folder 证据',
  'too-many-entries': 'it holds 200001 entries; Locket verifies archives of up to 200000',
  'directory-too-large': 'its central directory takes 128.0 MiB; Locket reads directories of up to 128 MiB',
  'archive-too-large': 'its entries declare 64.0 GiB in all; Locket verifies archives of up to 64 GiB',
  'bytes-before-end-record': 'there are bytes between its central directory and its end record',
  'directory-overlaps-end-record': 'its central directory overlaps its end record',
  'directory-extra-entries': 'its central directory holds more than the entries its end record counts',
  'directory-missing-entries': 'its central directory holds fewer entries than its end record says',
  'directory-entry-overruns': 'an entry of its central directory runs past the directory’s end',
  'no-end-record': 'it has no end of central directory record: the archive is cut short or damaged',
  'second-end-record':
    'its comment holds a second end of central directory record, so tools can disagree on which entries it holds',
  'split-archive': 'it is one part of an archive split over several disks',
  'zip64-end-misplaced': 'its ZIP64 end record is not where its locator says',
  'end-records-disagree': 'its end record and its ZIP64 end record disagree on where the central directory is',
  'archive-ends-early': 'the archive ends 1024 bytes early, inside a structure it promises',
  'zip64-value-too-large': 'a ZIP64 size or offset is too large to be real',
  'extra-fields-damaged': 'its extra fields in the central directory are damaged',
  'zip64-field-missing': 'its central directory entry says its sizes are in a ZIP64 field that is missing or short',
  'name-not-utf8': 'its name is not UTF-8, so tools on different systems extract it under different names',
  'name-nul': 'its name holds a NUL character, which cuts it short in some tools',
  'name-control-characters': 'its name holds control characters, which a bag’s names never do',
  'name-backslash': 'its name holds a backslash, which Windows tools read as a folder separator',
  'name-absolute': 'its name is an absolute path, which extracts outside the folder it is unzipped in',
  'name-climbs-out': 'its name climbs out of the archive with `..`',
  'name-empty-folder': 'its name has an empty or `.` folder, which tools resolve differently',
  'unicode-path-differs':
    'its Unicode path field names another file than its name does, and unzip tools extract it under that one',
  'entry-on-other-disk': 'its data is on another disk of a split archive',
  'entry-encrypted': 'it is encrypted: a bag is never encrypted, and its content cannot be checked',
  'entry-unknown-flags': 'it uses zip features (flags 0x0010) that Locket does not read',
  'entry-unknown-method': "it is compressed with method 12; a bag's entries are stored or deflated",
  'stored-sizes-differ': 'it is stored uncompressed, yet its two sizes differ',
  'folder-holds-data': 'it is a folder entry that holds data',
  'entry-link-or-device': 'it is a link or a device, which a bag never holds',
  'duplicate-name': 'the archive holds two entries of this name: unzip tools extract one over the other',
  'case-duplicate-name': 'it and 证据/记录.html are the same file on Windows and macOS',
  'file-where-folder-is': 'it is a file, and other entries put files inside a folder of the same name',
  'entry-too-large': 'it declares 2 GiB; Locket verifies entries of up to 1000 bytes',
  'zip-bomb': 'it declares 2 GiB from 2 MiB of compressed data, more than 200 times larger: a zip bomb, not a bag',
  'entry-overlaps': 'its data overlaps 证据/信息.txt: two entries that share bytes are how zip bombs multiply',
  'no-local-header': 'the central directory points at no local header for it',
  'local-name-differs':
    'its local header names it "证据/记录.csx": tools that read the archive differently see different files',
  'local-flags-differ':
    'its local header has other flags (0x800, the directory says 0x0): tools that read the archive differently see different files',
  'local-method-differs':
    'its local header says compression method 0, the directory 8: tools that read the archive differently see different files',
  'local-crc-differs':
    'its local header has another CRC than the central directory: tools that read the archive differently see different files',
  'local-compressed-size-differs':
    'its local header says 1417 compressed bytes, the central directory 1418: tools that read the archive differently see different files',
  'local-size-differs':
    'its local header says 4791 bytes, the central directory 4790: tools that read the archive differently see different files',
  'data-runs-into-directory': 'its data runs into the central directory',
  'descriptor-differs': 'the data descriptor after its data disagrees with the central directory (CRC or sizes)',
  'unlisted-local-entry':
    'a local entry the central directory does not list (after 证据/记录.html): unzip tools do not show it, readers that stream the archive do',
  'bytes-before-first-entry': '210 bytes before the first entry (证据/信息.txt) belong to no entry',
  'bytes-between-entries': '1080 bytes between 证据/语音.wav and 证据/记录.csv belong to no entry',
  'bytes-before-directory': '1080 bytes between 证据/语音.wav and the central directory belong to no entry',
  'local-header-unreadable': 'its local header cannot be read',
  'expands-beyond-size': 'it expands beyond the 4790 bytes the central directory declares',
  'inflate-failed': 'its data cannot be inflated (invalid block type)',
  'deflate-ends-early': 'its deflate stream ends 12 bytes before the data the directory declares',
  'size-differs-from-directory': 'it holds 4789 bytes; the central directory declares 4790',
  'crc-differs': 'its data does not match the CRC the archive records: unzip tools report it as damaged',
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

  it('say each reason in English as before', () => {
    for (const reason of REASONS)
      expect(bagProblemTextEn(reason, ...(SAMPLES[reason] as never[])), reason).toBe(ENGLISH[reason]);
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
