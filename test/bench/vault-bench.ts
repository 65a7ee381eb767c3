import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHUNK_SIZE, FileKind, openBuffer, sealBuffer } from '../../electron/core/vault/envelope';
import { KDF_STRENGTHS, KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { collectWipeSet } from '../../electron/core/retention/collect-wipe-set';
import { executeWipe } from '../../electron/core/retention/execute-wipe';
import { VaultSession } from '../../electron/core/session/vault-session';
import { message } from '../helpers/messages';
import { fmt, heading, medianMs, row, timeMs } from './bench-util';

const MB = 1024 * 1024;

export async function benchCrypto(): Promise<void> {
  heading('Encryption throughput (64 MiB, median of 5)');
  const plain = randomBytes(64 * MB);
  const identity = { vaultId: randomBytes(16), kind: FileKind.shard, fileId: randomBytes(16), label: 'bench' } as const;
  const key = randomBytes(32);
  let sealed: Buffer = Buffer.alloc(0);
  const sealMs = await medianMs(5, async () => (sealed = await sealBuffer(identity, key, plain)));
  const openMs = await medianMs(5, () => openBuffer(sealed, identity, key));
  // Node's native ChaCha20-Poly1305 (OpenSSL), in the same 64 KiB chunks, as the baseline.
  const nativeKey = randomBytes(32);
  const chunks: { iv: Buffer; data: Buffer; tag: Buffer }[] = [];
  const nativeEncMs = await medianMs(5, () => {
    chunks.length = 0;
    for (let at = 0; at < plain.length; at += CHUNK_SIZE) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('chacha20-poly1305', nativeKey, iv, { authTagLength: 16 });
      const data = Buffer.concat([cipher.update(plain.subarray(at, at + CHUNK_SIZE)), cipher.final()]);
      chunks.push({ iv, data, tag: cipher.getAuthTag() });
    }
  });
  const nativeDecMs = await medianMs(5, () => {
    for (const c of chunks) {
      const decipher = createDecipheriv('chacha20-poly1305', nativeKey, c.iv, { authTagLength: 16 });
      decipher.setAuthTag(c.tag);
      Buffer.concat([decipher.update(c.data), decipher.final()]);
    }
  });
  const rate = (ms: number) => 64 / (ms / 1000);
  row('Locket encrypt (libsodium wasm, secretstream)', `${fmt(rate(sealMs))} MB/s`);
  row('Locket decrypt', `${fmt(rate(openMs))} MB/s`);
  row('Node native chacha20-poly1305 encrypt (baseline)', `${fmt(rate(nativeEncMs))} MB/s`);
  row('Node native chacha20-poly1305 decrypt (baseline)', `${fmt(rate(nativeDecMs))} MB/s`);
  row('ratio Locket / native (encrypt, decrypt)', `${fmt(nativeEncMs / sealMs, 2)}x, ${fmt(nativeDecMs / openMs, 2)}x`);
}

async function fillVault(session: VaultSession, total: number): Promise<number> {
  const batch = 100_000;
  return timeMs(async () => {
    for (let done = 0; done < total; done += batch) {
      const count = Math.min(batch, total - done);
      await session.write((w) =>
        w.insertMessages(
          Array.from({ length: count }, (_, i) => message(done + i, { time: 1_500_000_000 + (done + i) * 30 })),
        ),
      );
    }
  });
}

async function commitTimes(session: VaultSession): Promise<{ catalogMs: number; messageMs: number }> {
  let n = 0;
  const catalogMs = await medianMs(9, () => session.write((w) => w.setSetting('benchTag', ++n)));
  const messageMs = await medianMs(9, () =>
    session.write((w) => w.insertMessages([message(10_000_000 + ++n, { time: 1_500_000_000 + 15 })])),
  );
  return { catalogMs, messageMs };
}

