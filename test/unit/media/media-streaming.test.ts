import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import { writeMediaCopy } from '../../../electron/core/media/write-media-copy';
import { CHUNK_SIZE, FileKind, openBuffer, sealBuffer } from '../../../electron/core/vault/envelope';
import { SealedFileWriter, openSealedFile } from '../../../electron/core/vault/envelope-stream';
import { mediaPath } from '../../../electron/core/vault/vault-files';
import { tempDir } from '../../helpers/temp-dir';
import { createTestVault } from '../../helpers/vault';

const MB = 1024 * 1024;
const identity = {
  vaultId: randomBytes(16),
  kind: FileKind.media,
  fileId: randomBytes(16),
  label: 'media/ab/x.lkt',
} as const;

async function drain(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('streaming media files (envelope-stream.ts)', () => {
  it('writes exactly the bytes sealBuffer writes, whatever the pieces, and reads back what sealBuffer wrote', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    for (const size of [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 3 * CHUNK_SIZE + 777]) {
      const plain = randomBytes(size);
      const path = join(dir, `${size}.lkt`);
      const writer = await SealedFileWriter.create(path, identity, key);
      for await (const piece of pieces(plain, 10_000)) await writer.write(piece);
      await writer.finish();
      expect(writer.plaintextBytes).toBe(size);
      // Same format: the whole-file reader opens it, and the stream reader opens a whole-file write.
      expect(Buffer.from(await openBuffer(readFileSync(path), identity, key)).equals(plain)).toBe(true);
      writeFileSync(`${path}.whole`, await sealBuffer(identity, key, plain));
      expect((await drain(openSealedFile(`${path}.whole`, identity, key))).equals(plain)).toBe(true);
      expect(readFileSync(path).length).toBe(readFileSync(`${path}.whole`).length);
    }
  });

  it('refuses a truncated file, bytes after the end, a flipped byte and another file id, naming the file', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const good = await sealBuffer(identity, key, randomBytes(2 * CHUNK_SIZE + 5));
    const cases: [string, Buffer][] = [
      ['truncated', good.subarray(0, good.length - 10)],
      ['cut at a chunk boundary', good.subarray(0, 40 + 24 + CHUNK_SIZE + 17)],
      ['extra bytes', Buffer.concat([good, Buffer.from([1, 2, 3])])],
      ['flipped', Buffer.from(good).fill(good[100]! ^ 1, 100, 101)],
    ];
    for (const [name, bytes] of cases) {
      writeFileSync(join(dir, name), bytes);
      await expect(drain(openSealedFile(join(dir, name), identity, key)), name).rejects.toMatchObject({
        code: 'vault-corrupt',
        details: { file: identity.label },
      });
    }
    writeFileSync(join(dir, 'good'), good);
    await expect(
      drain(openSealedFile(join(dir, 'good'), { ...identity, fileId: randomBytes(16) }, key)),
    ).rejects.toMatchObject({ code: 'vault-corrupt' });
  });
});

describe('storing media by streaming (VaultWriter.putMediaStream)', () => {
  it('hashes as it streams with the same keyed hash as mediaHash, and keeps one file for the same bytes twice', async () => {
    const { dir, session } = await createTestVault();
    const bytes = randomBytes(3 * CHUNK_SIZE + 11);
    const [first, second] = await session.write(async (w) => [
      await w.putMediaStream(pieces(bytes, 5000), 'image/jpeg'),
      await w.putMediaStream(pieces(bytes, 70_000), 'image/jpeg'),
    ]);
    expect(first).toMatchObject({ isNew: true, byteSize: bytes.length });
    expect(second).toEqual({ fileId: first!.fileId, isNew: false, byteSize: bytes.length });
    const row = (session.catalog as Database).exec('SELECT content_hash, ref_count, byte_size FROM media')[0]!.values;
    expect(row).toEqual([[await session.mediaHash(bytes), 2, bytes.length]]);
    // The second copy was written, found to be a duplicate, and discarded: one file on disk.
    expect(readdirSync(join(dir, 'media'), { recursive: true }).filter((n) => String(n).endsWith('.lkt'))).toHaveLength(
      1,
    );
    expect((await drain(session.mediaChunks(first!.fileId))).equals(bytes)).toBe(true);
    expect(Buffer.from(await session.readMediaFile(first!.fileId)).equals(bytes)).toBe(true);
    await session.lock();
  });

  it('removes the half-written file when the source fails, and the vault stays as it was', async () => {
    const { dir, session } = await createTestVault();
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield randomBytes(CHUNK_SIZE * 2);
      throw new Error('the backup disk went away');
    }
    await expect(session.write((w) => w.putMediaStream(failing(), null))).rejects.toThrow('went away');
    expect(readdirSync(join(dir, 'media'), { recursive: true }).filter((n) => String(n).endsWith('.lkt'))).toEqual([]);
    expect((session.catalog as Database).exec('SELECT count(*) FROM media')[0]!.values).toEqual([[0]]);
    await session.lock();
  });

  it('streams a 50 MB file in and out with memory growth far below its size', async () => {
    const { session } = await createTestVault();
    const source = join(tempDir(), 'big.mp4');
    const handle = await fs.open(source, 'w');
    const sha = createHash('sha256');
    for (let i = 0; i < 50; i++) {
      const block = randomBytes(MB);
      sha.update(block);
      await handle.write(block);
    }
    await handle.close();
    const { openMediaSource } = await import('../../../electron/core/importing/pipeline/open-media-source');
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const opened = await openMediaSource({ path: source }, 'plain');
      if (typeof opened === 'string') throw new Error(opened);
      const { fileId } = await session.write((w) => w.putMediaStream(opened.chunks(), 'video/mp4'));
      await opened.close();
      const out = createHash('sha256');
      for await (const chunk of session.mediaChunks(fileId)) {
        out.update(chunk);
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      expect(out.digest('hex')).toBe(sha.digest('hex'));
    } finally {
      clearInterval(sampler);
    }
    // Generous: whole-file handling would need at least 100 MB (plaintext + ciphertext).
    expect((peak - base) / MB).toBeLessThan(30);
    await session.lock();
  }, 60_000);
});

describe('a decrypted copy for opening in another program (writeMediaCopy)', () => {
  it('writes the original bytes, and leaves nothing when the vault file is damaged', async () => {
    const { dir, session } = await createTestVault();
    const bytes = randomBytes(CHUNK_SIZE * 2 + 3);
    const { fileId } = await session.write((w) => w.putMediaStream(pieces(bytes, CHUNK_SIZE), 'application/pdf'));
    const out = join(tempDir(), 'report.pdf');
    expect(await writeMediaCopy(session, fileId, out)).toEqual({ byteSize: bytes.length });
    expect(readFileSync(out).equals(bytes)).toBe(true);

    const vaultFile = join(dir, mediaPath(fileId));
    const damaged = readFileSync(vaultFile);
    damaged[damaged.length - 5]! ^= 1;
    writeFileSync(vaultFile, damaged);
    const second = join(tempDir(), 'report.pdf');
    await expect(writeMediaCopy(session, fileId, second)).rejects.toMatchObject({ code: 'vault-corrupt' });
    expect(existsSync(second) || existsSync(`${second}.part`)).toBe(false);
    await session.lock();
  });
});
