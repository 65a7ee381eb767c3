import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompactReport } from '../../electron/ipc/contract';
import { VaultSession } from '../../electron/core/session/vault-session';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { locket } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const PASS = { LOCKET_PASSPHRASE: 'a long enough passphrase' };

async function initVault(): Promise<{ vault: string; recoveryCode: string }> {
  const vault = join(tempDir(), 'Cli.locket');
  const run = await locket(['init', vault, '--json'], PASS);
  expect(run.code).toBe(0);
  return { vault, recoveryCode: run.json<{ recoveryCode: string }>().recoveryCode };
}

describe('locket init, info, passwd and recover', () => {
  it('init creates a vault and prints its recovery code once, as text or JSON', async () => {
    const vault = join(tempDir(), 'Text.locket');
    const text = await locket(['init', vault], PASS);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Recovery code \(shown only now[^)]*\):\n\n {4}([0-9A-Z]{4}-){7}[0-9A-Z]{4}\n/);
    const json = await locket(['init', join(tempDir(), 'Json.locket'), '--json'], PASS);
    expect(json.json()).toMatchObject({
      vault: expect.stringContaining('Json.locket'),
      vaultId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('init refuses an existing vault with exit code 6 and a short passphrase with exit code 2', async () => {
    const { vault } = await initVault();
    const again = await locket(['init', vault], PASS);
    expect(again.code).toBe(6);
    expect(again.stderr).toContain('There is already a Locket vault');
    const weak = await locket(['init', join(tempDir(), 'Weak.locket')], { LOCKET_PASSPHRASE: 'short' });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('at least 8 characters');
  });

  it('info shows the format and contents, and a wrong passphrase exits 3 with a JSON error', async () => {
    const { vault } = await initVault();
    const info = await locket(['info', vault, '--json'], PASS);
    expect(info.code).toBe(0);
    expect(info.json()).toMatchObject({
      state: 'unlocked',
      formatVersion: 1,
      counts: { conversations: 0, messages: 0, shards: 0, mediaFiles: 0, unindexedMessages: 0 },
      autoLockMinutes: 10,
    });
    const text = await locket(['info', vault], PASS);
    expect(text.stdout).toContain('Format     version 1');
    const wrong = await locket(['info', vault, '--json'], { LOCKET_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(3);
    expect(wrong.json()).toEqual({
      error: { code: 'wrong-passphrase', message: 'That passphrase does not open this vault.' },
    });
  });

  it('info on a folder that is not a vault exits 6, and a damaged header exits 4 naming the file', async () => {
    const missing = await locket(['info', tempDir()], PASS);
    expect(missing.code).toBe(6);
    const { vault } = await initVault();
    writeFileSync(
      join(vault, 'locket.header'),
      Buffer.concat([Buffer.from('LKTVAULT'), Buffer.from([1, 0]), Buffer.from('truncated')]),
    );
    const damaged = await locket(['info', vault, '--json'], PASS);
    expect(damaged.code).toBe(4);
    expect(damaged.json()).toMatchObject({ error: { code: 'vault-corrupt', details: { file: 'locket.header' } } });
  });

  it('passwd reads the passphrases from files and the old one stops working', async () => {
    const { vault } = await initVault();
    const dir = tempDir();
    writeFileSync(join(dir, 'old'), 'a long enough passphrase\n');
    writeFileSync(join(dir, 'new'), 'an even longer new passphrase\n');
    const changed = await locket([
      'passwd',
      vault,
      '--passphrase-file',
      join(dir, 'old'),
      '--new-passphrase-file',
      join(dir, 'new'),
      '--json',
    ]);
    expect(changed.code).toBe(0);
    expect(changed.json()).toMatchObject({ changed: true });
    expect((await locket(['info', vault], PASS)).code).toBe(3);
    expect((await locket(['info', vault], { LOCKET_PASSPHRASE: 'an even longer new passphrase' })).code).toBe(0);
  });

  it('passwd asks on the terminal twice for the new passphrase and refuses two different answers', async () => {
    const { vault } = await initVault();
    const mismatch = await locket(['passwd', vault], {}, [
      'a long enough passphrase',
      'first new passphrase',
      'second new passphrase',
    ]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('differ');
    expect((await locket(['info', vault], PASS)).code).toBe(0);
  });

  it('passwd --rekey replaces the vault key: new passphrase and new recovery code open it, an old header copy does not', async () => {
    const { vault, recoveryCode: oldCode } = await initVault();
    const oldHeader = readFileSync(join(vault, 'locket.header'));
    const NEW = { LOCKET_PASSPHRASE: 'a long enough passphrase', LOCKET_NEW_PASSPHRASE: 'the rekeyed passphrase' };
    const text = await locket(['passwd', vault, '--rekey'], NEW);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('vault key replaced');
    const code = /Recovery code, new \(shown only now[^)]*\):\n\n {4}((?:[0-9A-Z]{4}-){7}[0-9A-Z]{4})\n/.exec(
      text.stdout,
    )?.[1];
    expect(code).toBeDefined();
    expect(code).not.toBe(oldCode);
    const after = { LOCKET_PASSPHRASE: 'the rekeyed passphrase' };
    const info = await locket(['info', vault, '--json'], after);
    expect(info.code).toBe(0);
    expect((await locket(['info', vault], PASS)).code).toBe(3);
    expect(
      (
        await locket(['recover', vault], {
          LOCKET_RECOVERY_CODE: oldCode,
          LOCKET_NEW_PASSPHRASE: 'whatever passphrase',
        })
      ).code,
    ).toBe(3);

    // JSON output carries the next code; the signing key's fingerprint never changes.
    const json = await locket(['passwd', vault, '--rekey', '--json'], {
      LOCKET_PASSPHRASE: 'the rekeyed passphrase',
      LOCKET_NEW_PASSPHRASE: 'rekeyed once more',
    });
    expect(json.code).toBe(0);
    const body = json.json<{ rekeyed: boolean; recoveryCode: string }>();
    expect(body).toMatchObject({
      changed: true,
      rekeyed: true,
      recoveryCode: expect.stringMatching(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/),
    });
    const infoAfter = await locket(['info', vault, '--json'], { LOCKET_PASSPHRASE: 'rekeyed once more' });
    expect(infoAfter.json()).toMatchObject({
      signingKeyFingerprint: info.json<{ signingKeyFingerprint: string }>().signingKeyFingerprint,
    });
    expect(
      (
        await locket(['recover', vault], {
          LOCKET_RECOVERY_CODE: body.recoveryCode,
          LOCKET_NEW_PASSPHRASE: 'recovered after rekey',
        })
      ).code,
    ).toBe(0);

    writeFileSync(join(vault, 'locket.header'), oldHeader);
    const old = await locket(['info', vault, '--json'], PASS);
    expect(old.code).toBe(4);
    expect(old.json()).toMatchObject({
      error: {
        code: 'vault-corrupt',
        details: { file: 'catalog.lkt' },
        message: expect.stringContaining('old copy from before the vault key was replaced'),
      },
    });
  });

  it('recover sets a new passphrase with the recovery code, typed in any case', async () => {
    const { vault, recoveryCode } = await initVault();
    const recovered = await locket(['recover', vault], {
      LOCKET_RECOVERY_CODE: recoveryCode.toLowerCase(),
      LOCKET_NEW_PASSPHRASE: 'recovered passphrase',
    });
    expect(recovered.code).toBe(0);
    expect((await locket(['info', vault], { LOCKET_PASSPHRASE: 'recovered passphrase' })).code).toBe(0);
    const wrong = await locket(['recover', vault], {
      LOCKET_RECOVERY_CODE: '0000-0000-0000-0000-0000-0000-0000-0000',
      LOCKET_NEW_PASSPHRASE: 'whatever passphrase',
    });
    expect(wrong.code).toBe(3);
  });

  it('without a terminal and without a passphrase, says how to give one', async () => {
    const { vault } = await initVault();
    const run = await locket(['info', vault]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--passphrase-file FILE or set LOCKET_PASSPHRASE');
  });

  it('unknown commands and options print usage with exit code 2', async () => {
    expect((await locket(['frobnicate'])).code).toBe(2);
    const bad = await locket(['info', 'x', '--no-such-option']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: locket info');
    expect((await locket(['--help'])).stdout).toContain('locket init VAULT');
  });

  it('the installed bin runs the built CLI', () => {
    const vault = join(tempDir(), 'Bin.locket');
    const env = { ...process.env, ...PASS, NODE_CHANNEL_FD: undefined };
    const init = spawnSync(process.execPath, ['bin/locket.cjs', 'init', vault, '--kdf', 'interactive', '--json'], {
      env,
      encoding: 'utf8',
    });
    expect(init.status).toBe(0);
    expect(JSON.parse(init.stdout)).toHaveProperty('recoveryCode');
    const info = spawnSync(process.execPath, ['bin/locket.cjs', 'info', vault, '--json'], { env, encoding: 'utf8' });
    expect(JSON.parse(info.stdout)).toMatchObject({ kdf: { opsLimit: 2, memLimitKiB: 65536 } });
  });

  it('compact writes the shards of a vault made before compression again, compressed, and then has nothing to do', async () => {
    const vault = join(tempDir(), 'Old.locket');
    const { session } = await VaultSession.create(vault, PASS.LOCKET_PASSPHRASE, {
      kdf: KDF_TEST_PARAMS,
      recoveryKdf: KDF_TEST_PARAMS,
      compressFiles: false,
    });
    await session.write((w) =>
      w.insertMessages(
        Array.from({ length: 300 }, (_, n) => ({
          conversationId: 1,
          dedupeKey: `old:${n}`,
          sourceId: String(n),
          sender: null,
          isSent: true,
          time: 1_600_000_000 + n,
          kind: 'text',
          text: `旧的消息 old message ${n}`,
          payload: null,
          raw: null,
          mediaId: null,
          importId: null,
        })),
      ),
    );
    await session.lock();
    const json = await locket(['compact', vault, '--json'], PASS);
    expect(json.code).toBe(0);
    const report = json.json<CompactReport>();
    expect(report.shardsRewritten).toBe(1);
    expect(report.bytesAfter).toBeLessThan(report.bytesBefore / 3);
    const text = await locket(['compact', vault], PASS);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Nothing to compact: the catalog and every shard are compressed, in the current format \([\d.]+ [KM]iB\)\.\n$/,
    );
    const info = await locket(['info', vault], PASS);
    expect(info.stdout).toContain('300 messages in 1 shards');
  });
});
