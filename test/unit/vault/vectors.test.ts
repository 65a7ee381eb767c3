import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocketError } from '../../../electron/core/errors';
import { VaultSession } from '../../../electron/core/session/vault-session';
import type { VaultVector } from '../../fixtures/generate-vault-vectors';
import { tempDir } from '../../helpers/temp-dir';
import { all, run, userVersion } from '../../../electron/core/db/sqlite';
import { parseQuery } from '../../../electron/core/search/parse-query';
import { runSearch } from '../../../electron/core/search/run-search';

const vectorsDir = join(process.cwd(), 'test', 'vectors');
const vectorFiles = readdirSync(vectorsDir).filter((name) => name.endsWith('.json'));

function materialize(vector: VaultVector): string {
  const dir = join(tempDir(), 'Vector.locket');
  for (const [path, base64] of Object.entries(vector.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), Buffer.from(base64, 'base64'));
  }
  mkdirSync(join(dir, 'shards'), { recursive: true });
  mkdirSync(join(dir, 'media'), { recursive: true });
  return dir;
}

/** Unlocks and reads every file: a vector passes only if the whole vault opens or fails as it names. */
async function openFully(
  dir: string,
  secret: VaultVector['secret'],
): Promise<{ messages: number; mediaFiles: number }> {
  const session = await VaultSession.open(dir, secret);
  try {
    await session.verifyAllFiles();
    const messages = session.listShards().reduce((n, s) => n + s.messageCount, 0);
    return { messages, mediaFiles: (await session.verifyAllFiles()).mediaFiles };
  } finally {
    await session.lock();
  }
}

describe('the vault format test vectors', () => {
  it('include every case the format promises to handle', () => {
    expect(vectorFiles.map((f) => f.replace('.json', '')).sort()).toEqual(
      [
        'flipped-byte-catalog',
        'flipped-byte-header',
        'flipped-byte-media',
        'flipped-byte-shard',
        'kdf-below-floor',
        'kdf-over-cap',
        'recovery-code',
        'rolled-back-catalog',
        'shard-declares-too-much',
        'shard-format-3',
        'shard-inflates-past-its-length',
        'shard-filter-past-its-end',
        'swapped-shards',
        'tampered-header',
        'truncated-catalog',
        'truncated-header',
        'truncated-media',
        'truncated-shard',
        'unbound-vault',
        'uncompressed-vault',
        'unknown-version',
        'valid-vault',
        'wrong-passphrase',
        'wrong-recovery-code',
      ].sort(),
    );
  });

  it('shard-format-3 finds in the shard Locket 0.2 wrote what it found, and the index forgets a deleted message', async () => {
    const vector = JSON.parse(readFileSync(join(vectorsDir, 'shard-format-3.json'), 'utf8')) as VaultVector;
    const session = await VaultSession.open(materialize(vector), vector.secret);
    try {
      const total = async (query: string) =>
        (await runSearch(session, parseQuery(query, { timeZone: 'UTC' }), { limit: 10, count: true })).total;
      expect(await total('你好')).toBe(1);
      expect(await total('👋')).toBe(1);
      expect(await total('hello')).toBe(1);
      const [first] = session.listShards();
      const db = await session.shard(first!);
      expect(userVersion(db)).toBe(4);
      const freePages = (shard: Parameters<typeof all>[0]) =>
        all<{ n: number }>(shard, 'SELECT freelist_count AS n FROM pragma_freelist_count')[0]!.n;
      // The conversion freed the pages of the old copy of the tokens; any change writes the shard without them.
      expect(freePages(db)).toBeGreaterThan(0);
      const [message] = all<{ id: number; time: number }>(db, 'SELECT id, time FROM messages');
      await session.write(async (w) =>
        run(await w.shardAt(message!.time), 'UPDATE messages SET retention_class_id = NULL'),
      );
      expect(freePages(await session.shard(session.listShards()[0]!))).toBe(0);
      await session.write((w) => w.deleteMessagesDangerously(session.listShards()[0]!, [message!.id]));
      expect(await total('你好')).toBe(0);
      expect(await total('hello')).toBe(1);
    } finally {
      await session.lock();
    }
  });

  it.each(vectorFiles)('%s gives its expected outcome', async (file) => {
    const vector = JSON.parse(readFileSync(join(vectorsDir, file), 'utf8')) as VaultVector;
    const dir = materialize(vector);
    const expected = vector.expect;
    if (expected.outcome === 'ok') {
      expect(await openFully(dir, vector.secret)).toEqual({
        messages: expected.messages,
        mediaFiles: expected.mediaFiles,
      });
      return;
    }
    const error = await openFully(dir, vector.secret).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LocketError);
    expect((error as LocketError).code).toBe(expected.code);
    if (expected.file) expect((error as LocketError).details?.file).toBe(expected.file);
    expect((error as LocketError).message).not.toMatch(/undefined|\[object/);
  });
});
