import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf } from '../../../electron/core/stats/calendar-months';
import { messageStats } from '../../../electron/core/stats/message-stats';
import { run } from '../../../electron/core/db/sqlite';
import { VaultSession } from '../../../electron/core/session/vault-session';
import type { StoredMessage } from '../../../electron/core/store/message-writer';
import { TEST_PASSPHRASE, testKdf } from '../../helpers/vault';

/**
 * A generated vault: three conversations, 40 senders, 6,000 messages over 2½ years at pseudo-random times (month
 * edges and a DST change included), split into many shards. Every count is checked against a brute-force count of
 * the generated messages themselves.
 */
const OWNER = 'wxid_owner';
const GROUP = 2;
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

function generate(count: number): StoredMessage[] {
  const start = Date.UTC(2022, 0, 1) / 1000;
  const span = Date.UTC(2024, 6, 1) / 1000 - start;
  return Array.from({ length: count }, (_, n) => {
    const conversationId = 1 + (n % 3);
    const isSent = n % 5 === 0;
    // Some messages sit right on a UTC month edge, where zones disagree about the month.
    const time = n % 97 === 0 ? Date.UTC(2023, n % 12, 1) / 1000 - 3600 : start + Math.floor(random() * span);
    const sender = isSent
      ? n % 10 === 0
        ? null
        : OWNER
      : n % 41 === 0
        ? null
        : `wxid_p${Math.floor(random() * random() * 40)}`;
    return {
      conversationId,
      dedupeKey: `stats:${n}`,
      sourceId: null,
      sender,
      isSent,
      time,
      kind: sender === null && !isSent ? 'system' : 'text',
      text: `m${n}`,
      payload: null,
      raw: null,
      mediaId: null,
      importId: null,
    };
  });
}

const MESSAGES = generate(6000);
let session: VaultSession;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'locket-stats-'));
  ({ session } = await VaultSession.create(join(root, 'Stats.locket'), TEST_PASSPHRASE, {
    ...testKdf,
    shardBudgetBytes: 48 * 1024,
  }));
  await session.write((w) => {
    run(
      w.catalog,
      "INSERT INTO conversations (id, username, display_name, is_group) VALUES (1, 'wxid_p1', 'P1', 0), (2, '1@chatroom', 'Group', 1), (3, 'wxid_p2', 'P2', 0)",
    );
    run(
      w.catalog,
      "INSERT INTO contacts (username, nickname, remark) VALUES ('wxid_p0', 'Zero', '零号'), ('wxid_p1', 'One', NULL)",
    );
    run(
      w.catalog,
      "INSERT INTO group_members (conversation_id, username, group_nickname) VALUES (2, 'wxid_p0', '群里的零'), (2, 'wxid_p3', '小三')",
    );
    w.setSetting('owner', { username: OWNER, name: 'Owner' });
  });
  for (let i = 0; i < MESSAGES.length; i += 1500)
    await session.write((w) => w.insertMessages(MESSAGES.slice(i, i + 1500)));
}, 60_000);

afterAll(async () => {
  await session.lock();
  rmSync(root, { recursive: true, force: true });
});

