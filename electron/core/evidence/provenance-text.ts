import type { SourceFormat } from '../../ipc/contract';

/** The languages a bag's reading pages (completeness, provenance, the printed proof) are written in. */
export type TextLang = 'en' | 'zh-CN';

/**
 * Every visible string of the completeness statement, the "Provenance and integrity" section and the printed proof,
 * in both languages. Machine-readable files (provenance.json, bag-info.txt) never use these: they stay
 * language-neutral.
 */
export interface ProvenanceText {
  completenessTitle: string;
  askedNote: string;
  inBagTitle: string;
  inBag(messages: number, conversations: number): string;
  byKind(kinds: string): string;
  mediaCopied(files: number): string;
  notInBagTitle: string;
  outOfScope(name: string, outside: number, total: number, isSplit: boolean): string;
  allInScope: string;
  missingMedia(count: number): string;
  missingReason(reason: string, count: number): string;
  noMissingMedia: string;
  redactionsTitle: string;
  pseudonymized(count: number, names: number): string;
  masked(phones: number, wechatIds: number): string;
  noRedaction: string;
  list: string;

  provenanceTitle: string;
  provenanceIntro: string;
  importHeading(id: string): string;
  importedAt: string;
  importedBy: string;
  notRecorded(since: string): string;
  messagesFrom: string;
  sourceKind: string;
  sourceName: string;
  device: string;
  deviceModel: string;
  osVersion: string;
  wechatVersion: string;
  formatVersion: string;
  tool: string;
  format: Readonly<Record<SourceFormat, string>>;
  filesTitle: string;
  file: string;
  size: string;
  noImportLink(count: number): string;
  exportedWith(version: string): string;