async function wipeOldestTenth(session: VaultSession): Promise<{ ms: number; messages: number; shards: number }> {
  await session.write((w) =>
    w.catalog.run("INSERT OR IGNORE INTO conversations (id, username, display_name) VALUES (1, 'wxid_bench', 'Bench')"),
  );
  // fillVault spaces messages 30 s apart from 1_500_000_000: the first 100k are the oldest tenth.
  const selection = { kind: 'conversation', conversationId: 1, before: 1_500_000_000 + 100_000 * 30 } as const;
  const preview = (await collectWipeSet(session, selection, Date.now())).preview;
  let shards = 0;
  const ms = await timeMs(async () => {
    const certificate = await executeWipe(session, selection, preview.messages);
    shards = (certificate.body.counts as { shardsRewritten: number }).shardsRewritten;
  });
  return { ms, messages: preview.messages, shards };
}

export async function benchVault(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'locket-bench-'));
  try {
    heading('Unlock (Argon2id moderate: 3 passes, 256 MiB; median of 3)');
    const { session: real } = await VaultSession.create(join(root, 'moderate.locket'), 'bench passphrase', {
      kdf: KDF_STRENGTHS.moderate,
      recoveryKdf: KDF_STRENGTHS.interactive,
    });
    await real.lock();
    const unlockMs = await medianMs(3, async () =>
      (await VaultSession.open(join(root, 'moderate.locket'), { passphrase: 'bench passphrase' })).lock(),
    );
    row('unlock, empty vault', `${fmt(unlockMs, 0)} ms`);

    heading('Commit of a one-row change: 100k-message vault (baseline) vs 1M-message vault (median of 9)');
    const small = (
      await VaultSession.create(join(root, 'small.locket'), 'bench passphrase', {
        kdf: KDF_TEST_PARAMS,
        recoveryKdf: KDF_TEST_PARAMS,
      })
    ).session;
    await fillVault(small, 100_000);
    const smallTimes = await commitTimes(small);
    await small.lock();
    const big = (
      await VaultSession.create(join(root, 'big.locket'), 'bench passphrase', {
        kdf: KDF_TEST_PARAMS,
        recoveryKdf: KDF_TEST_PARAMS,
      })
    ).session;
    const fillMs = await fillVault(big, 1_000_000);
    row(
      'filling 1M messages (10 writes of 100k)',
      `${fmt(fillMs / 1000)} s, ${fmt(1_000_000 / (fillMs / 1000), 0)} messages/s, ${big.listShards().length} shards`,
    );
    const bigTimes = await commitTimes(big);
    const wipe = await wipeOldestTenth(big);
    await big.lock();
    const bigUnlockMs = await medianMs(3, async () =>
      (await VaultSession.open(join(root, 'big.locket'), { passphrase: 'bench passphrase' })).lock(),
    );
    row('catalog-only change (a tag), 100k vault', `${fmt(smallTimes.catalogMs)} ms`);
    row(
      'catalog-only change (a tag), 1M vault',
      `${fmt(bigTimes.catalogMs)} ms  (${fmt(bigTimes.catalogMs / smallTimes.catalogMs, 2)}x the 100k vault)`,
    );
    row('one new message (rewrites one shard), 100k vault', `${fmt(smallTimes.messageMs)} ms`);
    row(
      'one new message (rewrites one shard), 1M vault',
      `${fmt(bigTimes.messageMs)} ms  (${fmt(bigTimes.messageMs / smallTimes.messageMs, 2)}x the 100k vault)`,
    );
    row('unlock of the 1M vault (floor KDF: catalog only)', `${fmt(bigUnlockMs)} ms`);
    heading('Wipe of the oldest 10% of the 1M-message vault (secure delete, index merge, shards rewritten, commit)');
    row(
      'wipe',
      `${fmt(wipe.ms / 1000, 2)} s for ${wipe.messages.toLocaleString('en-US')} messages in ${wipe.shards} shards  (target: at most 10 s)`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
