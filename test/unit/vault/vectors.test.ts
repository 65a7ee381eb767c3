import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocketError } from '../../../electron/core/errors';
import { VaultSession } from '../../../electron/core/session/vault-session';
import type { VaultVector } from '../../fixtures/generate-vault-vectors';
import { tempDir } from '../../helpers/temp-dir';

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
        'shard-inflates-past-its-length',
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
