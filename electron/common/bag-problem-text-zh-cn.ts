import type { BagProblemTexts } from './bag-problem-codes';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** A count or a byte number with thousands separators: `200000` → `200,000`; anything else as it is. */
function count(value: string | undefined): string {
  return /^\d+$/.test(value ?? '') ? value!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : (value ?? '');
}

/** A size: `2 GiB`, `2.0 MiB`, `3,157 字节`, as the English says it but in Chinese units below a MiB. */
function bytes(value: string): string {
  const n = Number(value);
  if (n >= GiB) return `${(n / GiB).toFixed(n % GiB ? 1 : 0)} GiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(n % MiB ? 1 : 0)} MiB`;
  return `${count(value)} 字节`;
}

/** A size followed by Chinese words: a space after `GiB`, none after `字节` (`2 GiB 的`, `1,000 字节的`). */
function bytesThen(value: string): string {
  const size = bytes(value);
  return /[A-Za-z]$/.test(size) ? `${size} ` : size;
}

/** `bytes.files` as words: " 9 个文件共 37,551 字节". */
function oxum(value: string | undefined): string {
  const match = /^(\d+)\.(\d+)$/.exec(value?.trim() ?? '');
  return match ? ` ${count(match[2])} 个文件共 ${count(match[1])} 字节` : ` ${JSON.stringify(value ?? '')}`;
}

/** Said after how a local header differs from its directory entry. */
const SEEN_DIFFERENTLY = '：以不同方式读取压缩包的工具会看到不同的文件';
const FILE_BROWSER = '文件管理器或压缩工具（访达、资源管理器）会添加这类文件：请发送不含它的证据包';

/**
 * Each reason in Chinese. Terms as zip tools in Chinese name them: 压缩包 (archive), 条目 (entry), 中央目录 (central
 * directory), 中央目录结束记录 (end record), 本地文件头 (local header), 数据描述符 (data descriptor); a bag is 证据包 and
 * a manifest 清单. Only file names, algorithm and format names (SHA-256, Ed25519, ZIP64, CRC, deflate, UTF-8) and
 * the size units GiB and MiB stay in Latin letters.
 */
