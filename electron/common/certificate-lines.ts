import { ruleWords } from './audit-sentences';
import { RecordWriter, idsOf, numberOf, textOf } from './record-language';

/**
 * A wipe certificate for people, from its signed body: who wiped, when (in the chosen zone and in UTC), which chats
 * with how many messages from which days, the rule in words, what was destroyed, and the signing key with what to
 * compare it with. The body itself stays language-neutral JSON: this is only how it reads.
 */

export interface CertificateSection {
  /** What the lines are about ("When", "清除时间"). */
  label: string;
  lines: string[];
}

export interface ReadableCertificate {
  title: string;
  sections: CertificateSection[];
  /** What a reader should know last: the certificate names no message content. */
  footer: string;
}

function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The days a chat's wiped messages were sent on (UTC seconds, both ends included). */
function sentDays(w: RecordWriter, first: number | null, last: number | null): string | null {
  if (first === null || last === null) return null;
  const a = w.date(first * 1000);
  const b = w.date(last * 1000);
  return a === b ? a : w.say(`${a} – ${b}`, `${a} 至 ${b}`);
}

function chatLines(w: RecordWriter, body: Record<string, unknown>, counts: Record<string, unknown>): string[] {
  if (Array.isArray(body.chats)) {
    return body.chats.map((raw) => {
      const c = objectOf(raw);
      const id = numberOf(c.conversationId);
      const name = textOf(c.name) ?? (id === null ? '?' : w.chat(id));
      const messages = numberOf(c.messages) ?? 0;
      const days = sentDays(w, numberOf(c.first), numberOf(c.last));
      return w.say(
        `${name}: ${w.count(messages, 'message', 'messages', '')}${days ? `, sent ${days}` : ''}`,
        w.join(name, '：', w.number(messages), '条消息', days ? `，发送于 ${days}` : ''),
      );
    });
  }
  // Certificates from before chats were recorded name at most the one chat their scope chose.
  const scope = objectOf(body.scope);
  const chats = numberOf(counts.conversations) ?? 0;
  const id = numberOf(scope.conversationId);
  const named = id !== null ? `${w.chat(id)}: ` : '';
  return [
    w.say(
      `${named}${w.count(chats, 'chat', 'chats', '')} (this certificate is older than per-chat counts)`,
      w.join(named, w.number(chats), '个聊天（此证书早于按聊天计数的版本）'),
    ),
  ];
}

function ruleLines(w: RecordWriter, body: Record<string, unknown>): string[] {
  const scope = objectOf(body.scope);
  const kind = textOf(scope.kind);
  const lines = [ruleWords(w, kind).replace(/^./, (c) => c.toUpperCase())];
  if (kind === 'conversation' && numberOf(scope.conversationId) !== null) {
    const range = w.dayRange(numberOf(scope.after), numberOf(scope.before));
    lines.push(
      w.say(
        `The chat ${w.chat(numberOf(scope.conversationId)!)}, ${range ?? 'all dates'}`,
        w.join('聊天', w.chat(numberOf(scope.conversationId)!), '，范围', range ?? '不限日期'),
      ),
    );
  }
  if (kind === 'messages') {
    const n = idsOf(scope.messageIds).length;
    lines.push(w.say(`${w.count(n, 'message', 'messages', '')} picked one by one`, `逐条选定的 ${w.number(n)} 条消息`));
  }
  if (Array.isArray(body.byClass))
    for (const raw of body.byClass) {
      const c = objectOf(raw);
      const stored = textOf(c.name);
      const name = stored ? (w.names.className?.(stored) ?? stored) : '?';
      const n = numberOf(c.messages) ?? 0;
      lines.push(
        w.say(
          `Class ${w.quote(name)}: ${w.count(n, 'message', 'messages', '')}`,
          w.join('类别', w.quote(name), '：', w.number(n), '条消息'),
        ),
      );
    }
  return lines;
}

function destroyedLines(w: RecordWriter, body: Record<string, unknown>, counts: Record<string, unknown>): string[] {
  const n = (key: string) => numberOf(counts[key]) ?? 0;
  const keys = Array.isArray(body.destroyedKeyIds) ? body.destroyedKeyIds.length : 0;
  const lines = [
    w.say(`${w.count(n('messages'), 'message', 'messages', '')}`, `${w.number(n('messages'))} 条消息`),
    w.say(
      `${w.count(n('mediaFiles'), 'media file', 'media files', '')} (${w.bytes(n('mediaBytes'))})`,
      `${w.number(n('mediaFiles'))} 个媒体文件（${w.bytes(n('mediaBytes'))}）`,
    ),
    w.say(
      `${w.count(n('shardsRewritten'), 'vault file', 'vault files', '')} rewritten under new keys`,
      `${w.number(n('shardsRewritten'))} 个保险库文件以新密钥重写`,
    ),
    w.say(
      `${w.count(keys, 'file key', 'file keys', '')} destroyed (their ids are in the JSON certificate)`,
      `${w.number(keys)} 把文件密钥已销毁（编号见 JSON 证书）`,
    ),
  ];
  if (n('heldMessagesKept'))
    lines.push(
      w.say(
        `Kept: ${w.count(n('heldMessagesKept'), 'message', 'messages', '')} under legal hold`,
        `保留：${w.number(n('heldMessagesKept'))} 条受诉讼保全的消息`,
      ),
    );
  return lines;
}

