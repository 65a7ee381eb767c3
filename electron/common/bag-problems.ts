import type { RecordLanguage } from './record-language';

/** What is wrong with a file of a bag (`BagProblem.problem`), a stable code `locket verify --json` prints. */
export type BagProblemKind = 'changed' | 'missing' | 'unexpected' | 'malformed' | 'oxum-mismatch' | 'signature-invalid';

/**
 * Why, for the problems a tampered bag shows most (a file changed, removed or added, the signature broken), as a
 * stable code beside the English `detail`, so `locket verify --lang` can say it in the reader's language. Problems
 * of damaged archives and manifests keep their English detail only.
 */
export type BagProblemReason =
  | 'listed-not-in-bag'
  | 'sha256-differs'
  | 'sha512-differs'
  | 'added-to-data'
  | 'added-by-file-browser'
  | 'not-in-bag-as-made'
  /** `values`: the Payload-Oxum bag-info.txt records and the one the data folder has (`bytes.files`). */
  | 'payload-size-differs'
  | 'signing-key-missing'
  | 'signing-key-malformed'
  | 'key-not-named'
  | 'signature-missing'
  | 'signature-malformed'
  | 'signature-differs';

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

/** Each reason in Chinese. In English the core's `detail` is the reason's words (it names the file it compares). */
const REASONS_ZH: Readonly<Record<BagProblemReason, string | ((values: readonly string[]) => string)>> = {
  'listed-not-in-bag': '清单中列出，但证据包中没有',
  'sha256-differs': '其 SHA-256 与清单不符',
  'sha512-differs': '其 SHA-512 与清单不符',
  'added-to-data': '在 data/ 中却不在任何清单里（证据包制作后添加）',
  'added-by-file-browser':
    '不在任何清单里；文件管理器或压缩工具（访达、资源管理器）会添加这类文件：请发送不含它的证据包',
  'not-in-bag-as-made': '不属于制作时的证据包',
  'payload-size-differs': ([recorded, actual]) =>
    `Payload-Oxum 记录的是${oxumZh(recorded)}；data/ 文件夹中有${oxumZh(actual)}`,
  'signing-key-missing': '每个 Locket 证据包都含签名密钥',
  'signing-key-malformed': '其中没有 Ed25519 公钥',
  'key-not-named': '这不是 bag-info.txt 写明的密钥',
  'signature-missing': '标签清单的签名',
  'signature-malformed': '签名文件只应有一行 base64',
  'signature-differs': '与其签名不符：两者之一已被改动，或由另一把密钥签名',
};

/** A problem's kind in a language; an unknown kind (from a newer Locket) reads as itself. */
export function bagProblemKindText(lang: RecordLanguage, kind: string): string {
  const kinds = BAG_PROBLEM_KINDS[lang] as Record<string, string>;
  return Object.hasOwn(kinds, kind) ? kinds[kind]! : kind;
}

/** `bytes.files` as words: " 9 个文件共 37551 字节". */
function oxumZh(oxum: string | undefined): string {
  const match = /^(\d+)\.(\d+)$/.exec(oxum?.trim() ?? '');
  return match ? ` ${match[2]} 个文件共 ${match[1]} 字节` : ` ${JSON.stringify(oxum ?? '')}`;
}

/** A problem's detail in a language: in Chinese its reason's words when it has one, else the detail as written. */
export function bagProblemDetail(
  lang: RecordLanguage,
  p: { reason?: BagProblemReason; values?: readonly string[]; detail: string },
): string {
  if (lang !== 'zh-CN' || !p.reason) return p.detail;
  const words = REASONS_ZH[p.reason];
  return typeof words === 'string' ? words : words(p.values ?? []);
}