export const BAG_PROBLEM_TEXT_ZH_CN: BagProblemTexts = {
  'listed-not-in-bag': () => '清单中列出，但证据包中没有',
  'sha256-differs': () => '其 SHA-256 与清单不符',
  'sha512-differs': () => '其 SHA-512 与清单不符',
  'added-to-data': () => '在 data/ 中却不在任何清单里（证据包制作后添加）',
  'added-by-file-browser': (reason) =>
    reason === 'outside-bag-folder' ? `不在证据包的文件夹内；${FILE_BROWSER}` : `不在任何清单里；${FILE_BROWSER}`,
  'not-in-bag-as-made': () => '不属于制作时的证据包',
  'payload-size-differs': (recorded, actual) =>
    `Payload-Oxum 记录的是${oxum(recorded)}；data/ 文件夹中有${oxum(actual)}`,
  'signing-key-missing': () => '每个 Locket 证据包都含签名密钥',
  'signing-key-malformed': () => '其中没有 Ed25519 公钥',
  'key-not-named': () => '这不是 bag-info.txt 写明的密钥',
  'signature-missing': (manifest) => (manifest ? `${manifest} 的签名` : '标签清单的签名'),
  'signature-malformed': () => '签名文件只应有一行 base64',
  'signature-differs': () => '与其签名不符：两者之一已被改动，或由另一把密钥签名',

  'bagit-missing': () => '每个证据包都有这个文件；这是证据包的顶层文件夹吗？',
  'bagit-no-version': () => '其中没有声明 BagIt 版本',
  'payload-manifest-missing': () => 'Locket 证据包应有两份载荷清单',
  'tag-manifest-missing': () => 'Locket 证据包应有两份标签清单',
  'manifest-too-large': () => '文件过大，不可能是清单',
  'manifest-line-malformed': (manifest, line) =>
    `有一行不是${manifest === 'tag' ? '标签' : '载荷'}文件的“摘要 路径”：${line}`,
  'provenance-too-large': () => '文件过大，不可能是 Locket 写入的来源记录',
  'provenance-not-json': () => '其内容不是 JSON',
  'provenance-wrong-schema': (schema) => `其内容不是格式为 ${schema} 的来源记录`,
  'provenance-other-bag': (named, bagId) => `它描述的是另一个证据包（${named}，而非 ${bagId}）`,

  'folder-too-many-files': (limit) =>
    `其中的文件多于 ${count(limit)} 个，超过上限：Locket 最多校验含 ${count(limit)} 个文件的证据包`,
  'not-regular-file': () => '不是普通文件（而是链接或设备），证据包中从不会有这类文件',

  'several-bags': (n, folders) => `压缩包中有 ${count(n)} 个证据包（${folders}）：请逐个校验`,
  'outside-bag-folder': (folder) => `在压缩包中，但不在证据包的文件夹 ${folder} 内`,
  'too-many-entries': (entries, limit) =>
    `压缩包有 ${count(entries)} 个条目，超过上限：Locket 最多校验含 ${count(limit)} 个条目的压缩包`,
  'directory-too-large': (size, limit) =>
    `其中央目录占 ${bytes(size)}，超过上限：Locket 最多读取 ${bytesThen(limit)}的中央目录`,
  'archive-too-large': (size, limit) =>
    `各条目共声明 ${bytes(size)}，超过上限：Locket 最多校验共 ${bytesThen(limit)}的压缩包`,
  'bytes-before-end-record': () => '中央目录与中央目录结束记录之间夹有多余的字节',
  'directory-overlaps-end-record': () => '中央目录与中央目录结束记录相互重叠',
  'directory-extra-entries': () => '中央目录中的条目多于结束记录所记的数目',
  'directory-missing-entries': () => '中央目录中的条目少于结束记录所记的数目',
  'directory-entry-overruns': () => '中央目录中有一个条目超出了目录的末尾',
  'no-end-record': () => '压缩包没有中央目录结束记录：文件被截断或已损坏',
  'second-end-record': () => '压缩包注释中藏有第二个中央目录结束记录，不同工具对其中有哪些条目可能各执一词',
  'split-archive': () => '这只是分卷压缩包中的一卷',
  'zip64-end-misplaced': () => '其 ZIP64 结束记录不在定位记录所指的位置',
  'end-records-disagree': () => '其结束记录与 ZIP64 结束记录所记的中央目录位置不一致',
  'archive-ends-early': (missing) => `压缩包提前 ${count(missing)} 字节结束，截断了其中声明的结构`,
  'zip64-value-too-large': () => 'ZIP64 中记录的大小或偏移量大得不可能是真实值',

  'extra-fields-damaged': () => '其在中央目录中的扩展字段已损坏',
  'zip64-field-missing': () => '其中央目录条目称大小记在 ZIP64 扩展字段中，但该字段缺失或过短',
  'name-not-utf8': () => '其名称不是 UTF-8 编码，不同系统上的工具会以不同的名称解压它',
  'name-nul': () => '其名称含 NUL 字符，某些工具会在此处截断名称',
  'name-control-characters': () => '其名称含控制字符，证据包中的名称从不含这类字符',
  'name-backslash': () => '其名称含反斜杠，Windows 上的工具会把它当作文件夹分隔符',
  'name-absolute': () => '其名称是绝对路径，解压时会落到解压目标文件夹之外',
  'name-climbs-out': () => '其名称用 .. 跳到解压目标文件夹之外',
  'name-empty-folder': () => '其名称中有空的或为 . 的文件夹层级，各工具的解析方式不同',
  'unicode-path-differs': () => '其 Unicode 路径字段所指的文件与其名称不同，解压工具会按该字段的名称解压',
  'entry-on-other-disk': () => '其数据位于分卷压缩包的另一卷',
  'entry-encrypted': () => '该条目已加密：证据包从不加密，其内容无法校验',
  'entry-unknown-flags': (flags) => `它使用了 Locket 不读取的压缩包特性（标志位 0x${flags}）`,
  'entry-unknown-method': (method) => `它以压缩方法 ${method} 压缩；证据包的条目只会是原样存储或 deflate 压缩`,
  'stored-sizes-differ': () => '该条目未经压缩原样存储，两个大小却不一致',
  'folder-holds-data': () => '这是一个文件夹条目，却含有数据',
  'entry-link-or-device': () => '这是链接或设备，证据包中从不会有这类条目',
  'duplicate-name': () => '压缩包中有两个同名条目：解压工具会用其中一个覆盖另一个',
  'case-duplicate-name': (other) => `它与 ${other} 在 Windows 和 macOS 上是同一个文件`,
  'file-where-folder-is': () => '这是一个文件，而其他条目把文件放在同名的文件夹中',
  'entry-too-large': (size, limit) =>
    `它声明的大小为 ${bytes(size)}，超过上限：Locket 最多校验 ${bytesThen(limit)}的条目`,
  'zip-bomb': (size, compressed, ratio) =>
    `它由 ${bytesThen(compressed)}的压缩数据声明出 ${bytes(size)}，膨胀超过 ${ratio} 倍：这是压缩炸弹，不是证据包`,
  'entry-overlaps': (other) =>
    `其数据与${other ? ` ${other} ` : '另一个条目'}重叠：多个条目共用同一段字节，正是压缩炸弹成倍膨胀的手法`,
  'no-local-header': () => '中央目录所指的位置没有它的本地文件头',
  'local-name-differs': (name) => `其本地文件头中的名称是 ${name}${SEEN_DIFFERENTLY}`,
  'local-flags-differ': (local, central) =>
    `其本地文件头的标志位不同（0x${local}，中央目录中为 0x${central}）${SEEN_DIFFERENTLY}`,
  'local-method-differs': (local, central) =>
    `其本地文件头记的压缩方法为 ${local}，中央目录中为 ${central}${SEEN_DIFFERENTLY}`,
  'local-crc-differs': () => `其本地文件头的 CRC 与中央目录中的不同${SEEN_DIFFERENTLY}`,
  'local-compressed-size-differs': (local, central) =>
    `其本地文件头记压缩后为 ${count(local)} 字节，中央目录中为 ${count(central)} 字节${SEEN_DIFFERENTLY}`,
  'local-size-differs': (local, central) =>
    `其本地文件头记为 ${count(local)} 字节，中央目录中为 ${count(central)} 字节${SEEN_DIFFERENTLY}`,
  'data-runs-into-directory': () => '其数据延伸进了中央目录',
  'descriptor-differs': () => '其数据之后的数据描述符与中央目录不符（CRC 或大小）',
  'unlisted-local-entry': (after) =>
    `这是中央目录未列出的本地条目（${after ? `位于 ${after} 之后` : '位于第一个列出的条目之前'}）：解压工具看不到它，流式读取压缩包的程序却会读到`,
  'bytes-before-first-entry': (size, first) => `第一个条目（${first}）之前的 ${count(size)} 字节不属于任何条目`,
  'bytes-between-entries': (size, before, after) => `${before} 与 ${after} 之间的 ${count(size)} 字节不属于任何条目`,
  'bytes-before-directory': (size, before) => `${before} 与中央目录之间的 ${count(size)} 字节不属于任何条目`,
  'local-header-unreadable': () => '其本地文件头无法读取',
  'expands-beyond-size': (declared) => `解压后超出了中央目录声明的 ${count(declared)} 字节`,
  // zlib's own message is English and names nothing a reader can act on: the Chinese says what it means.
  'inflate-failed': () => '其数据无法解压（deflate 数据流已损坏）',
  'deflate-ends-early': (missing) => `其 deflate 数据流比目录声明的数据提前 ${count(missing)} 字节结束`,
  'size-differs-from-directory': (actual, declared) =>
    `解压后为 ${count(actual)} 字节；中央目录声明的是 ${count(declared)} 字节`,
  'crc-differs': () => '其数据与压缩包记录的 CRC 不符：解压工具会报告它已损坏',
};
