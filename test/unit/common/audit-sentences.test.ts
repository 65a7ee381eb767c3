import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditSentence, rawFields } from '../../../electron/common/audit-sentences';
import { certificateAsText, readableCertificate } from '../../../electron/common/certificate-lines';
import { RecordWriter, namesFromLists, recordLanguageOf } from '../../../electron/common/record-language';

const names = namesFromLists({
  conversations: [
    { id: 3, displayName: 'Lena' },
    { id: 4, displayName: '工作群' },
  ],
  classes: [{ id: 2, name: 'Business records' }],
  holds: [{ id: 1, placedBy: '林晓' }],
});

/** Midnight in Shanghai of a day, as UTC seconds (how holds store their range). */
const shanghaiMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 1000 - 8 * 3600;

/** One entry of each action the core writes, with details shaped as the core writes them. */
const DETAILS: Record<(typeof AUDIT_ACTIONS)[number], Record<string, unknown>> = {
  'vault-created': {},
  import: { importId: 'i1', formats: ['pc3'], imported: 1234, duplicates: 56, sourceFiles: ['aa a.db', 'bb b.db'] },
  export: {
    exportId: 'e1',
    conversations: [3, 4],
    messages: 120,
    parts: 1,
    format: 'html',
    caseReference: 'C-1',
    exporter: 'Alice',
    pseudonymized: 2,
  },
  'hold-placed': {
    holdId: 1,
    name: 'Matter 2026-17',
    by: '林晓',
    conversations: [3],
    from: shanghaiMidnight(2026, 10, 1),
    to: shanghaiMidnight(2027, 1, 1),
  },
  'hold-released': { holdId: 1, name: 'Matter 2026-17', releasedBy: 'Bob' },
  'class-saved': { classId: 2, name: 'Business records', keepAmount: 7, keepUnit: 'years' },
  'class-assigned': { target: 'conversation:3', classId: 2, assigned: 1 },
  wipe: {
    rule: 'expired',
    messages: 120,
    conversations: 2,
    mediaFiles: 4,
    heldMessagesKept: 3,
    destroyedKeyIds: ['k1', 'k2'],
  },
  backup: { backupId: 2, generation: 14, filesCopied: 12, filesRemoved: 3, wipesCleared: [9] },
  'mcp-session': {
    scope: 'Supplier X',
    conversations: [3],
    pseudonymized: true,
    toolCalls: 4,
    messagesReturned: 37,
    endedBy: 'client-closed',
  },
};

const writer = (lang: 'en' | 'zh-CN') => new RecordWriter(lang, 'Asia/Shanghai', names);
const sentence = (lang: 'en' | 'zh-CN', action: string, details: Record<string, unknown>) =>
  auditSentence(writer(lang), { sequence: 1, time: Date.UTC(2026, 9, 1, 2), action, details });

/** Every action name an `appendAudit(writer, 'action', …)` call in the core's sources writes. */
function actionsTheCoreWrites(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/appendAudit\(\s*\w+,\s*'([^']+)'/g)) found.add(m[1]!);
    }
  };
  walk(join(__dirname, '../../../electron/core'));
  return found;
}

