import { RecordWriter, idsOf, numberOf, textOf } from './record-language';

/**
 * Every action the audit log records. The core's `appendAudit` takes only these, and each has a sentence below
 * (`SENTENCES` is typed by this list, and a test reads the core's sources for every action it writes).
 */
export const AUDIT_ACTIONS = [
  'vault-created',
  'import',
  'export',
  'hold-placed',
  'hold-released',
  'class-saved',
  'class-assigned',
  'wipe',
  'backup',
  'mcp-session',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** An audit entry as the log lists it: details hold counts, ids and names, never message content. */
export interface AuditRecord {
  sequence: number;
  /** ms since the epoch. */
  time: number;
  action: string;
  details: Record<string, unknown>;
}

export interface AuditSentence {
  /** Who did it: the name the entry records, or the vault's owner (the only one who can unlock it). */
  actor: string;
  /** Who did what to what, as one sentence. */
  text: string;
  /** False for an action this version does not know (a newer Locket wrote it): the sentence is neutral. */
  isKnown: boolean;
}

type Sentence = (w: RecordWriter, d: Record<string, unknown>, actor: string) => string;

const OWNER = (w: RecordWriter) => w.say('The vault owner', '保险库所有者');

/** Who did it, where the entry says. */
function actorOf(w: RecordWriter, action: string, d: Record<string, unknown>): string {
  const named =
    action === 'hold-placed'
      ? (textOf(d.by) ?? (numberOf(d.holdId) !== null ? w.names.holdPlacedBy?.(numberOf(d.holdId)!) : null))
      : action === 'hold-released'
        ? textOf(d.releasedBy)
        : action === 'export'
          ? textOf(d.exporter)
          : textOf(d.by);
  return named ?? OWNER(w);
}

function keepWords(w: RecordWriter, amount: number | null, unit: string | null): string {
  if (amount === null || !unit) return w.say('keep forever', '永久保留');
  const en = { days: ['day', 'days'], months: ['month', 'months'], years: ['year', 'years'] }[unit];
  const zh = { days: '天', months: '个月', years: '年' }[unit];
  if (!en || !zh) return w.say(`keep ${amount} ${unit}`, `保留 ${amount} ${unit}`);
  return w.say(`keep ${w.count(amount, en[0]!, en[1]!, '')}`, w.join('保留', w.number(amount), zh));
}

function className(w: RecordWriter, d: Record<string, unknown>): string {
  const id = numberOf(d.classId);
  const stored = textOf(d.name) ?? undefined;
  const name = id === null ? stored : (w.names.retentionClass?.(id, stored) ?? stored);
  return w.quote(name ?? (id === null ? '?' : `#${id}`));
}

const SENTENCES: Record<AuditAction, Sentence> = {
  'vault-created': (w, _d, actor) => w.say(`${actor} created the vault.`, w.join(actor, '创建了保险库。')),

  import(w, d, actor) {
    const imported = numberOf(d.imported) ?? 0;
    const duplicates = numberOf(d.duplicates) ?? 0;
    const files = Array.isArray(d.sourceFiles) ? d.sourceFiles.length : 0;
    const en = `${actor} imported ${w.count(imported, 'message', 'messages', '')}${files ? ` from ${w.count(files, 'file', 'files', '')}` : ''}`;
    const zh = w.join(actor, files ? `从 ${w.number(files)} 个文件` : '', '导入了', w.number(imported), '条消息');
    if (!duplicates) return w.say(`${en}.`, `${zh}。`);
    const already = duplicates === 1 ? '1 message was' : `${w.number(duplicates)} messages were`;
    return w.say(
      `${en}; ${already} already in the vault.`,
      w.join(zh, '，其中', w.number(duplicates), '条已在保险库中。'),
    );
  },

  export(w, d, actor) {
    const messages = numberOf(d.messages) ?? 0;
    const chats = idsOf(d.conversations);
    const parts = numberOf(d.parts) ?? 1;
    const format = textOf(d.format);
    const caseRef = textOf(d.caseReference);
    const pseudonymized = numberOf(d.pseudonymized) ?? 0;
    const from = chats.length ? w.chats(chats) : null;
    const en =
      `${actor} exported ${w.count(messages, 'message', 'messages', '')}${from ? ` from ${from}` : ''} as ` +
      `${parts > 1 ? `${w.number(parts)} evidence bags` : 'an evidence bag'}${format ? ` (${format})` : ''}` +
      `${caseRef ? ` for case ${w.quote(caseRef)}` : ''}` +
      `${pseudonymized ? `, ${w.count(pseudonymized, 'person', 'people', '')} pseudonymized` : ''}.`;
    const zh = w.join(
      actor,
      caseRef ? `为案件${w.quote(caseRef)}` : '',
      '导出了',
      from ?? '',
      from ? '的' : '',
      w.number(messages),
      '条消息，生成',
      w.number(parts),
      '个证据包',
      format ? `（${format}）` : '',
      pseudonymized ? `，其中 ${w.number(pseudonymized)} 人已化名` : '',
      '。',
    );
    return w.say(en, zh);
  },

  'hold-placed'(w, d, actor) {
    const chats = idsOf(d.conversations);
    const range = w.dayRange(numberOf(d.from), numberOf(d.to));
    const name = w.quote(textOf(d.name) ?? '?');
    const on = chats.length ? w.chats(chats) : w.say('no chat', '（无聊天）');
    return w.say(
      `${actor} placed legal hold ${name} on ${on}, ${range ?? 'all dates'}.`,
      w.join(actor, '对', on, '设置了诉讼保全', name, '，范围', range ?? '不限日期', '。'),
    );
  },

  'hold-released'(w, d, actor) {
    const name = w.quote(textOf(d.name) ?? '?');
    const reason = textOf(d.reason);
    return w.say(
      `${actor} released legal hold ${name}${reason ? `, giving the reason: ${reason}` : ''}.`,
      w.join(actor, '解除了诉讼保全', name, reason ? `，理由：${reason}` : '', '。'),
    );
  },

  'class-saved'(w, d, actor) {
    const keep = keepWords(w, numberOf(d.keepAmount), textOf(d.keepUnit));
    return w.say(
      `${actor} saved retention class ${className(w, d)}: ${keep}.`,
      w.join(actor, '保存了留存类别', className(w, d), '：', keep, '。'),
    );
  },

  'class-assigned'(w, d, actor) {
    const target = textOf(d.target) ?? '';
    const assigned = numberOf(d.assigned);
    const removed = d.classId === null;
    const cls = className(w, d);
    if (target === 'vault-default')
      return w.say(
        `${actor} made ${cls} the vault's default retention class.`,
        w.join(actor, '将', cls, '设为保险库的默认留存类别。'),
      );
    const [kind, value = ''] = target.split(/:(.*)/s);
    let what: string;
    if (kind === 'conversation' && /^\d+$/.test(value)) what = w.chat(Number(value));
    else if (kind === 'contact') what = w.say(`contact ${value}`, `联系人 ${value}`);
    else if (kind === 'messages')
      what = w.say(
        w.count(assigned ?? Number(value), 'message', 'messages', ''),
        `${w.number(assigned ?? Number(value))} 条消息`,
      );
    else what = target || w.say('something', '某项内容');
    return removed
      ? w.say(`${actor} removed the retention class of ${what}.`, w.join(actor, '移除了', what, '的留存类别。'))
      : w.say(
          `${actor} assigned retention class ${cls} to ${what}.`,
          w.join(actor, '将留存类别', cls, '指定给', what, '。'),
        );
  },

  wipe(w, d, actor) {
    const messages = numberOf(d.messages) ?? 0;
    const chats = numberOf(d.conversations) ?? 0;
    const media = numberOf(d.mediaFiles) ?? 0;
    const keys = Array.isArray(d.destroyedKeyIds) ? d.destroyedKeyIds.length : 0;
    const held = numberOf(d.heldMessagesKept) ?? 0;
    const rule = ruleWords(w, textOf(d.rule));
    const en =
      `${actor} wiped ${w.count(messages, 'message', 'messages', '')} from ${w.count(chats, 'chat', 'chats', '')} (${rule}), ` +
      `destroying ${w.count(media, 'media file', 'media files', '')} and ${w.count(keys, 'key', 'keys', '')}` +
      `${held ? `; ${w.count(held, 'held message was', 'held messages were', '')} kept` : ''}.`;
    const zh = w.join(
      actor,
      '从',
      w.number(chats),
      '个聊天中清除了',
      w.number(messages),
      `条消息（${rule}），销毁了`,
      w.number(media),
      '个媒体文件和',
      w.number(keys),
      '把密钥',
      held ? `；${w.number(held)} 条受保全的消息被保留` : '',
      '。',
    );
    return w.say(en, zh);
  },

  backup(w, d, actor) {
    const id = numberOf(d.backupId);
    const copied = numberOf(d.filesCopied) ?? 0;
    const removed = numberOf(d.filesRemoved) ?? 0;
    const cleared = idsOf(d.wipesCleared);
    const folder =
      id === null ? w.say('a backup folder', '备份文件夹') : w.say(`backup folder #${id}`, `第 ${id} 号备份文件夹`);
    const wipes = cleared.map((n) => `#${n}`).join(', ');
    return w.say(
      `${actor} backed up the vault to ${folder}: ${w.count(copied, 'file', 'files', '')} copied, ${w.count(removed, 'file', 'files', '')} removed` +
        `${cleared.length ? `; it no longer holds the data of ${cleared.length === 1 ? 'wipe' : 'wipes'} ${wipes}` : ''}.`,
      w.join(
        actor,
        '将保险库备份到',
        folder,
        '：复制',
        w.number(copied),
        '个文件，删除',
        w.number(removed),
        '个文件',
        cleared.length ? `；其中已不再含有第 ${wipes} 条清除记录所清除的数据` : '',
        '。',
      ),
    );
  },

  'mcp-session'(w, d) {
    const chats = idsOf(d.conversations);
    const scope = textOf(d.scope);
    const calls = numberOf(d.toolCalls) ?? 0;
    const returned = numberOf(d.messagesReturned) ?? 0;
    const pseudonymized = d.pseudonymized === true;
    const on = chats.length ? w.chats(chats) : w.say('no chat', '（无聊天）');
    return w.say(
      `An AI assistant read the archive through locket mcp${scope ? ` (scope ${w.quote(scope)})` : ''}, limited to ${on}` +
        `${pseudonymized ? ', with names pseudonymized' : ''}: ${w.count(calls, 'tool call', 'tool calls', '')} returned ${w.count(returned, 'message', 'messages', '')}.`,
      w.join(
        'AI 助手通过 locket mcp',
        scope ? `（范围${w.quote(scope)}）` : '',
        '读取了存档，仅限',
        on,
        pseudonymized ? '，姓名已化名' : '',
        '：',
        w.number(calls),
        '次工具调用，返回',
        w.number(returned),
        '条消息。',
      ),
    );
  },
};

/** The rule a wipe followed, in words. */
export function ruleWords(w: RecordWriter, rule: string | null): string {
  if (rule === 'expired') return w.say("expired under the vault's retention classes", '按保险库的留存类别已过期');
  if (rule === 'conversation') return w.say('a chat chosen by the owner', '所有者选定的聊天');
  if (rule === 'messages') return w.say('messages chosen one by one', '逐条选定的消息');
  return w.say('chosen by the owner', '由所有者选定');
}

function isKnownAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

/** One audit entry as a sentence in the writer's language; an action this version does not know reads neutrally. */
export function auditSentence(w: RecordWriter, entry: AuditRecord): AuditSentence {
  const details = entry.details && typeof entry.details === 'object' ? entry.details : {};
  const actor = actorOf(w, entry.action, details);
  if (!isKnownAction(entry.action))
    return {
      actor,
      text: w.say(
        `${actor} recorded an action this version of Locket does not describe: ${w.quote(entry.action)}.`,
        w.join(actor, '记录了本版本 Locket 无法描述的操作', w.quote(entry.action), '。'),
      ),
      isKnown: false,
    };
  return { actor, text: SENTENCES[entry.action](w, details, actor), isKnown: true };
}

/** The entry's raw fields, one "name: value" each, for the disclosure behind a sentence and for exports. */
export function rawFields(details: Record<string, unknown>): string[] {
  return Object.entries(details ?? {}).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
}
