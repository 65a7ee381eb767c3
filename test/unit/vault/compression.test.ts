import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocketError } from '../../../electron/core/errors';
import { createLocketService } from '../../../electron/core/service';
import { all } from '../../../electron/core/db/sqlite';
import { VaultSession } from '../../../electron/core/session/vault-session';
import {
  compressPlaintext,
  decompressPlaintext,
  decompressPlaintextInPool,
} from '../../../electron/core/vault/compression';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import type { StoredMessage } from '../../../electron/core/store/message-writer';
import { bombPlaintext, replaceFirstShardPlaintext } from '../../fixtures/compressed-shard-bomb';
import { tempDir } from '../../helpers/temp-dir';

const PASSPHRASE = 'compression passphrase';

function message(n: number): StoredMessage {
  return {
    conversationId: 1,
    dedupeKey: `compression:${n}`,
    sourceId: String(7_000_000_000_000_000_000n + BigInt(n)),
    sender: n % 2 ? 'wxid_friend' : null,
    isSent: n % 2 === 0,
    time: 1_600_000_000 + n * 60,
    kind: 'text',
    text: `今天晚上一起吃饭吗？ message ${n}`,
    payload: null,
    raw: JSON.stringify({ file: 'MSG0.db', localId: n, StrContent: `今天晚上一起吃饭吗？ message ${n}` }),
    mediaId: null,
    importId: null,
  };
}

async function vaultWith(count: number, compressFiles?: boolean): Promise<string> {
  const dir = join(tempDir(), 'Compressed.locket');
  const { session } = await VaultSession.create(dir, PASSPHRASE, {
    kdf: KDF_TEST_PARAMS,
    recoveryKdf: KDF_TEST_PARAMS,
    ...(compressFiles === undefined ? {} : { compressFiles }),
  });
  await session.write((w) => w.insertMessages(Array.from({ length: count }, (_, n) => message(n))));
  await session.lock();
  return dir;
}

/** The version byte of each catalog and shard file (FORMAT.md, "Encrypted files"), and their total size. */
function fileVersions(dir: string): { versions: Set<number>; bytes: number } {
  const paths = ['catalog.lkt', ...readdirSync(join(dir, 'shards')).map((name) => join('shards', name))];
  const files = paths.map((p) => readFileSync(join(dir, p)));
  return { versions: new Set(files.map((f) => f[4]!)), bytes: files.reduce((n, f) => n + f.length, 0) };
}

async function openError(dir: string): Promise<LocketError> {
  const session = await VaultSession.open(dir, { passphrase: PASSPHRASE });
  try {
    const error = await session.verifyAllFiles().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LocketError);
    return error as LocketError;
  } finally {
    await session.lock();
  }
}

