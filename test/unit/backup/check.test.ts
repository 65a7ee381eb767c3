import { readFileSync, rmSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import { runBackup } from '../../../electron/core/backup/run-backup';
import { checkVault } from '../../../electron/core/check/check-vault';
import { all } from '../../../electron/core/db/sqlite';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { mediaPath, shardPath } from '../../../electron/core/vault/vault-files';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_PASSPHRASE, createTestVault, testKdf } from '../../helpers/vault';
import { fillVault } from './backup-helpers';

async function checked(dir: string) {
  const session = await VaultSession.open(
    dir,
    { passphrase: TEST_PASSPHRASE },
    { ...testKdf, removesLeftovers: false },
  );
  try {
    return await checkVault(session);
  } finally {
    await session.lock();
  }
}

async function filled() {
  const { dir, session } = await createTestVault({ shardBudgetBytes: 16 * 1024 });
  await fillVault(session, 1, 300);
  await fillVault(session, 5000, 300);
  const shards = session.listShards().map((s) => shardPath(s.fileId));
  const media = all<{ file_id: string }>(session.catalog, 'SELECT file_id FROM media').map((r) => mediaPath(r.file_id));
  return { dir, session, shards, media };
}

describe('locket check', () => {
  it('finds nothing wrong with a sound vault or its backup, and counts what it read', async () => {
    const { dir, session, shards } = await filled();
    const progress: number[] = [];
    const report = await checkVault(session, { onProgress: (p) => progress.push(p.files) });
    expect(report).toMatchObject({ isIntact: true, problems: [], messages: 600, mediaFiles: 4, shards: shards.length });
    expect(progress.at(-1)).toBe(shards.length + 4);
    const backup = join(tempDir(), 'Backup');
    await runBackup(session, backup);
    await session.lock();
    expect(await checked(backup)).toMatchObject({ isIntact: true, messages: 600 });
    expect(await checked(dir)).toMatchObject({ isIntact: true });
  });

  it('names a missing, a truncated and a swapped file, an unreferenced one and a wrong message count', async () => {
    const { dir, session, shards, media } = await filled();
    expect(shards.length).toBeGreaterThanOrEqual(4);
    // A catalog that miscounts one shard, committed like any change.
    const miscounted = session.listShards()[3]!;
    await session.write((w) => {
      w.catalog.run('UPDATE shards SET message_count = message_count + 1 WHERE file_id = ?', [miscounted.fileId]);
    });
    await session.lock();
    rmSync(join(dir, shards[0]!));
    truncateSync(join(dir, media[0]!), 1000);
    // Two shards swapped: each is a genuine file of this vault under the other's name.
    renameSync(join(dir, shards[1]!), join(dir, 'swap.tmp'));
    renameSync(join(dir, shards[2]!), join(dir, shards[1]!));
    renameSync(join(dir, 'swap.tmp'), join(dir, shards[2]!));
    writeFileSync(join(dir, 'shards', `${'cd'.repeat(16)}.lkt`), 'planted');

    const report = await checked(dir);
    const byFile = Object.fromEntries(report.problems.map((p) => [p.file, p.problem]));
    expect(byFile).toEqual({
      [shards[0]!]: 'missing',
      [shards[1]!]: 'damaged',
      [shards[2]!]: 'damaged',
      [shards[3]!]: 'wrong-count',
      [media[0]!]: 'damaged',
      [`shards/${'cd'.repeat(16)}.lkt`]: 'unreferenced',
    });
    expect(report.isIntact).toBe(false);
  });

  it('names a shard whose phrase filter lacks words of its messages, which a search would pass over', async () => {
    const { dir, session } = await filled();
    await session.write((w) => w.indexBacklog());
    expect((await checkVault(session)).problems).toEqual([]);
    // A writer that changed a text behind the filter's back (what shardAt's callers must never do).
    const entry = session.listShards().find((s) => s.messageCount > 0)!;
    await session.write(async (w) => {
      const db = await w.shardAt(entry.startTime);
      db.run("UPDATE messages SET text = '从未见过的字 xylophone' WHERE id = (SELECT min(id) FROM messages)");
    });
    const changed = session.listShards().find((s) => s.startTime === entry.startTime)!;
    await session.lock();
    const report = await checked(dir);
    expect(report.problems).toEqual([
      {
        file: shardPath(changed.fileId),
        problem: 'wrong-filter',
        detail: "The shard's phrase filter lacks words of 1 of its messages: a search would pass over them here.",
      },
    ]);
  });

  it('reports an audit chain that was altered', async () => {
    const { dir, session } = await filled();
    await runBackup(session, join(tempDir(), 'Backup')); // writes an audit entry
    await session.write((w) => {
      (w.catalog as Database).run("UPDATE audit_log SET details = '{\"backupId\":99}' WHERE action = 'backup'");
    });
    await session.lock();
    const report = await checked(dir);
    expect(report.problems).toEqual([
      { file: 'audit log', problem: 'audit-broken', detail: expect.stringContaining('altered') as unknown as string },
    ]);
    expect(readFileSync(join(dir, 'locket.header')).length).toBe(353);
  });
});
