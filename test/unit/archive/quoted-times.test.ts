import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../electron/core/db/sqlite';
import { addQuotedTimes } from '../../../electron/core/archive/quoted-times';
import type { MessageView } from '../../../electron/ipc/contract';

const QUOTED_ID = '7355608000000000001';
const QUOTED_AT = 1_704_067_260;

function quote(id: number, quoted: Record<string, unknown>): MessageView {
  return {
    id,
    conversationId: 1,
    conversation: '12345678901@chatroom',
    serverId: null,
    importId: null,
    sender: 'wxid_owner',
    senderName: null,
    isSelf: true,
    time: QUOTED_AT + 600,
    text: '收到',
    line: { kind: 'text', text: '收到' },
    media: [],
    kind: 'quote',
    payload: { text: '收到', quoted: quoted as never },
    quotedLine: null,
  };
}

/** A shard holding the quoted message, as the page's shards would. */
async function shardWithQuoted() {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE messages (conversation_id INTEGER, source_id TEXT, time INTEGER)');
  db.run('INSERT INTO messages VALUES (1, ?, ?)', [QUOTED_ID, QUOTED_AT]);
  return db;
}

const timeOf = (m: MessageView) => (m.kind === 'quote' ? m.quotedTime : null);

describe('addQuotedTimes', () => {
  it("takes the quote's own time when it has one, without looking the quoted message up", async () => {
    const m = quote(1, { sourceId: null, text: '明天见', time: QUOTED_AT - 86_400 * 400 });
    await addQuotedTimes([m], [], (db) => db);
    expect(timeOf(m)).toBe(QUOTED_AT - 86_400 * 400);
  });

  it.each([
    ['a string', '1704067260'],
    ['in milliseconds', QUOTED_AT * 1000],
    ['negative', -QUOTED_AT],
    ['not finite', Number.NaN],
    ['an object', { seconds: QUOTED_AT }],
  ])('ignores a stored time that is %s and finds the quoted message instead', async (_name, time) => {
    const db = await shardWithQuoted();
    const m = quote(1, { sourceId: QUOTED_ID, text: '明天见', time });
    await addQuotedTimes([m], [db], (db) => db);
    expect(timeOf(m)).toBe(QUOTED_AT);
    const alone = quote(2, { sourceId: null, text: '明天见', time });
    await addQuotedTimes([alone], [db], (db) => db);
    expect(timeOf(alone)).toBeUndefined();
    db.close();
  });
});