describe('compressed catalogs and shards (FORMAT.md, "Compressed files")', () => {
  it('writes the catalog and shards compressed, far smaller than the same vault uncompressed, and reads them back', async () => {
    const compressed = await vaultWith(2000);
    const plain = await vaultWith(2000, false);
    const a = fileVersions(compressed);
    const b = fileVersions(plain);
    expect([...a.versions]).toEqual([2, 3]);
    expect([...b.versions]).toEqual([1]);
    expect(a.bytes).toBeLessThan(b.bytes / 3);
    const session = await VaultSession.open(compressed, { passphrase: PASSPHRASE });
    expect(await session.verifyAllFiles()).toEqual({ shards: 1, mediaFiles: 0 });
    expect(session.listShards().reduce((n, s) => n + s.messageCount, 0)).toBe(2000);
    await session.lock();
  });

  it('opens a vault written uncompressed, and compresses a shard only when a write rewrites it', async () => {
    const dir = await vaultWith(50, false);
    const session = await VaultSession.open(dir, { passphrase: PASSPHRASE });
    expect(await session.verifyAllFiles()).toEqual({ shards: 1, mediaFiles: 0 });
    await session.write((w) => w.setSetting('unrelated', true));
    // A commit rewrites the catalog; the untouched shard stays as it was.
    const shardName = readdirSync(join(dir, 'shards'))[0]!;
    expect(readFileSync(join(dir, 'catalog.lkt'))[4]).toBe(2);
    expect(readFileSync(join(dir, 'shards', shardName))[4]).toBe(1);
    await session.write((w) => w.insertMessages([message(50)]));
    const [rewritten] = readdirSync(join(dir, 'shards'));
    expect(rewritten).not.toBe(shardName);
    expect(readFileSync(join(dir, 'shards', rewritten!))[4]).toBe(3);
    expect(session.listShards().reduce((n, s) => n + s.messageCount, 0)).toBe(51);
    await session.lock();
  });

  it('refuses a shard that says it holds more than a shard may, naming it, before inflating anything', async () => {
    const dir = await vaultWith(10);
    const label = await replaceFirstShardPlaintext(dir, PASSPHRASE, bombPlaintext(1n << 40n, 1024));
    const error = await openError(dir);
    expect(error.code).toBe('vault-corrupt');
    expect(error.details?.file).toBe(label);
    expect(error.message).toContain(label);
    expect(error.message).toMatch(/1099511627776 bytes uncompressed, more than the 16777216/);
  });

  it('stops inflating a shard at the length it declares (64 MiB of zeros behind a 4 KiB claim)', async () => {
    const dir = await vaultWith(10);
    const label = await replaceFirstShardPlaintext(dir, PASSPHRASE, bombPlaintext(4096n, 64 * 1024 * 1024));
    const rssBefore = process.memoryUsage().rss;
    const error = await openError(dir);
    expect(error.code).toBe('vault-corrupt');
    expect(error.details?.file).toBe(label);
    expect(error.message).toMatch(/inflate to more than the 4096 bytes it says it holds/);
    // The refused 64 MiB never existed in memory at once.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(48 * 1024 * 1024);
  });

  it.each([
    ['on this thread', decompressPlaintext],
    ['in the thread pool (a shard read ahead)', decompressPlaintextInPool],
  ] as const)(
    'refuses compressed contents that are damaged, or inflate to less than they declare, %s',
    async (_where, inflate) => {
      const decompress = async (...args: Parameters<typeof decompressPlaintext>) => inflate(...args);
      const corrupt = (reason: string) => new LocketError('vault-corrupt', reason);
      const good = await compressPlaintext(Buffer.from('hello hello hello'));
      expect(Buffer.from(await decompress(good, 100, corrupt)).toString()).toBe('hello hello hello');
      const damaged = Buffer.from(good);
      damaged[damaged.length - 3]! ^= 0xff;
      await expect(decompress(damaged, 100, corrupt)).rejects.toThrow(/damaged/);
      await expect(decompress(bombPlaintext(100n, 10), 100, corrupt)).rejects.toThrow(/10 bytes instead of 100/);
      await expect(decompress(good.subarray(0, 5), 100, corrupt)).rejects.toThrow(/truncated/);
      await expect(decompress(good.subarray(0, good.length - 2), 100, corrupt)).rejects.toThrow(/damaged/);
      const trailing = Buffer.concat([good, Buffer.from('extra')]);
      await expect(decompress(trailing, 100, corrupt)).rejects.toThrow(/bytes after its compressed contents/);
      await expect(decompress(good, 5, corrupt)).rejects.toThrow(/17 bytes uncompressed, more than the 5/);
      // A bomb: 64 MiB of zeros behind a 4 KiB claim is refused, never inflated whole.
      const rssBefore = process.memoryUsage().rss;
      await expect(decompress(bombPlaintext(4096n, 64 * 1024 * 1024), 1 << 20, corrupt)).rejects.toThrow(
        /inflate to more than the 4096 bytes it says it holds/,
      );
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(48 * 1024 * 1024);
    },
  );
});

describe('vault.compact (locket compact)', () => {
  it('writes every shard of a vault made before compression again, compressed, keeping every message', async () => {
    const dir = join(tempDir(), 'Old.locket');
    const { session } = await VaultSession.create(dir, PASSPHRASE, {
      kdf: KDF_TEST_PARAMS,
      recoveryKdf: KDF_TEST_PARAMS,
      compressFiles: false,
      // Several shards, as an old vault has.
      shardBudgetBytes: 64 * 1024,
    });
    await session.write((w) => w.insertMessages(Array.from({ length: 600 }, (_, n) => message(n))));
    await session.lock();
    const before = fileVersions(dir);
    expect([...before.versions]).toEqual([1]);
    const shards = readdirSync(join(dir, 'shards')).length;
    expect(shards).toBeGreaterThan(2);

    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    try {
      await service['vault.unlock']({ path: dir, passphrase: PASSPHRASE });
      const report = await service['vault.compact']({});
      expect(report.shardsRewritten).toBe(shards);
      expect(report.bytesBefore).toBe(before.bytes);
      const after = fileVersions(dir);
      expect([...after.versions]).toEqual([2, 3]);
      expect(report.bytesAfter).toBe(after.bytes);
      expect(after.bytes).toBeLessThan(before.bytes / 3);
      expect((await service['vault.status']()).counts?.messages).toBe(600);
      // Nothing left to do the second time.
      expect(await service['vault.compact']({})).toMatchObject({ shardsRewritten: 0, bytesBefore: after.bytes });
    } finally {
      await service.dispose();
    }
    // The vault reads whole, and its old shard files are gone.
    const reopened = await VaultSession.open(dir, { passphrase: PASSPHRASE });
    expect((await reopened.verifyAllFiles()).shards).toBe(readdirSync(join(dir, 'shards')).length);
    const texts: string[] = [];
    for (const entry of reopened.listShards())
      for (const row of all<{ text: string }>(await reopened.shard(entry), 'SELECT text FROM messages'))
        texts.push(row.text);
    expect(texts.sort()).toEqual(Array.from({ length: 600 }, (_, n) => message(n).text).sort());
    await reopened.lock();
  });
});
