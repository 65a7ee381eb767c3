/**
 * Issue 19: a vault no larger than its source. One generated PC WeChat 3.x backup is imported twice, into a vault
 * whose catalog and shards are compressed (as Locket writes them) and into one written as before (the baseline:
 * `compressFiles: false`, a switch only the benchmark and the test vectors use), and both are timed and measured:
 * bytes on disk against the source's, the import, and a cold unlock and search in a fresh process; then the
 * uncompressed one is compacted (`locket compact`), as an old vault would be.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Database } from 'sql.js';
import { importSources } from '../../electron/core/importing/pipeline/import-sources';
import { Pc3Reader } from '../../electron/core/importing/pc3/read-pc3';
import { loadSqlJs } from '../../electron/core/db/sqlite';
import { registerIndexFunctions } from '../../electron/core/store/index-tokens-function';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession } from '../../electron/core/session/vault-session';
import { compactionStatus, compactVault } from '../../electron/core/session/compact-vault';
import type { CompactReport, CompactStatus } from '../../electron/ipc/contract';
import { generatePc3Bulk } from '../fixtures/generate-pc3-bulk';
import { fmt, heading, median, row, timeMs } from './bench-util';
import { coldSearch } from './search-cold';

const MESSAGES = Number(process.env.LOCKET_BENCH_SIZE_MESSAGES ?? 200_000);
const PASSPHRASE = 'bench passphrase';
const COLD_RUNS = 3;
const MIB = 1024 * 1024;
const DROP_INDEX_TRIGGERS =
  'DROP TRIGGER message_index_forget; DROP TRIGGER message_index_unchange; DROP TRIGGER message_index_rechange;';

export function bytesUnder(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const stats = statSync(join(dir, name));
    if (stats.isFile()) total += stats.size;
  }
  return total;
}

async function importInto(dir: string, backup: string, compressFiles: boolean): Promise<number> {
  const { session } = await VaultSession.create(dir, PASSPHRASE, {
    kdf: KDF_TEST_PARAMS,
    recoveryKdf: KDF_TEST_PARAMS,
    compressFiles,
  });
  const ms = await timeMs(() => importSources(session, [{ path: backup, reader: new Pc3Reader(backup) }]));
  await session.lock();
  return ms;
}

/**
 * What each part of one shard weighs: the shard as written, then without each part in turn (VACUUMed), each raw
 * and deflated as the vault stores it. The part's weight is the difference.
 */
async function shardParts(dir: string): Promise<void> {
  const session = await VaultSession.open(dir, { passphrase: PASSPHRASE });
  const [entry] = session.listShards().filter((s) => s.messageCount > 0);
  // A read-only view of the decrypted shard; exporting does not change it.
  const plain = ((await session.shard(entry!)) as Database).export();
  await session.lock();
  const SQL = await loadSqlJs();
  const without = (sql: string) => {
    // Changing a message's payload or deleting the index reads its tokens through the shard's function (migration 0004).
    const db = registerIndexFunctions(new SQL.Database(plain));
    db.exec(sql);
    db.exec('VACUUM');
    const bytes = db.export();
    db.close();
    return bytes;
  };
  const sized = (bytes: Uint8Array) =>
    `${fmt(bytes.length / MIB, 2)} MiB raw, ${fmt(deflateSync(bytes, { level: 4 }).length / MIB, 2)} MiB deflated`;
  heading(
    `What one shard of it weighs (${entry!.messageCount.toLocaleString('en-US')} messages), and without each part`,
  );
  row('the shard as written', sized(plain));
  row('VACUUMed', sized(without('')));
  row('without `raw` (the source row as JSON)', sized(without('UPDATE messages SET raw = NULL')));
  row('without `payload`', sized(without('UPDATE messages SET payload = NULL')));
  row(
    'without the search index (FTS4 message_index)',
    sized(without(`${DROP_INDEX_TRIGGERS} DROP TABLE message_index; DROP VIEW message_tokens`)),
  );
  row(
    'without the time and conversation indexes',
    sized(without('DROP INDEX messages_by_conversation; DROP INDEX messages_by_time')),
  );
  row(
    'without `dedupe_key` and its unique index',
    sized(
      without(
        // The time and conversation indexes are made again on the copy: dropping the table drops them too.
        `${DROP_INDEX_TRIGGERS} CREATE TABLE m AS SELECT id, conversation_id, source_id, sender, is_sent, time, kind, text, payload, raw, media_id FROM messages; DROP TABLE messages; CREATE INDEX mc ON m(conversation_id, time, id); CREATE INDEX mt ON m(time)`,
      ),
    ),
  );
}

