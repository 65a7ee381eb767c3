import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../electron/core/db/sqlite';
import { VaultSession } from '../../electron/core/session/vault-session';
import type { StoredMessage } from '../../electron/core/store/message-writer';
import { TEST_PASSPHRASE, testKdf } from './vault';

/**
 * A small vault for search specs: two real conversations with Chinese, English, emoji, numbers, links, files and
 * media, written in four monthly batches with fillers in a third conversation, under a shard budget small enough
 * that each month ends up in shards of its own.
 */

export const ALICE = { id: 1, username: 'wxid_alice', name: '爱丽丝 Alice' };
export const FAMILY = { id: 2, username: '12345@chatroom', name: '家人群' };
export const FILLER = { id: 3, username: 'wxid_filler', name: 'Filler' };
export const OWNER = 'wxid_me';
export const FILLERS_PER_MONTH = 150;

const at = (iso: string) => Date.parse(iso) / 1000;

export interface SearchFixtureMessage {
  key: string;
  conversationId: number;
  sender: string | null;
  time: number;
  text: string;
  kind?: string;
  payload?: Record<string, unknown>;
}

const alice = (
  key: string,
  iso: string,
  text: string,
  extra: Partial<SearchFixtureMessage> = {},
): SearchFixtureMessage => ({
  key,
  conversationId: ALICE.id,
  sender: 'wxid_alice',
  time: at(iso),
  text,
  ...extra,
});
const me = (key: string, conversationId: number, iso: string, text: string): SearchFixtureMessage => ({
  key,
  conversationId,
  sender: OWNER,
  time: at(iso),
  text,
});
const member = (key: string, sender: string, iso: string, text: string): SearchFixtureMessage => ({
  key,
  conversationId: FAMILY.id,
  sender,
  time: at(iso),
  text,
});

/** The messages specs search for, by month. Keys name them in assertions. */
export const MONTHS: SearchFixtureMessage[][] = [
  [
    alice('a1', '2024-03-01T10:00:00Z', '我们今天晚上吃火锅'),
    me('a2', ALICE.id, '2024-03-01T10:01:00Z', 'Hot Pot tonight? 🍲'),
    alice('a3', '2024-03-01T10:02:00Z', 'HOT POT sounds good 👍🏽'),
    alice('a4', '2024-03-02T10:00:00Z', '[Image]', { kind: 'image' }),
    alice('a5', '2024-03-03T10:00:00Z', '[Voice]', { kind: 'voice' }),
    // 04:00 on April 1st in Shanghai, still March 31st in UTC.
    alice('a6', '2024-03-31T20:00:00Z', 'boundary 边界'),
  ],
  [
    me('b1', ALICE.id, '2024-04-01T10:00:00Z', '会议改到 10:00，房间 305'),
    alice('b2', '2024-04-02T10:00:00Z', 'Weekly digest', {
      kind: 'link',
      payload: { title: 'Weekly digest', description: '火锅 recipes', url: 'https://example.com/digest' },
    }),
    alice('b3', '2024-04-03T10:00:00Z', 'report-2024.pdf', {
      kind: 'file',
      payload: { fileName: 'report-2024.pdf', ext: 'pdf' },
    }),
    me('b4', ALICE.id, '2024-04-04T10:00:00Z', 'see https://example.com/x'),
    alice('b5', '2024-04-05T10:00:00Z', '今天 晚上 不行'),
  ],
  [
    member('c1', 'wxid_bob', '2024-05-01T10:00:00Z', '周末一起吃火锅吗'),
    member('c2', 'wxid_carol', '2024-05-02T10:00:00Z', 'lunch or dinner'),
    me('c3', FAMILY.id, '2024-05-03T10:00:00Z', 'dinner 🍲'),
    member('c4', 'wxid_bob', '2024-05-04T10:00:00Z', '晚饭吃什么'),
    member('c5', 'wxid_bob', '2024-05-05T10:00:00Z', 'Lunch tomorrow? 明天中午'),
  ],
  [alice('d1', '2024-06-01T10:00:00Z', '今天晚上八点见'), me('d2', ALICE.id, '2024-06-02T10:00:00Z', '好的 👍')],
];

/** Filler messages: searchable as 填充物 and f<n>, and never by any other query the specs use. */
function fillers(month: number): SearchFixtureMessage[] {
  const start = Date.UTC(2024, 2 + month, 6) / 1000;
  return Array.from({ length: FILLERS_PER_MONTH }, (_, i) => ({
    key: `f${month}-${i}`,
    conversationId: FILLER.id,
    sender: 'wxid_filler',
    time: start + i * 3600,
    text: `填充物 f${month * 1000 + i} ${'z'.repeat(120)}`,
  }));
}

export function toStored(m: SearchFixtureMessage): StoredMessage {
  return {
    conversationId: m.conversationId,
    dedupeKey: `search:${m.key}`,
    sourceId: null,
    sender: m.sender,
    isSent: m.sender === OWNER,
    time: m.time,
    kind: m.kind ?? 'text',
    text: m.text,
    payload: m.payload ? JSON.stringify(m.payload) : null,
    raw: null,
    mediaId: null,
    importId: null,
  };
}

export async function fillSearchVault(session: VaultSession): Promise<void> {
  await session.write((w) => {
    const c = w.catalog;
    for (const conv of [ALICE, FAMILY, FILLER]) {
      run(c, 'INSERT INTO conversations (id, username, display_name, is_group) VALUES (?, ?, ?, ?)', [
        conv.id,
        conv.username,
        conv.name,
        conv === FAMILY ? 1 : 0,
      ]);
    }
    run(
      c,
      "INSERT INTO contacts (username, alias, nickname, remark) VALUES ('wxid_alice', 'alice_w', 'Alice Wang', '小爱')",
    );
    run(c, "INSERT INTO contacts (username, nickname) VALUES ('wxid_bob', 'Bob')");
    run(
      c,
      "INSERT INTO group_members (conversation_id, username, group_nickname) VALUES (2, 'wxid_bob', '老鲍'), (2, 'wxid_carol', 'Carol 🐱')",
    );
    w.setSetting('owner', { username: OWNER, name: 'Me Myself' });
  });
  const counts = new Map<number, number>();
  for (const [month, messages] of MONTHS.entries()) {
    const batch = [...messages, ...fillers(month)].sort((a, b) => a.time - b.time);
    for (const m of batch) counts.set(m.conversationId, (counts.get(m.conversationId) ?? 0) + 1);
    await session.write((w) => w.insertMessages(batch.map(toStored)));
  }
  // As the import pipeline keeps them: the conversation list shows only conversations with messages.
  await session.write((w) => {
    for (const [id, count] of counts)
      run(w.catalog, 'UPDATE conversations SET message_count = ? WHERE id = ?', [count, id]);
  });
}

/**
 * Creates and fills the vault in a folder of its own, not one from `tempDir()`: that helper removes its folders
 * after each test, and specs share this vault across tests (build it in `beforeAll`, call `remove` in `afterAll`).
 */
export async function createSearchVault(): Promise<{ dir: string; session: VaultSession; remove: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'locket-search-'));
  const dir = join(root, 'Search.locket');
  const { session } = await VaultSession.create(dir, TEST_PASSPHRASE, { ...testKdf, shardBudgetBytes: 64 * 1024 });
  await fillSearchVault(session);
  return { dir, session, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** All fixture messages (not fillers) by key. */
export const FIXTURE_BY_KEY = new Map(MONTHS.flat().map((m) => [m.key, m]));
