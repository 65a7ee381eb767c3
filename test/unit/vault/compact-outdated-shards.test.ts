import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlValue } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { all, run } from '../../../electron/core/db/sqlite';
import { parseQuery } from '../../../electron/core/search/parse-query';
import { runSearch } from '../../../electron/core/search/run-search';
import { compactionStatus, compactVault } from '../../../electron/core/session/compact-vault';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { SHARD_FORMAT } from '../../../electron/core/store/shard-migrations';
import { compressPlaintext } from '../../../electron/core/vault/compression';
import { shardPath } from '../../../electron/core/vault/vault-files';
import { replaceFirstShardPlaintext } from '../../fixtures/compressed-shard-bomb';
import { shardFormat3 } from '../../fixtures/shard-format-3';
import { tempDir } from '../../helpers/temp-dir';
import { message, TEST_PASSPHRASE, testKdf } from '../../helpers/vault';

/**
 * A vault an older Locket wrote keeps its shard format until a shard is written again (shard format 4 dropped the
 * search index's copy of its tokens). Catalog migration 10 records each shard's format, so compaction finds the old
 * ones without decrypting anything, and writes them again in the current format.
 */
const versions = (session: VaultSession) =>
  all<{ shard_version: number }>(session.catalog, 'SELECT shard_version FROM shards ORDER BY start_time').map(
    (r) => r.shard_version,
  );

describe('compacting the shards an older shard format wrote', () => {
  it('records the format of every shard written, and rewrites those of an older one', async () => {
    const dir = join(tempDir(), 'Older.locket');
    const { session } = await VaultSession.create(dir, TEST_PASSPHRASE, { ...testKdf, shardBudgetBytes: 48 * 1024 });
    const texts = Array.from({ length: 900 }, (_, i) => `第 ${i} 条：今天晚上一起吃饭吗 ${'长'.repeat(i % 40)}`);
    await session.write((w) => w.insertMessages(texts.map((text, i) => message(i, { text }))));
    await session.write((w) => w.indexBacklog());
    expect(session.listShards().length).toBeGreaterThan(2);
    expect(new Set(versions(session))).toEqual(new Set([SHARD_FORMAT]));
    expect((await compactionStatus(session)).outdatedFiles).toBe(0);

    // As Locket 0.2 left it: every shard recorded before migration 10 (0), the first one in shard format 3.
    const [first] = session.listShards();
    const rows = all<Record<string, SqlValue>>(
      await session.shard(first!),
      'SELECT id, conversation_id, dedupe_key, source_id, sender, is_sent, time, kind, text, payload, raw FROM messages',
    );
    await session.write((w) => run(w.catalog, 'UPDATE shards SET shard_version = 0'));
    await session.lock();
    const label = await replaceFirstShardPlaintext(
      dir,
      TEST_PASSPHRASE,
      await compressPlaintext(await shardFormat3(rows)),
    );
    const oldBytes = statSync(join(dir, label)).size;

    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE }, testKdf);
    const status = await compactionStatus(reopened);
    expect(status).toMatchObject({ uncompressedFiles: 0, outdatedFiles: reopened.listShards().length });
    expect(status.outdatedBytes).toBeGreaterThan(oldBytes);
    const report = await compactVault(reopened);
    expect(report.shardsRewritten).toBe(status.outdatedFiles);
    expect(versions(reopened).every((v) => v === SHARD_FORMAT)).toBe(true);
    expect(await compactionStatus(reopened)).toMatchObject({ uncompressedFiles: 0, outdatedFiles: 0 });
    // The old shard, written again, lost its index's copy of the tokens, and searches as before.
    const rewritten = reopened.listShards()[0]!;
    expect(statSync(join(dir, shardPath(rewritten.fileId))).size).toBeLessThan(oldBytes);
    const hits = await runSearch(reopened, parseQuery('"第 0 条"', { timeZone: 'UTC' }));
    expect(hits.results.map((h) => h.message.text)).toEqual([texts[0]]);
    // Nothing left to do: a second compaction writes nothing.
    expect((await compactVault(reopened)).shardsRewritten).toBe(0);
    await reopened.lock();
  });
});