function auditLines(w: RecordWriter, body: Record<string, unknown>): string[] {
  const sequence = numberOf(body.auditSequence);
  const head = objectOf(body.auditHead);
  const entries = numberOf(head.entries);
  const hash = textOf(head.hash);
  const lines = [w.say(`Entry #${sequence ?? '?'} of the vault's audit log`, `保险库审计日志第 ${sequence ?? '?'} 条`)];
  if (entries !== null && hash) {
    lines.push(
      w.say(`Audit head: ${entries} entries, last ${hash}`, `审计日志头：${entries} 条，最后一条 ${hash}`),
      w.say(
        "Check the vault's log still holds it: locket audit VAULT --verify --since-certificate CERTIFICATE.json",
        '检查保险库的日志仍包含它：locket audit VAULT --verify --since-certificate CERTIFICATE.json',
      ),
    );
  }
  return lines;
}

/**
 * The backup folders that still held the wiped data when it was wiped (the body's `backupsPending`; certificates from
 * before backups existed have none). Each loses it at its next backup, which the audit log records.
 */
function backupLines(w: RecordWriter, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  if (value.length === 0)
    return [w.say('No recorded backup held the wiped data.', '没有已记录的备份含有被清除的数据。')];
  return [
    w.say(
      `${w.count(value.length, 'backup folder', 'backup folders', '')} still held the wiped data at wipe time; each loses it at its next backup (the audit log records it):`,
      `清除时仍有 ${w.number(value.length)} 个备份文件夹含有被清除的数据；每个文件夹在下次备份时删除它（审计日志会记录）：`,
    ),
    ...value.map((raw) => {
      const b = objectOf(raw);
      const at = typeof b.lastBackupAt === 'string' ? Date.parse(b.lastBackupAt) : NaN;
      const when = Number.isFinite(at) ? w.dateTime(at) : '?';
      return w.say(`${textOf(b.path) ?? '?'} (last backup ${when})`, `${textOf(b.path) ?? '?'}（上次备份 ${when}）`);
    }),
  ];
}

function keyLines(w: RecordWriter, body: Record<string, unknown>): string[] {
  const key = objectOf(body.signingKey);
  const fingerprint = textOf(key.fingerprint) ?? '?';
  return [
    w.say(
      `${textOf(key.algorithm) ?? 'Ed25519'} key fingerprint ${fingerprint}`,
      `${textOf(key.algorithm) ?? 'Ed25519'} 密钥指纹 ${fingerprint}`,
    ),
    w.say(
      "Compare it with the fingerprint the vault's owner reads in `locket info VAULT` or in Locket's Settings (Signing key fingerprint), obtained another way than this file: in person, by phone, or published where you know it is theirs.",
      '请与保险库所有者在 `locket info VAULT` 或 Locket 的“设置”（签名密钥指纹）中看到的指纹比对，并通过本文件以外的途径取得：当面、电话，或在确知属于对方的地方公布。',
    ),
    w.say(
      `Check the signature: locket verify-certificate CERTIFICATE.json --expect-key "${fingerprint}"`,
      `校验签名：locket verify-certificate CERTIFICATE.json --expect-key "${fingerprint}"`,
    ),
  ];
}

/** The certificate's body as labelled lines in the writer's language and zone. */
export function readableCertificate(w: RecordWriter, rawBody: unknown): ReadableCertificate {
  const body = objectOf(rawBody);
  const counts = objectOf(body.counts);
  const wipedAt = typeof body.wipedAt === 'string' ? Date.parse(body.wipedAt) : NaN;
  const when = Number.isFinite(wipedAt)
    ? [
        w.say(`${w.dateTime(wipedAt)} (${w.timeZone})`, `${w.dateTime(wipedAt)}（${w.timeZone}）`),
        w.dateTimeUtc(wipedAt),
      ]
    : [textOf(body.wipedAt) ?? '?'];
  const who = textOf(body.wipedBy);
  return {
    title: w.say('Locket wipe certificate', 'Locket 清除证书'),
    sections: [
      { label: w.say('Vault', '保险库'), lines: [textOf(body.vaultId) ?? '?'] },
      {
        label: w.say('Wiped by', '清除人'),
        lines: [
          who ??
            w.say(
              "The vault's owner: whoever holds its passphrase and the signing key below",
              '保险库所有者：持有其口令和下方签名密钥的人',
            ),
        ],
      },
      { label: w.say('Wiped at', '清除时间'), lines: when },
      { label: w.say('Rule', '规则'), lines: ruleLines(w, body) },
      { label: w.say('Chats', '聊天'), lines: chatLines(w, body, counts) },
      { label: w.say('Destroyed', '已销毁'), lines: destroyedLines(w, body, counts) },
      { label: w.say('Audit log', '审计日志'), lines: auditLines(w, body) },
      ...(Array.isArray(body.backupsPending)
        ? [{ label: w.say('Backups', '备份'), lines: backupLines(w, body.backupsPending) }]
        : []),
      { label: w.say('Signed with', '签名密钥'), lines: keyLines(w, body) },
      { label: w.say('Locket version', 'Locket 版本'), lines: [textOf(body.locketVersion) ?? '?'] },
    ],
    footer: w.say('This certificate names no message content.', '本证书不包含任何消息内容。'),
  };
}

/** The readable certificate as plain text: a title, then each label with its lines indented under it. */
export function certificateAsText(c: ReadableCertificate): string {
  const out = [c.title.toUpperCase(), ''];
  for (const s of c.sections) {
    out.push(`${s.label}${/[\u3400-\u9fff]$/.test(s.label) ? '：' : ':'}`);
    for (const line of s.lines) out.push(`  ${line}`);
  }
  out.push('', c.footer);
  return `${out.join('\n')}\n`;
}