describe('audit sentences', () => {
  it('cover every action the core writes, in both languages', () => {
    const written = actionsTheCoreWrites();
    expect(written.size).toBeGreaterThanOrEqual(7);
    for (const action of written) expect(AUDIT_ACTIONS).toContain(action);
    for (const action of AUDIT_ACTIONS)
      for (const lang of ['en', 'zh-CN'] as const) {
        const s = sentence(lang, action, DETAILS[action]);
        expect(s.isKnown).toBe(true);
        expect(s.text).not.toMatch(/undefined|null|NaN|\[object/);
        // Chinese sentences carry no English words of their own: only the names and codes put in them.
        if (lang === 'zh-CN')
          expect(
            s.text.replace(/Lena|Alice|Bob|Business records|Matter 2026-17|C-1|html|Supplier X|locket mcp/g, ''),
          ).not.toMatch(/[A-Za-z]{3,}/);
      }
  });

  it("say the issue's hold in both languages, with the days in the chosen zone", () => {
    expect(sentence('en', 'hold-placed', DETAILS['hold-placed'])).toEqual({
      actor: '林晓',
      text: "林晓 placed legal hold 'Matter 2026-17' on Lena, 2026-10-01 – 2026-12-31.",
      isKnown: true,
    });
    expect(sentence('zh-CN', 'hold-placed', DETAILS['hold-placed']).text).toBe(
      '林晓对 Lena 设置了诉讼保全“Matter 2026-17”，范围 2026-10-01 至 2026-12-31。',
    );
    // In UTC the same range starts the evening before.
    const utc = auditSentence(new RecordWriter('en', 'UTC', names), {
      sequence: 1,
      time: 0,
      action: 'hold-placed',
      details: DETAILS['hold-placed'],
    });
    expect(utc.text).toContain('2026-09-30 – 2026-12-31');
  });

  it('name the actor, from the entry or the hold, and fall back to the vault owner', () => {
    const { by: _by, ...older } = DETAILS['hold-placed'];
    expect(sentence('en', 'hold-placed', older).actor).toBe('林晓');
    expect(sentence('en', 'class-saved', DETAILS['class-saved']).actor).toBe('The vault owner');
    expect(sentence('zh-CN', 'class-saved', DETAILS['class-saved']).actor).toBe('保险库所有者');
    expect(sentence('en', 'export', DETAILS.export).actor).toBe('Alice');
    expect(sentence('en', 'wipe', { ...DETAILS.wipe, by: 'Carol' }).actor).toBe('Carol');
  });

  it('read exact sentences for imports, wipes and class changes', () => {
    expect(sentence('en', 'import', DETAILS.import).text).toBe(
      'The vault owner imported 1,234 messages from 2 files; 56 messages were already in the vault.',
    );
    expect(sentence('zh-CN', 'import', DETAILS.import).text).toBe(
      '保险库所有者从 2 个文件导入了 1,234 条消息，其中 56 条已在保险库中。',
    );
    expect(sentence('en', 'wipe', DETAILS.wipe).text).toBe(
      "The vault owner wiped 120 messages from 2 chats (expired under the vault's retention classes), destroying 4 media files and 2 keys; 3 held messages were kept.",
    );
    expect(sentence('zh-CN', 'wipe', DETAILS.wipe).text).toBe(
      '保险库所有者从 2 个聊天中清除了 120 条消息（按保险库的留存类别已过期），销毁了 4 个媒体文件和 2 把密钥；3 条受保全的消息被保留。',
    );
    expect(sentence('en', 'class-assigned', { target: 'vault-default', classId: 2 }).text).toBe(
      "The vault owner made 'Business records' the vault's default retention class.",
    );
    expect(sentence('zh-CN', 'class-assigned', { target: 'messages:3', classId: null, assigned: 3 }).text).toBe(
      '保险库所有者移除了 3 条消息的留存类别。',
    );
    expect(sentence('zh-CN', 'class-saved', { ...DETAILS['class-saved'], keepAmount: null, keepUnit: null }).text).toBe(
      '保险库所有者保存了留存类别“Business records”：永久保留。',
    );
  });

  it('read a chat the vault no longer knows by its number, and hostile details without breaking', () => {
    expect(sentence('en', 'hold-placed', { ...DETAILS['hold-placed'], conversations: [99] }).text).toContain(
      'on chat #99,',
    );
    for (const action of AUDIT_ACTIONS)
      for (const details of [{}, { messages: 'many', conversations: 'x', from: 'y', destroyedKeyIds: 7 }])
        expect(() => sentence('zh-CN', action, details)).not.toThrow();
  });

  it('describe an action from a newer Locket neutrally, with its raw fields', () => {
    const s = sentence('en', 'vault-rekeyed', { keys: 3 });
    expect(s).toMatchObject({ isKnown: false, actor: 'The vault owner' });
    expect(s.text).toBe(
      "The vault owner recorded an action this version of Locket does not describe: 'vault-rekeyed'.",
    );
    expect(sentence('zh-CN', 'vault-rekeyed', {}).text).toBe(
      '保险库所有者记录了本版本 Locket 无法描述的操作“vault-rekeyed”。',
    );
    expect(rawFields({ keys: 3, ids: [1, 2], name: 'x' })).toEqual(['keys: 3', 'ids: [1,2]', 'name: x']);
  });

  it('group numbers as Intl does in both languages (without asking Intl for integers)', () => {
    for (const lang of ['en', 'zh-CN'] as const)
      for (const n of [0, 7, 999, 1000, 1_234_567, -1234, 12_345_678_901])
        expect(new RecordWriter(lang, 'UTC').number(n)).toBe(new Intl.NumberFormat(lang).format(n));
  });

  it('take the language from --lang or the environment', () => {
    expect(recordLanguageOf('zh-CN')).toBe('zh-CN');
    expect(recordLanguageOf('zh_CN.UTF-8')).toBe('zh-CN');
    expect(recordLanguageOf('en_GB.UTF-8')).toBe('en');
    expect(recordLanguageOf('fr')).toBeNull();
  });
});

describe('the readable wipe certificate', () => {
  const body = {
    type: 'locket-wipe-certificate',
    version: 1,
    vaultId: 'vault-1',
    wipedAt: '2026-10-02T06:03:22.000Z',
    rule: 'chosen by the user',
    scope: { kind: 'conversation', conversationId: 3, before: shanghaiMidnight(2026, 3, 1) },
    counts: {
      messages: 120,
      conversations: 1,
      mediaFiles: 4,
      mediaBytes: 1_258_291,
      shardsRewritten: 2,
      heldMessagesKept: 3,
    },
    byClass: [],
    chats: [
      {
        conversationId: 3,
        name: 'Lena',
        messages: 120,
        first: shanghaiMidnight(2026, 1, 2) + 3600,
        last: shanghaiMidnight(2026, 2, 27) + 3600,
      },
    ],
    destroyedKeyIds: ['k1', 'k2', 'k3'],
    auditSequence: 9,
    auditHead: { entries: 9, hash: 'ab'.repeat(32) },
    locketVersion: '0.1.0',
    signingKey: { algorithm: 'Ed25519', publicKey: 'AAAA', fingerprint: '1234 abcd' },
  };

  it('reads in English: who, when local and UTC, the chat with its count and days, the rule, the key', () => {
    const text = certificateAsText(readableCertificate(writer('en'), body));
    expect(text).toContain('Wiped at:\n  2026-10-02 14:03:22 (Asia/Shanghai)\n  2026-10-02 06:03:22 UTC\n');
    expect(text).toContain('Rule:\n  A chat chosen by the owner\n  The chat Lena, until 2026-02-28\n');
    expect(text).toContain('Chats:\n  Lena: 120 messages, sent 2026-01-02 – 2026-02-27\n');
    expect(text).toContain('  4 media files (1.2 MB)\n');
    expect(text).toContain('  Kept: 3 messages under legal hold\n');
    expect(text).toContain('Ed25519 key fingerprint 1234 abcd');
    expect(text).toContain('`locket info VAULT`');
    expect(text).toContain('--expect-key "1234 abcd"');
  });

  it('reads in Chinese with the same facts', () => {
    const text = certificateAsText(readableCertificate(writer('zh-CN'), { ...body, wipedBy: '林晓' }));
    expect(text).toContain('清除人：\n  林晓\n');
    expect(text).toContain('清除时间：\n  2026-10-02 14:03:22（Asia/Shanghai）\n  2026-10-02 06:03:22 UTC\n');
    expect(text).toContain('聊天：\n  Lena：120 条消息，发送于 2026-01-02 至 2026-02-27\n');
    expect(text).toContain('规则：\n  所有者选定的聊天\n  聊天 Lena，范围截至 2026-02-28\n');
    expect(text).toContain('Ed25519 密钥指纹 1234 abcd');
    expect(text).toContain('本证书不包含任何消息内容。');
  });

  it('reads an older certificate (no chats recorded) and a hostile one without breaking', () => {
    const { chats: _chats, ...older } = body;
    expect(certificateAsText(readableCertificate(writer('en'), older))).toContain(
      'Chats:\n  Lena: 1 chat (this certificate is older than per-chat counts)\n',
    );
    for (const hostile of [null, 7, 'x', { counts: 'x', chats: [null, 3], scope: [], byClass: [{}] }])
      expect(() => certificateAsText(readableCertificate(writer('zh-CN'), hostile))).not.toThrow();
  });
});
