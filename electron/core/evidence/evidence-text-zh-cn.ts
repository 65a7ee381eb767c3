import { KIND_NAMES } from '../../common/kind-names';
import type { EvidenceText } from './evidence-text-shape';

const WEEKDAYS = '日一二三四五六';

/** Kind names as the app shows them (electron/common/kind-names.ts). */
const KINDS = KIND_NAMES['zh-CN'];

const ROLES: EvidenceText['media']['roles'] = {
  image: '图片',
  voice: '语音',
  video: '视频',
  file: '文件',
  sticker: '表情',
  thumbnail: '缩略图',
};

const list = (items: readonly string[]) => items.join('、');

/** A bag's readable files in Simplified Chinese, as a Chinese court, arbitrator or client reads them. */
export const EVIDENCE_TEXT_ZH_CN: EvidenceText = {
  htmlLang: 'zh-CN',
  list,
  labelled: (label, value) => `${label}：${value}`,
  messages: (count) => `${count} 条消息`,
  conversations: (count) => `${count} 个会话`,
  bytes: (count) => `${count} 字节`,
  day: (year, month, day, weekday) => `${year}年${month}月${day}日 星期${WEEKDAYS[weekday]}`,
  kinds: KINDS,
  // As the app shows them (renderer previewText): "[图片]", "[语音 3″]", "[位置] 天安门".
  placeholder: (line) => {
    const seconds = line.kind === 'voice' && line.seconds !== undefined ? ` ${line.seconds}″` : '';
    const token = `[${KINDS[line.kind]}${seconds}]`;
    return line.detail !== undefined ? `${token} ${line.detail}` : token;
  },

  transcript: {
    title: (caseReference) => (caseReference ? `案件 ${caseReference}` : '微信聊天记录'),
    documentTitle: (caseReference) => (caseReference ? `聊天记录 · 案件 ${caseReference}` : '微信聊天记录'),
    subtitle: (part) => `从 Locket 保险库导出的微信消息${part === null ? '' : ` · 第 ${part} 部分`}`,
    caseReference: '案件编号',
    exportedBy: '导出人',
    organization: '机构',
    exportedAt: '导出时间',
    timesShownIn: '时间所用时区',
    bag: '证据包',
    export: '导出批次',
    exportPart: (exportId, part) => `${exportId}（第 ${part} 部分）`,
    coverNoteHtml:
      '每条消息下方标有微信自己的消息 ID（来源中有时）和它在 Locket 中的编号。' +
      '本证据包中的每个文件都连同其 SHA-256 和 SHA-512 列在证据包的清单中，清单由保险库的密钥签名：' +
      '打开 data 文件夹旁边的 verify.html，或运行 <span class="mono">locket verify</span>，即可核验内容未被改动。',
    groupChat: '群聊',
    oneToOneChat: '单聊',
    end: (messages, conversations) => `聊天记录结束：共 ${conversations} 个会话，${messages} 条消息。`,
    unknownSender: '未知发送者',
    sourceId: '消息ID',
    quotedSentAt: (date, time) => `发送于 ${date} ${time}`,
  },

  media: {
    roles: ROLES,
    notIncluded: (what, reason) => `${what}未收录：${reason}。`,
    notInBackup: '备份中没有这个文件',
    outsideBackup: '备份指向其自身文件夹以外的位置，Locket 拒绝读取',
    notInVault: '它已不在保险库中',
    unknownReason: '原因不明',
    imageAlt: '图片',
    stickerAlt: '表情',
    videoThumbnailAlt: '视频缩略图',
    voice: (duration) => `🎤 语音${duration ? ` ${duration}` : ''}`,
    video: (duration) => `▶ 视频${duration ? ` ${duration}` : ''}`,
    linkKind: '链接（网址以文字显示）',
    miniprogramKind: '小程序',
    recordKind: '聊天记录',
  },

  describe: {
    file: (name, size) => `文件：${name}${size ? `（${size}）` : ''}`,
    voice: (duration) => `语音${duration ? `，${duration}` : ''}`,
    video: (duration) => `视频${duration ? `，${duration}` : ''}`,
    location: (parts) => `位置：${parts.join(' ')}`,
    transfer: '转账',
    redPacket: '红包',
    contactCard: (detail) => `名片：${detail}`,
    call: (detail) => (detail ? `通话：${detail}` : '通话'),
    replyTo: (sender, text) => `回复${sender ?? '一条消息'}：${text}`,
    chatHistory: (title, count) => `聊天记录：${title}（${count} 条消息）`,
    notInVault: (role) => `${ROLES[role as keyof typeof ROLES] ?? '媒体文件'}未收录`,
    separator: ' · ',
  },

  scope: {
    conversations: (names) => `会话：${list(names)}`,
    everyChosenConversation: '会话：含有所选消息的每个会话',
    everyResultConversation: '会话：含有搜索结果的每个会话',
    search: (query) => `搜索：${query}`,
    chosenMessages: (count) => `消息：逐条选中的 ${count} 条（只导出这些）`,
    fromFirst: '起：第一条消息',
    from: (when) => `起：${when}`,
    untilLast: '止：最后一条消息',
    until: (when) => `止（不含）：${when}`,
    kinds: (kinds) => `类型：${kinds.length ? list(kinds.map((k) => KINDS[k])) : '全部'}`,
    senders: (senders) => `发送者：${senders.length ? list(senders) : '全部'}`,
    names: (mode) =>
      `名字显示方式：${
        {
          group: '群昵称，其次备注，再次昵称（与微信的显示一致）',
          remark: '机主给每位联系人的备注，其次对方的昵称',
          nickname: '每人自己的昵称',
          wxid: '微信用户名（wxid）',
        }[mode]
      }`,
    redaction: (summary) => `脱敏：${summary}`,
  },

  redaction: (pseudonyms, isMasked) => {
    const rules: string[] = [];
    if (pseudonyms.length) rules.push(`${pseudonyms.length} 名参与者已化名（${list(pseudonyms)}）`);
    if (isMasked) rules.push('文字中的电话号码和微信号已遮盖');
    return rules.length ? `${rules.join('；')}；详见 data/redaction-log.txt` : '无';
  },

  redactionLog: {
    heading: 'Locket 脱敏记录',
    appliedTo: '以下规则已应用于 data/ 中的每个文件（聊天记录、messages.jsonl、messages.csv、媒体文件名）：',
    pseudonyms: (number, names, replacements) => [
      `${number}. 化名的参与者：${names.length} 名，显示为 ${list(names)}。`,
      '   每人在本次导出（及其每个部分）中始终使用同一个化名。其微信号、别名、昵称、备注和群昵称（两个字符及以上）',
      `   在文字中出现之处均已替换为化名：本证据包中共替换 ${replacements} 处。`,
    ],
    phones: (number, mask, count) => [
      `${number}. 电话号码（中国大陆手机号、带区号的固定电话、以 + 开头的国际号码）已替换为 ${mask}：`,
      `   本证据包中共 ${count} 处。`,
    ],
    wechatIds: (number, mask, count) => [`${number}. 形如 wxid_… 的微信号已替换为 ${mask}：本证据包中共 ${count} 处。`],
    notRedacted: [
      '未脱敏：图片、语音、视频和文件的内容，它们按保险库中的原样复制。消息编号、时间和类型保持不变。',
      '未脱敏的消息仍保存在导出人的保险库中。',
    ],
  },

  page: {
    left: (caseReference) => (caseReference ? `案件 ${caseReference}` : '微信聊天记录'),
    footer: (timeZone, part) => `Locket 证据导出 · 时间按 ${timeZone}${part === null ? '' : ` · 第 ${part} 部分`}`,
  },

  bagInfo: {
    description: (messages, conversations) =>
      `从 Locket 保险库导出的微信消息：${conversations} 个会话中的 ${messages} 条消息。`,
    notGiven: '未填写',
  },

  verify: {
    title: '核验证据包',
    leadHtml:
      '本页面在这台电脑上核验：这个证据包中的文件是否与 Locket 写入并签名时完全一致。它不向任何地方发送任何内容：它无法联网。',
    stepsHtml: [
      '点击<b>选择证据包文件夹</b>，选中本页面所在的文件夹，也就是包含 <code>bagit.txt</code> 和 <code>data</code> 文件夹的那个。',
      '如果浏览器询问是否“上传”这些文件，请允许：文件只在本机读取，不会发送出去。',
      '阅读下方的结论。将密钥指纹与保险库所有者给您的指纹比对，或把对方的指纹粘贴到输入框中。',
    ],
    keyWarningHtml:
      '<b>是谁签的名？</b>有效的签名只能证明：这些文件与有人用本证据包所带密钥签名时一致。' +
      '任何人都可以修改副本，再用自己的密钥重新签名。请通过本证据包以外的途径（当面、电话，或发布在您确知属于对方的地方）' +
      '向保险库所有者索取其密钥指纹（Locket 在“设置”中显示，<code>locket info</code> 会打印）。' +
      '粘贴到这里，本页面会将它与签署本证据包的密钥比对。',
    expectedKeyLabel: '预期的密钥指纹（可选）',
    expectedKeyPlaceholder: '例如 565e c059 8a72 …（64 位十六进制数字，可含空格和冒号）',
    chooseFolder: '选择证据包文件夹',
    whatIsWrong: '问题所在',
    aboutBag: '关于此证据包',
    footHtml:
      '核验同一证据包的其他方法：<code>locket verify BAG</code>（也能读取 .zip 文件）；' +
      '在证据包文件夹中运行 <code>sha256sum -c manifest-sha256.txt</code>（只核验文件，不核验签名）；' +
      '或任何 BagIt 校验工具。凡不属于证据包的文件都会被报告，包括电脑自行添加到文件夹中的文件' +
      '（<code>.DS_Store</code>、<code>Thumbs.db</code>、<code>__MACOSX</code>）：藏在其中的文件可能携带任何内容。',
    script: {
      noFolder: '尚未选择文件夹。',
      checking: '正在核验…',
      checkFailed: '核验未能完成。',
      notAFingerprint: '这不是密钥指纹：指纹由 64 位十六进制数字（0-9、a-f）组成。',
      notBagFolder: '这不是证据包文件夹。',
      notBagFolderWhy:
        '其中没有 bagit.txt。请选择包含 bagit.txt、bag-info.txt 和 data 文件夹的文件夹（即本页面所在的文件夹）。',
      noBagitVersion: '它没有声明 BagIt 版本',
      notDigestLine: '有一行不是“摘要 路径”的格式',
      tagManifestMissing: '签名所覆盖的标签清单不存在',
      noPayloadManifest: '证据包没有内容清单',
      checkingFile: '正在核验第 {n} 个，共 {total} 个：{path}',
      listedNotInFolder: '列在清单中，但文件夹里没有',
      digestMismatch: '其 {alg} 与清单不符',
      clutterHint: '（这是电脑自行添加到文件夹中的文件；请删除后重新核验）',
      unexpectedInData: '在 data 文件夹中，但不在清单里（在证据包生成后添加）{hint}',
      unexpectedTagFile: '不属于生成时的证据包{hint}',
      oxumMismatch: '记录为 {files} 个文件共 {bytes} 字节；data 文件夹现有 {count} 个文件共 {total} 字节',
      keyMissing: '签名密钥（signature/signing-key.txt）缺失。',
      keyNotEd25519: 'signature/signing-key.txt 中没有 Ed25519 公钥。',
      keyNotNamedProblem: '这不是 bag-info.txt 所指明的密钥',
      keyNotNamed: 'signature/signing-key.txt 中的密钥不是 bag-info.txt 所指明的那一个。',
      unsupported:
        '此浏览器无法核验 Ed25519 签名。文件仍已核验；请用“locket verify”或新版 Chrome、Edge、Firefox、Safari 核验签名。',
      signatureMissingProblem: '{manifest} 的签名',
      signatureMissing: '{file} 缺失。',
      signatureMalformedProblem: '签名文件只应包含一行 base64，别无其他',
      signatureDamaged: '{file} 已损坏。',
      signatureInvalidProblem: '它与 {file} 中的签名不符：两者之一被改动过，或由其他密钥签名',
      signatureInvalid: '签名与 {manifest} 不符：证据包在签名后被改动过，或由其他密钥签名。',
      words: {
        changed: '已改动',
        missing: '已删除',
        unexpected: '多出',
        malformed: '已损坏',
        'oxum-mismatch': '大小不符',
        'signature-invalid': '与签名不符',
      },
      listSeparator: '；',
      tagSeparator: '：',
      detailSeparator: '：',
      notIntact: '此证据包已不完好。',
      problemsOne: '发现 {count} 个问题（{names}）。请勿照此采信。',
      problemsOther: '发现 {count} 个问题（{names}）。请勿照此采信。',
      otherKey: '此证据包由另一个密钥签名。',
      otherKeySub:
        '文件与签名相符，但签名所用的密钥不是您预期的那一个：任何人都能用自己的密钥为改动过的副本签名。请勿采信此证据包。签名密钥为 {actual}；预期为 {expected}。',
      intactExpected: '此证据包完好，且由您预期的密钥签名。',
      intactExpectedSub: '全部 {count} 个文件与清单相符，该密钥的签名有效。',
      intact: '此证据包完好。',
      intactSub:
        '全部 {count} 个文件与清单相符，签名有效。这只能证明文件与下方所示密钥签名时一致：请将其指纹与保险库所有者给您的指纹比对，或把对方的指纹粘贴到上方。',
      unchecked: '文件完好，但无法在此核验签名。',
      brokenSignature: '此证据包已不完好：其签名无效。',
      signature: '签名',
      signatureValidButChanged: '有效（Ed25519）：清单与发送者签名时一致；上面列出的文件已与清单不符。',
      signatureValid: '有效（Ed25519）',
      signatureNotChecked: '未核验：{why}',
      signatureNotValid: '无效：{why}',
      keyFingerprint: '密钥指纹',
      signer: '签名者',
      signerNotConfirmed: '未确认：上方没有粘贴预期的指纹。',
      signerOther: '不是您预期的密钥（{expected}）。',
      signerExpected: '正是您预期的密钥。',
      filesChecked: '已核验文件数',
      caseReference: '案件编号',
      exportedBy: '导出人',
      organization: '机构',
      baggedOn: '打包日期',
      bag: '证据包',
      part: '部分',
      partOf: '第 {n} 部分，共 {total} 部分',
      messages: '消息数',
      timeZone: '时区',
    },
  },
};