  proofTitle: string;
  proofIntro: string;
  proofSelf: string;
  bag: string;
  caseReference: string;
  exportedAt: string;
  signingKey: string;
  auditHead: string;
  auditHeadValue(entries: number, hash: string): string;
  auditEmpty: string;
  howToVerifyTitle: string;
  howToVerify(fingerprint: string): string[];
  footerPage: { before: string; between: string; after: string };
  notGiven: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const EN: ProvenanceText = {
  completenessTitle: 'Completeness',
  askedNote: 'What was asked for is listed above. In counts, this is what the bag holds and what it does not:',
  inBagTitle: 'In this bag',
  inBag: (m, c) => `${plural(m, 'message', 'messages')} in ${plural(c, 'conversation', 'conversations')}`,
  byKind: (kinds) => `By kind: ${kinds}`,
  mediaCopied: (n) => `${plural(n, 'media file', 'media files')} copied from the vault`,
  notInBagTitle: 'Not in this bag',
  outOfScope: (name, outside, total, isSplit) =>
    `${name}: ${outside} of the chat's ${total} messages in the vault are not in this bag (outside what was asked${isSplit ? ', or in another part of this export' : ''})`,
  allInScope: 'Every message the vault holds in these chats is in this bag.',
  missingMedia: (n) => `${plural(n, 'media file', 'media files')} the source did not provide:`,
  missingReason: (reason, n) => `${reason}: ${n}`,
  noMissingMedia: 'No media file is missing.',
  redactionsTitle: 'Redactions',
  pseudonymized: (n, names) =>
    `${plural(n, 'participant', 'participants')} pseudonymized; ${plural(names, 'name replaced', 'names replaced')} in text`,
  masked: (phones, ids) =>
    `${plural(phones, 'phone number', 'phone numbers')} and ${plural(ids, 'WeChat ID', 'WeChat IDs')} masked in text (see data/redaction-log.txt)`,
  noRedaction: 'None: the text is as the vault holds it.',
  list: ', ',

  provenanceTitle: 'Provenance and integrity',
  provenanceIntro:
    'Where the messages of this bag came from: each import that brought them into the vault, what it read, and the SHA-256 of every source file as it was read. Hash the original backup or export with any SHA-256 tool to check it is the same.',
  importHeading: (id) => `Import #${id}`,
  importedAt: 'Imported at',
  importedBy: 'Imported by',
  notRecorded: (since) => `not recorded (imported before Locket ${since})`,
  messagesFrom: 'Messages in this bag from it',
  sourceKind: 'Source',
  sourceName: 'Name',
  device: 'Device',
  deviceModel: 'Model',
  osVersion: 'iOS',
  wechatVersion: 'WeChat version',
  formatVersion: 'Format version',
  tool: 'Written by',
  format: {
    'ios-backup': 'iPhone backup (Finder or iTunes)',
    pc3: 'WeChat for PC 3.x account folder',
    pc4: 'WeChat for PC 4.x account folder',
    android: 'Android WeChat folder',
    'pywxdump-csv': 'Export file written by PyWxDump (CSV)',
    'pywxdump-json': 'Export file written by PyWxDump (JSON)',
    'memotrace-csv': 'Export file written by MemoTrace (CSV)',
    'memotrace-txt': 'Export file written by MemoTrace (TXT)',
    'chatlog-json': 'Export file written by chatlog (JSON)',
    chatlab: 'Export file in the ChatLab format',
  },
  filesTitle: 'Source files as imported',
  file: 'File',
  size: 'Bytes',
  noImportLink: (n) => `${plural(n, 'message', 'messages')} of this bag have no recorded import.`,
  exportedWith: (v) => `Exported with Locket ${v}.`,

  proofTitle: 'Printed proof',
  proofIntro:
    "These pages let a paper copy be checked against the digital bag. Every file of the bag's data folder is listed with its size and SHA-256, as in manifest-sha256.txt.",
  proofSelf:
    "This PDF is the one file not listed: a file cannot contain its own hash. Its SHA-256 is in the bag's manifest-sha256.txt (data/transcript.pdf); the tag files (bag-info.txt, provenance.json, the manifests) are in tagmanifest-sha256.txt, which the signature covers.",
  bag: 'Bag',
  caseReference: 'Case reference',
  exportedAt: 'Exported at',
  signingKey: 'Signing key fingerprint',
  auditHead: 'Audit log head at export',
  auditHeadValue: (entries, hash) => `entry ${entries}, hash ${hash}`,
  auditEmpty: 'the audit log was empty',
  howToVerifyTitle: 'How to verify',
  howToVerify: (fp) => [
    `With Locket: locket verify BAG --expect-key ${fp} checks every file and the signature.`,
    'Without Locket: open verify.html beside the data folder in a browser and choose the bag folder.',
    'With standard tools: in the bag folder, sha256sum -c manifest-sha256.txt, then compare its lines with the list above.',
    'Compare the signing key fingerprint with the one the sender gives you.',
  ],
  footerPage: { before: 'Page ', between: ' of ', after: '' },
  notGiven: 'not given',
};

const ZH: ProvenanceText = {
  completenessTitle: '完整性说明',
  askedNote: '导出请求见上文。本证据包包含及未包含的内容统计如下：',
  inBagTitle: '本证据包包含',
  inBag: (m, c) => `${c} 个会话中的 ${m} 条消息`,
  byKind: (kinds) => `按类型：${kinds}`,
  mediaCopied: (n) => `从保险库复制的媒体文件 ${n} 个`,
  notInBagTitle: '本证据包未包含',
  outOfScope: (name, outside, total, isSplit) =>
    `${name}：保险库中该会话共 ${total} 条消息，其中 ${outside} 条不在本证据包中（不在导出范围内${isSplit ? '，或在本次导出的其他分卷中' : ''}）`,
  allInScope: '保险库中这些会话的全部消息均在本证据包中。',
  missingMedia: (n) => `来源未提供的媒体文件 ${n} 个：`,
  missingReason: (reason, n) => `${reason}：${n} 个`,
  noMissingMedia: '没有缺失的媒体文件。',
  redactionsTitle: '脱敏处理',
  pseudonymized: (n, names) => `${n} 名参与者使用化名；正文中替换名称 ${names} 处`,
  masked: (phones, ids) => `正文中遮盖手机号 ${phones} 个、微信号 ${ids} 个（见 data/redaction-log.txt）`,
  noRedaction: '无：正文与保险库中一致。',
  list: '，',

  provenanceTitle: '来源与完整性',
  provenanceIntro:
    '本证据包中消息的来源：将其导入保险库的每次导入、所读取的内容，以及读取时每个来源文件的 SHA-256 值。可用任一 SHA-256 工具计算原始备份或导出文件的哈希值，核对是否一致。',
  importHeading: (id) => `第 ${id} 次导入`,
  importedAt: '导入时间',
  importedBy: '导入程序',
  notRecorded: (since) => `未记录（在 Locket ${since} 之前导入）`,
  messagesFrom: '本证据包中来自此次导入的消息',
  sourceKind: '来源',
  sourceName: '名称',
  device: '设备',
  deviceModel: '机型',
  osVersion: 'iOS 版本',
  wechatVersion: '微信版本',
  formatVersion: '格式版本',
  tool: '生成工具',
  format: {
    'ios-backup': 'iPhone 备份（访达或 iTunes）',
    pc3: '微信电脑版 3.x 账号文件夹',
    pc4: '微信电脑版 4.x 账号文件夹',
    android: '安卓微信文件夹',
    'pywxdump-csv': 'PyWxDump 导出文件（CSV）',
    'pywxdump-json': 'PyWxDump 导出文件（JSON）',
    'memotrace-csv': '留痕（MemoTrace）导出文件（CSV）',
    'memotrace-txt': '留痕（MemoTrace）导出文件（TXT）',
    'chatlog-json': 'chatlog 导出文件（JSON）',
    chatlab: 'ChatLab 格式导出文件',
  },
  filesTitle: '导入时的来源文件',
  file: '文件',
  size: '字节数',
  noImportLink: (n) => `本证据包中有 ${n} 条消息没有导入记录。`,
  exportedWith: (v) => `由 Locket ${v} 导出。`,

  proofTitle: '纸质核对页',
  proofIntro:
    '以下各页用于将纸质副本与电子证据包相互核对。证据包 data 文件夹中的每个文件均列出其大小和 SHA-256 值，与 manifest-sha256.txt 一致。',
  proofSelf:
    '本 PDF 是唯一未列出的文件：文件无法包含自身的哈希值。其 SHA-256 值见证据包的 manifest-sha256.txt（data/transcript.pdf）；标签文件（bag-info.txt、provenance.json 及各清单）的哈希值见 tagmanifest-sha256.txt，该文件受签名保护。',
  bag: '证据包',
  caseReference: '案件编号',
  exportedAt: '导出时间',
  signingKey: '签名密钥指纹',
  auditHead: '导出时的审计日志头',
  auditHeadValue: (entries, hash) => `第 ${entries} 条，哈希值 ${hash}`,
  auditEmpty: '审计日志为空',
  howToVerifyTitle: '如何核验',
  howToVerify: (fp) => [
    `使用 Locket：运行 locket verify 证据包路径 --expect-key ${fp}，核验每个文件及签名。`,
    '不使用 Locket：用浏览器打开 data 文件夹旁的 verify.html，选择证据包文件夹。',
    '使用通用工具：在证据包文件夹中运行 sha256sum -c manifest-sha256.txt，并与上方列表逐行比对。',
    '将签名密钥指纹与发送方提供的指纹进行比对。',
  ],
  footerPage: { before: '第 ', between: ' 页 共 ', after: ' 页' },
  notGiven: '未填写',
};

export const PROVENANCE_TEXT: Readonly<Record<TextLang, ProvenanceText>> = { en: EN, 'zh-CN': ZH };

/** Why media is missing, as the import recorded it; an unknown reason is shown as its code. */
const MISSING_REASONS: Readonly<Record<TextLang, Readonly<Record<string, string>>>> = {
  en: {
    'not-in-backup': 'the backup did not contain it',
    'path-outside-backup': 'the backup pointed outside its own folder, so Locket refused to read it',
    'sticker-not-in-backup': 'a sticker the backup did not contain',
    'stored-encrypted-by-wechat': 'WeChat stored it encrypted with a key the backup does not hold',
    'not-in-vault': 'it is no longer in the vault',
    unknown: 'no reason recorded',
  },
  'zh-CN': {
    'not-in-backup': '备份中没有该文件',
    'path-outside-backup': '备份指向其文件夹以外的位置，Locket 拒绝读取',
    'sticker-not-in-backup': '备份中没有该表情',
    'stored-encrypted-by-wechat': '微信以备份中没有的密钥加密存储',
    'not-in-vault': '该文件已不在保险库中',
    unknown: '未记录原因',
  },
};

export function missingReasonText(lang: TextLang, reason: string): string {
  return MISSING_REASONS[lang][reason] ?? reason;
}
