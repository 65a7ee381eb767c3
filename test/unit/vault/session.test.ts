import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all } from '../../../electron/core/db/sqlite';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { TEST_PASSPHRASE, createTestVault, message } from '../../helpers/vault';

describe('a vault session', () => {
  it('stores messages across a lock and unlock, keeping 64-bit ids exact', async () => {
    const { dir, session } = await createTestVault();
    const result = await session.write((w) => w.insertMessages([message(1), message(2), message(1)]));
    expect(result).toEqual({ inserted: 2, duplicates: 1, isNew: [true, true, false] });
    await session.lock();

    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    const [entry] = reopened.listShards();
    const rows = all<{ source_id: string; text: string }>(
      await reopened.shard(entry!),
      'SELECT source_id, text FROM messages ORDER BY id',
    );
    expect(rows).toEqual([
      { source_id: '9007199254740994', text: 'message 1 你好' },
      { source_id: '9007199254740995', text: 'message 2 你好' },
    ]);
    expect(reopened.generation).toBe(1);
    await reopened.lock();
  });

  it('splits shards that outgrow their budget: closing them for appends, at the median for inserts in the middle', async () => {
    const budget = 256 * 1024;
    const { dir, session } = await createTestVault({ shardBudgetBytes: budget });
    const batch = Array.from({ length: 6000 }, (_, i) => message(i, { text: `长消息 ${'x'.repeat(100)} ${i}` }));
    await session.write((w) => w.insertMessages(batch));
    const appended = session.listShards();
    expect(appended.length).toBeGreaterThan(2);
    expect(appended.reduce((n, s) => n + s.messageCount, 0)).toBe(6000);
    for (let i = 1; i < appended.length; i++) expect(appended[i]!.startTime).toBe(appended[i - 1]!.endTime);
    // Sizes are checked every 1000 inserts (sooner for large messages), so a shard overshoots its budget by at most that many rows.
    for (const s of appended) expect(s.byteSize).toBeLessThanOrEqual(budget + 1000 * 1024);

    // Older messages arriving later land inside the first, closed shard: it must split in the middle.
    const first = appended[0]!;
    const older = Array.from({ length: 1500 }, (_, i) =>
      message(10_000 + i, { time: 1_700_000_000 + (i % 900) * 60 + 30, text: `更早的消息 ${'y'.repeat(100)}` }),
    );
    await session.write((w) => w.insertMessages(older));
    const after = session.listShards();
    const inFirstRange = after.filter((s) => s.startTime >= first.startTime && s.endTime <= first.endTime);
    expect(inFirstRange.length).toBeGreaterThan(1);
    expect(inFirstRange.every((s) => s.messageCount > 0)).toBe(true);
    expect(after.reduce((n, s) => n + s.messageCount, 0)).toBe(7500);
    await session.lock();
    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect(await reopened.verifyAllFiles()).toEqual({ shards: after.length, mediaFiles: 0 });
    await reopened.lock();
  });

  it('leaves the vault exactly as it was when a large write fails after flushing shards mid-write', async () => {
    const { dir, session } = await createTestVault({ shardBudgetBytes: 32 * 1024, shardCacheBytes: 64 * 1024 });
    await session.write((w) => w.insertMessages([message(0)]));
    const filesBefore = readdirSync(join(dir, 'shards')).sort();
    const generationBefore = session.generation;
    const attempt = session.write(async (w) => {
      await w.insertMessages(
        Array.from({ length: 3000 }, (_, i) => message(i + 1, { text: `长消息 ${'y'.repeat(120)}` })),
      );
      // The insert flushed shards to new files before this point; none of them may survive the failure.
      expect(readdirSync(join(dir, 'shards')).length).toBeGreaterThan(filesBefore.length);
      throw new Error('the import was cancelled');
    });
    await expect(attempt).rejects.toThrow('cancelled');
    expect(readdirSync(join(dir, 'shards')).sort()).toEqual(filesBefore);
    expect(session.generation).toBe(generationBefore);
    expect(session.listShards().reduce((n, s) => n + s.messageCount, 0)).toBe(1);
    await session.lock();
    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect(reopened.listShards().reduce((n, s) => n + s.messageCount, 0)).toBe(1);
    await reopened.lock();
  });

  it('lets a change run alone: it waits for no one, refuses long changes meanwhile, and short writes queue behind it', async () => {
    const { session } = await createTestVault();
    const messages = { busy: 'busy', refusal: 'compacting' };
    let release!: () => void;
    const held = session.write(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(session.alone(messages, async () => 'ran')).rejects.toMatchObject({
      code: 'vault-busy',
      message: 'busy',
    });
    release();
    await held;

    let finish!: () => void;
    const order: string[] = [];
    const alone = session.alone(messages, async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      await session.write((w) => w.insertMessages([message(1)]));
      order.push('alone');
    });
    for (const refused of [
      session.asChange(async () => 'import'),
      session.whileNoWrites(async () => 'backup'),
      session.alone(messages, async () => 'again'),
    ])
      await expect(refused).rejects.toMatchObject({ code: 'vault-busy', message: 'compacting' });
    // A short write (a tag) is not refused: it waits its turn.
    const tag = session.write(() => void order.push('tag'));
    finish();
    await Promise.all([alone, tag]);
    expect(order.sort()).toEqual(['alone', 'tag']);
    // Once it is done, long changes run again.
    await expect(session.asChange(async () => 'import')).resolves.toBe('import');
    await session.lock();
  });

  it('gives wrong secrets their own codes and lets the recovery code set a new passphrase', async () => {
    const { dir, session, recoveryCode } = await createTestVault();
    await session.lock();
    await expect(VaultSession.open(dir, { passphrase: 'nope nope nope' })).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await expect(VaultSession.open(dir, { recoveryCode: 'not a code' })).rejects.toMatchObject({
      code: 'wrong-recovery-code',
    });
    const byCode = await VaultSession.open(dir, { recoveryCode });
    await byCode.changePassphrase({ recoveryCode }, 'a brand new passphrase');
    await byCode.lock();
    await expect(VaultSession.open(dir, { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    const byNew = await VaultSession.open(dir, { passphrase: 'a brand new passphrase' });
    expect(byNew.isUnlocked).toBe(true);
    await byNew.lock();
    expect(byNew.isUnlocked).toBe(false);
    expect(() => byNew.catalog).toThrow(/locked/);
  });

  it('refuses to create a vault over an existing one or in a non-empty folder', async () => {
    const { dir, session } = await createTestVault();
    await session.lock();
    await expect(VaultSession.create(dir, TEST_PASSPHRASE)).rejects.toMatchObject({ code: 'vault-exists' });
    await expect(VaultSession.open(join(dir, 'shards'), { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
      code: 'vault-not-found',
    });
  });

  it("refuses to open a vault another live process holds, and takes over a dead one's lock", async () => {
    const { dir, session } = await createTestVault();
    await session.lock();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'locket.lock'), `${other.pid}\n`);
      await expect(VaultSession.open(dir, { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
        code: 'vault-busy',
      });
    } finally {
      other.kill('SIGKILL');
    }
    await new Promise((resolve) => other.once('exit', resolve));
    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    await reopened.lock();
  });
});