export async function benchVaultSize(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'locket-bench-size-'));
  try {
    heading(
      `Vault size: a generated ${MESSAGES.toLocaleString('en-US')}-message PC WeChat 3.x backup, compressed vs uncompressed (baseline)`,
    );
    const backup = await generatePc3Bulk(root, MESSAGES, 250_000);
    const sourceBytes = bytesUnder(backup);
    row('source (the backup folder)', `${fmt(sourceBytes / MIB)} MiB`);
    const vaults = { baseline: join(root, 'baseline.locket'), compressed: join(root, 'compressed.locket') };
    const importMs = {
      baseline: await importInto(vaults.baseline, backup, false),
      compressed: await importInto(vaults.compressed, backup, true),
    };
    for (const [name, dir] of Object.entries(vaults) as [keyof typeof vaults, string][]) {
      const bytes = bytesUnder(dir);
      const shards = bytesUnder(join(dir, 'shards'));
      const catalog = statSync(join(dir, 'catalog.lkt')).size;
      row(
        `${name}: vault on disk`,
        `${fmt(bytes / MIB)} MiB = ${fmt(bytes / sourceBytes, 2)}x the source (shards ${fmt(shards / MIB)} MiB, catalog ${fmt(catalog / MIB, 2)} MiB)`,
      );
    }
    for (const name of ['baseline', 'compressed'] as const)
      row(
        `${name}: import, both commits`,
        `${fmt(importMs[name] / 1000)} s (${fmt(MESSAGES / (importMs[name] / 1000), 0)} msg/s)`,
      );
    // Interleaved, so that other work on a shared machine weighs on both alike.
    const runs = { baseline: [] as ReturnType<typeof coldSearch>[], compressed: [] as ReturnType<typeof coldSearch>[] };
    for (let i = 0; i < COLD_RUNS; i++)
      for (const name of ['baseline', 'compressed'] as const)
        runs[name].push(coldSearch(vaults[name], PASSPHRASE, '今天', 'page'));
    for (const name of ['baseline', 'compressed'] as const) {
      const r = runs[name];
      row(
        `${name}: cold unlock, then first page of "今天"`,
        `unlock ${fmt(median(r.map((x) => x.unlockMs)), 0)} ms, page ${fmt(median(r.map((x) => x.pageMs)), 0)} ms (${r[0]!.pageShards} of ${r[0]!.shards} shards decrypted; median of ${COLD_RUNS})`,
      );
    }
    if (runs.baseline[0]!.total !== runs.compressed[0]!.total) row('cold search results differ', 'MISMATCH');
    await shardParts(vaults.baseline);
    // An old vault made small: `locket compact` on the uncompressed one.
    const old = await VaultSession.open(vaults.baseline, { passphrase: PASSPHRASE });
    // What Settings → Storage asks first: read from file headers only, so it must stay cheap at any size.
    let status: CompactStatus | null = null;
    const statusMs = await timeMs(async () => (status = await compactionStatus(old)));
    row(
      'baseline, what is left to compact (vault.compactStatus)',
      `${status!.uncompressedFiles} of ${status!.files} files, ${fmt(status!.uncompressedBytes / MIB)} MiB, in ${fmt(statusMs)} ms`,
    );
    let report: CompactReport | null = null;
    let progressEvents = 0;
    const compactMs = await timeMs(
      async () => (report = await compactVault(old, { onProgress: () => void progressEvents++ })),
    );
    await old.lock();
    const { shardsRewritten, bytesBefore, bytesAfter } = report!;
    row(
      'baseline, then `locket compact` (vault.compact)',
      `${shardsRewritten} shards rewritten in ${fmt(compactMs / 1000)} s (${progressEvents} progress events): ${fmt(bytesBefore / MIB)} MiB -> ${fmt(bytesAfter / MIB)} MiB = ${fmt(bytesUnder(vaults.baseline) / sourceBytes, 2)}x the source`,
    );
    row('load average (1 min) at the end, on this many cores', `${fmt(loadavg()[0]!, 1)} on ${availableParallelism()}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
