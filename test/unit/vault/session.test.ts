import { describe, expect, it } from 'vitest';
import { all } from '../../../electron/core/store/sqlite';
import { VaultSession } from '../../../electron/core/vault/session';
import { TEST_PASSPHRASE, createTestVault, message } from '../../helpers/vault';

describe('a vault session', () => {
  it('stores messages across a lock and unlock, keeping 64-bit ids exact', async () => {
    const { dir, session } = await createTestVault();
    const result = await session.write((w) => w.insertMessages([message(1), message(2), message(1)]));
    expect(result).toEqual({ inserted: 2, duplicates: 1 });
    await session.lock();

    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    const [entry] = reopened.listShards();
    const rows = all<{ source_id: string; text: string }>(await reopened.shard(entry!), 'SELECT source_id, text FROM messages ORDER BY id');
    expect(rows).toEqual([
      { source_id: '9007199254740994', text: 'message 1 你好' },
      { source_id: '9007199254740995', text: 'message 2 你好' },
    ]);
    expect(reopened.generation).toBe(1);
    await reopened.lock();
  });

  it('splits a shard that outgrows its budget at its median time', async () => {
    const { dir, session } = await createTestVault({ shardBudgetBytes: 64 * 1024 });
    const batch = Array.from({ length: 2000 }, (_, i) => message(i, { text: `长消息 ${'x'.repeat(100)} ${i}` }));
    await session.write((w) => w.insertMessages(batch));
    const shards = session.listShards();
    expect(shards.length).toBeGreaterThan(2);
    expect(shards.reduce((n, s) => n + s.messageCount, 0)).toBe(2000);
    for (let i = 1; i < shards.length; i++) expect(shards[i]!.startTime).toBe(shards[i - 1]!.endTime);
    for (const s of shards) expect(s.byteSize).toBeLessThanOrEqual(64 * 1024);
    await session.lock();
    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect(await reopened.verifyAllFiles()).toEqual({ shards: shards.length, mediaFiles: 0 });
    await reopened.lock();
  });
});
