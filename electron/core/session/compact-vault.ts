import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { CompactReport } from '../../ipc/contract';
import type { ShardEntry } from '../store/shard-entries';
import { isCompressedFile } from '../vault/envelope';
import { CATALOG_FILE, SHARDS_DIR, shardPath } from '../vault/vault-files';
import type { VaultSession } from './vault-session';

/**
 * `vault.compact` (`locket compact`): writes every shard written before catalogs and shards were compressed again,
 * compressed (FORMAT.md, "Compressed files"), in one commit. Nothing else rewrites an old vault whole: an import
 * only rewrites the shards it adds to, so without this an old vault keeps its size. Shards are rewritten one at a
 * time (each leaves memory once written); a crash or an error leaves the vault as it was.
 */
export async function compactVault(session: VaultSession): Promise<CompactReport> {
  const bytesBefore = await vaultBytes(session.dir);
  const catalogCompressed = isCompressedFile((await firstBytes(join(session.dir, CATALOG_FILE))) ?? new Uint8Array());
  let rewritten = 0;
  if ((await uncompressedShards(session)).length > 0 || !catalogCompressed) {
    // The commit writes the catalog too, compressed. The shards are listed again inside the write: a write queued
    // before this one (an import) may have replaced some.
    await session.write(async (w) => {
      for (const entry of await uncompressedShards(session)) {
        await w.rewriteShard(entry);
        rewritten++;
      }
    });
  }
  return { shardsRewritten: rewritten, bytesBefore, bytesAfter: await vaultBytes(session.dir) };
}

/** The shards whose files are version 1 (written before compression). */
async function uncompressedShards(session: VaultSession): Promise<ShardEntry[]> {
  const waiting: ShardEntry[] = [];
  for (const entry of session.listShards()) {
    const prefix = await firstBytes(join(session.dir, shardPath(entry.fileId)));
    if (prefix !== null && !isCompressedFile(prefix)) waiting.push(entry);
  }
  return waiting;
}

/** A file's first bytes (its file header's start), or null when it cannot be read. */
async function firstBytes(absPath: string): Promise<Uint8Array | null> {
  const handle = await fs.open(absPath, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Bytes of the catalog and the shards on disk: what compaction changes (media are never compressed). */
async function vaultBytes(dir: string): Promise<number> {
  let total = (await fs.stat(join(dir, CATALOG_FILE))).size;
  for (const name of await fs.readdir(join(dir, SHARDS_DIR)))
    if (name.endsWith('.lkt')) total += (await fs.stat(join(dir, SHARDS_DIR, name))).size;
  return total;
}