function bruteMonths(messages: StoredMessage[], timeZone: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const { year, month } = monthOf(m.time, timeZone);
    const key = `${year}-${String(month).padStart(2, '0')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function bruteSenders(messages: StoredMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const who = m.sender ?? (m.isSent ? OWNER : null);
    if (who) counts.set(who, (counts.get(who) ?? 0) + 1);
  }
  return counts;
}

describe('message statistics', () => {
  it('the vault is spread over many shards', () => {
    expect(session.listShards().length).toBeGreaterThan(4);
  });

  for (const timeZone of ['Asia/Shanghai', 'America/New_York', 'UTC']) {
    it(`counts the vault per calendar month in ${timeZone} exactly as a brute-force count does`, async () => {
      const stats = await messageStats(session, { timeZone });
      const expected = bruteMonths(MESSAGES, timeZone);
      expect(stats.total).toBe(MESSAGES.length);
      expect(stats.months.filter((m) => m.messages > 0).map((m) => [m.month, m.messages])).toEqual(
        [...expected.entries()].sort(([a], [b]) => a.localeCompare(b)),
      );
      // Every month between the first and the last is there, empty ones too, in order.
      expect(stats.months.length).toBe(new Set(stats.months.map((m) => m.month)).size);
      expect(stats.months[0]!.month).toBe([...expected.keys()].sort()[0]);
      expect(stats.firstTime).toBe(Math.min(...MESSAGES.map((m) => m.time)));
      expect(stats.lastTime).toBe(Math.max(...MESSAGES.map((m) => m.time)));
    });
  }

  it('counts one conversation per month and per sender, with group nicknames, top N and others', async () => {
    const inGroup = MESSAGES.filter((m) => m.conversationId === GROUP);
    const stats = await messageStats(session, { conversationId: GROUP, timeZone: 'Asia/Shanghai', topSenders: 5 });
    expect(stats.conversationId).toBe(GROUP);
    expect(stats.total).toBe(inGroup.length);
    expect(new Map(stats.months.filter((m) => m.messages > 0).map((m) => [m.month, m.messages]))).toEqual(
      bruteMonths(inGroup, 'Asia/Shanghai'),
    );
    const expected = [...bruteSenders(inGroup).entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    expect(stats.senders.map((s) => [s.username, s.messages])).toEqual(expected.slice(0, 5));
    expect(stats.others).toEqual({
      people: expected.length - 5,
      messages: expected.slice(5).reduce((sum, [, n]) => sum + n, 0),
    });
    expect(stats.withoutSender).toBe(inGroup.filter((m) => m.sender === null && !m.isSent).length);
    const byName = new Map(stats.senders.map((s) => [s.username, s]));
    expect(byName.get(OWNER)).toMatchObject({ displayName: 'Owner', isSelf: true });
    if (byName.has('wxid_p0')) expect(byName.get('wxid_p0')!.displayName).toBe('群里的零');
  });

  it('names people across the vault by their remark first, else a group nickname, else their username', async () => {
    const stats = await messageStats(session, { topSenders: 50 });
    const byName = new Map(stats.senders.map((s) => [s.username, s.displayName]));
    expect(byName.get('wxid_p0')).toBe('零号');
    expect(byName.get('wxid_p1')).toBe('One');
    expect(byName.get('wxid_p3')).toBe('小三');
    expect(byName.get('wxid_p9')).toBe('wxid_p9');
    expect(stats.others.people).toBe(0);
    expect(stats.senders.reduce((sum, s) => sum + s.messages, 0) + stats.withoutSender).toBe(MESSAGES.length);
  });

  it('counts again what a later write changed, and nothing from a write that was rolled back', async () => {
    const before = await messageStats(session, { timeZone: 'UTC' });
    // Read mid-write, then the write fails: the vault keeps its old shards, and the stats must not keep that read.
    await expect(
      session.write(async (w) => {
        await w.insertMessages(generate(200).map((m, n) => ({ ...m, dedupeKey: `rolled-back:${n}` })));
        // A zone not asked for before, so the shards are read now, uncommitted rows and all.
        await messageStats(session, { timeZone: 'Asia/Tokyo' });
        throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    expect((await messageStats(session, { timeZone: 'Asia/Tokyo' })).total).toBe(before.total);
    const more = generate(300).map((m, n) => ({ ...m, dedupeKey: `later:${n}` }));
    await session.write((w) => w.insertMessages(more));
    const after = await messageStats(session, { timeZone: 'UTC' });
    expect(after.total).toBe(MESSAGES.length + more.length);
    expect(new Map(after.months.filter((m) => m.messages > 0).map((m) => [m.month, m.messages]))).toEqual(
      bruteMonths([...MESSAGES, ...more], 'UTC'),
    );
  });

  it('refuses an unknown zone, conversation or top-N count', async () => {
    await expect(messageStats(session, { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(messageStats(session, { conversationId: 99 })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(messageStats(session, { topSenders: 0 })).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});
