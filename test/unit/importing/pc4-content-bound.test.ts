import { statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceMessage } from '../../../electron/core/importing/model';
import { MAX_CONTENT_BYTES } from '../../../electron/core/importing/reader-kit/content-bound';
import { Pc4Reader } from '../../../electron/core/importing/pc4/read-pc4';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { PC4_FACTS, SENDER, ZSTD_BOMB, ZSTD_BOMB_BYTES, generatePc4Backup } from '../../fixtures/generate-pc4-backup';
import { messagesOf, readUntilError } from '../../helpers/read-source';
import { sharedTempDir, tempDir } from '../../helpers/temp-dir';

const BOMB_IDS = new Set(ZSTD_BOMB[0]!.rows.map((r) => r.serverId));

/**
 * Issue 17, item 3: eight 4.x rows whose zstd bodies, a few KB each, expand to 60 MiB each once committed a 504 MB
 * shard and left the vault unreadable. The reader keeps at most MAX_CONTENT_BYTES of text per message, never
 * allocates the whole output, and keeps the compressed bytes (not 60 MiB) in raw.
 */
describe('a WeChat 4.x backup whose zstd bodies expand to 60 MiB each', () => {
  let accountRoot: string;
  let bombs: SourceMessage[];
  let all: SourceMessage[];

  beforeAll(async () => {
    ({ accountRoot } = await generatePc4Backup(sharedTempDir('locket-pc4-bomb-'), { zstdBomb: true }));
    const { records, error } = await readUntilError(new Pc4Reader(accountRoot));
    expect(error).toBeNull();
    all = messagesOf(records);
    bombs = all.filter((m) => m.sourceId !== null && BOMB_IDS.has(m.sourceId));
  });

  it('is small on disk: the frames only declare their size', () => {
    const message0 = statSync(join(accountRoot, 'db_storage', 'message', 'message_0.db')).size;
    expect(message0).toBeLessThan(1024 * 1024);
    expect(ZSTD_BOMB_BYTES).toBeGreaterThan(14 * MAX_CONTENT_BYTES);
  });

  it('keeps every row, each with at most 4 MiB of text and the warning content-too-large', () => {
    expect(all).toHaveLength(PC4_FACTS.messages + ZSTD_BOMB[0]!.rows.length);
    expect(bombs).toHaveLength(8);
    for (const message of bombs) {
      expect(message).toMatchObject({
        conversation: SENDER,
        sender: SENDER,
        isSent: false,
        rawType: 1,
        warnings: ['content-too-large'],
      });
      expect(message.content.length).toBe(MAX_CONTENT_BYTES);
      expect(/^\0+$/.test(message.content)).toBe(true);
    }
  });

  it('keeps the stored (compressed) bytes as raw, not the expansion', () => {
    for (const message of bombs) {
      const stored = Buffer.from(String(message.raw.message_content), 'base64');
      expect(stored.subarray(0, 4)).toEqual(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
      expect(stored.length).toBeLessThan(64 * 1024);
      expect(JSON.stringify(message.raw).length).toBeLessThan(128 * 1024);
    }
  });

  it('leaves the other messages as they are', () => {
    const others = all.filter((m) => !bombs.includes(m));
    expect(others).toHaveLength(PC4_FACTS.messages);
    expect(others.filter((m) => m.warnings.includes('content-too-large'))).toEqual([]);
  });

  it('imports into a vault that stays readable, counting content-too-large in the report', async () => {
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    try {
      await service['vault.create']({ path: join(tempDir(), 'Bomb.locket'), passphrase: 'zstd bomb passphrase' });
      const report = await service['import.run']({ paths: [accountRoot] });
      // At least once per cut message (the pipeline's own per-message budget may cut them again and say so too).
      expect(report.notes['content-too-large']).toBeGreaterThanOrEqual(8);
      expect(report.imported).toBe(PC4_FACTS.uniqueMessages + 8);
      const listed = (await service['messages.list']({ limit: 1000 })).messages;
      expect(listed).toHaveLength(PC4_FACTS.uniqueMessages + 8);
      for (const message of listed) expect(JSON.stringify(message).length).toBeLessThan(MAX_CONTENT_BYTES + 64 * 1024);
    } finally {
      await service.dispose();
    }
  }, 120_000);
});
