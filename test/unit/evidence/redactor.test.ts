import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/evidence/redactor';
import { run } from '../../../electron/core/db/sqlite';
import { createTestVault } from '../../helpers/vault';

async function catalog() {
  const { session } = await createTestVault();
  await session.write((w) => {
    run(
      w.catalog,
      "INSERT INTO contacts (username, alias, nickname, remark) VALUES ('wxid_alice88', 'alice_w', 'Alice Wang', '小爱'), ('wxid_bob', NULL, 'Bob', NULL)",
    );
    run(
      w.catalog,
      "INSERT INTO conversations (id, username, display_name, is_group) VALUES (1, 'g@chatroom', '群', 1), (2, 'wxid_alice88', '小爱', 0)",
    );
    run(
      w.catalog,
      "INSERT INTO group_members (conversation_id, username, group_nickname) VALUES (1, 'wxid_alice88', '爱丽丝'), (1, 'wxid_bob', 'B')",
    );
  });
  return session;
}

describe('redaction', () => {
  it('gives chosen participants consistent pseudonyms and replaces every name they are known by', async () => {
    const session = await catalog();
    const r = new Redactor(session.catalog, { pseudonymize: ['wxid_alice88', 'wxid_bob'], maskIdentifiers: true });
    expect(r.pseudonymOf('wxid_alice88')).toBe('Participant A');
    expect(r.pseudonymOf('wxid_bob')).toBe('Participant B');
    expect(r.pseudonymOf('wxid_carol')).toBeNull();
    expect(r.text('小爱说 Alice Wang 和 alice wang 都是爱丽丝 (alice_w, wxid_alice88), Bob 也在')).toBe(
      'Participant A说 Participant A 和 Participant A 都是Participant A (Participant A, Participant A), Participant B 也在',
    );
    // A one-character group nickname is not hunted for inside words.
    expect(r.text('Bravo')).toBe('Bravo');
    expect(r.deep({ quoted: { sender: 'wxid_alice88', text: ['小爱'] }, n: 3 })).toEqual({
      quoted: { sender: 'Participant A', text: ['Participant A'] },
      n: 3,
    });
    expect(r.takeStats().names).toBe(9);
    // A Chinese bag names them in Chinese, with the same letters in the same order.
    const zh = new Redactor(
      session.catalog,
      { pseudonymize: ['wxid_alice88', 'wxid_bob'], maskIdentifiers: true },
      'zh-CN',
    );
    expect(zh.pseudonymOf('wxid_bob')).toBe('参与者 B');
    expect(zh.text('小爱和 Bob')).toBe('参与者 A和 参与者 B');
    await session.lock();
  });

  it('masks phone numbers and wxids in text, and leaves amounts and long ids alone', async () => {
    const session = await catalog();
    const r = new Redactor(session.catalog, { pseudonymize: [], maskIdentifiers: true });
    expect(r.text('手机 13812345678、+86 138-1234-5678、办公室 010-62345678、+1 415 555 0100')).toBe(
      '手机 [phone]、[phone]、办公室 [phone]、[phone]',
    );
    expect(r.text('加我 wxid_k2j3h4g5 谢谢')).toBe('加我 [WeChat ID] 谢谢');
    expect(r.text('转账 ￥200.00，单号 1000050001202401020000000001，时间 10:00')).toBe(
      '转账 ￥200.00，单号 1000050001202401020000000001，时间 10:00',
    );
    expect(r.takeStats()).toEqual({ names: 0, phoneNumbers: 4, wechatIds: 1 });
    const zh = new Redactor(session.catalog, { pseudonymize: [], maskIdentifiers: true }, 'zh-CN');
    expect(zh.text('手机 13812345678，加我 wxid_k2j3h4g5')).toBe('手机 [电话号码]，加我 [微信号]');
    const off = new Redactor(session.catalog, { pseudonymize: [], maskIdentifiers: false });
    expect(off.isActive).toBe(false);
    expect(off.text('13812345678 wxid_abc123')).toBe('13812345678 wxid_abc123');
    await session.lock();
  });
});
