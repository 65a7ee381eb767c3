import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/cli-io';
import { runCli } from '../../../electron/cli/run-cli';
import { LocketError } from '../../../electron/core/errors';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import {
  HEADER_LENGTH,
  SLOT_PASSPHRASE,
  encodeHeader,
  openHeader,
  parseHeader,
  signHeader,
  wipeRootKeys,
} from '../../../electron/core/vault/header';
import { runKdfInProcess } from '../../../electron/core/vault/kdf';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_PASSPHRASE, message, testKdf } from '../../helpers/vault';

/** Issue 17, item 6: a catalog restored from an older copy must not open; a whole folder restored is warned about. */

async function serviceWithVault(): Promise<{ service: LocketService; vault: string; configDir: string }> {
  const configDir = tempDir();
  const vault = join(tempDir(), 'Rollback.locket');
  // A vault with one conversation to hold (generation 1), unlocked in a service that remembers generations in a temp folder.
  const { session } = await VaultSession.create(vault, TEST_PASSPHRASE, testKdf);
  await session.write((w) => {
    w.catalog.run("INSERT INTO conversations (username, display_name, is_group) VALUES ('wxid_dispute', 'Dispute', 0)");
  });
  await session.lock();
  const service = createLocketService({ configDir, sessionOptions: testKdf });
  await service['vault.unlock']({ path: vault, passphrase: TEST_PASSPHRASE });
  return { service, vault, configDir };
}

async function placeHold(service: LocketService): Promise<void> {
  // Conversation 1: the one serviceWithVault inserted (conversations.list shows only conversations with messages).
  await service['holds.place']({
    name: 'Dispute 2026-17',
    reason: 'Customer dispute',
    placedBy: 'Legal',
    scope: { conversationIds: [1], from: null, to: null },
  });
}

function boundGeneration(vault: string): number {
  return parseHeader(readFileSync(join(vault, 'locket.header'))).catalog!.generation;
}

async function openError(dir: string): Promise<LocketError> {
  const error = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE }).then(
    async (session) => {
      await session.lock();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LocketError);
  return error as LocketError;
}

async function cli(args: string[], configDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { LOCKET_PASSPHRASE: TEST_PASSPHRASE },
    isInteractive: false,
    promptHidden: async () => TEST_PASSPHRASE,
  };
  const code = await runCli(args, io, { configDir, sessionOptions: testKdf });
  return { code, stdout, stderr };
}

describe('catalog rollback (issue 17, item 6)', () => {
  it('a catalog.lkt restored from before a hold was placed fails to open with vault-rollback naming the generations', async () => {
    const { service, vault, configDir } = await serviceWithVault();
    await service['vault.lock']();
    const saved = readFileSync(join(vault, 'catalog.lkt'));
    await service['vault.unlock']({ path: vault, passphrase: TEST_PASSPHRASE });
    await placeHold(service);
    expect(await service['holds.list']()).toHaveLength(1);
    await service['vault.lock']();
    const generation = boundGeneration(vault);
    expect(generation).toBe(2);

    writeFileSync(join(vault, 'catalog.lkt'), saved);
    const error = await openError(vault);
    expect(error.code).toBe('vault-rollback');
    expect(error.details?.file).toBe('catalog.lkt');
    expect(error.message).toContain(
      `catalog.lkt is older than the vault's last commit (generation ${generation - 1}, expected ${generation})`,
    );
    expect(error.message).toContain('restored from an older copy');
    // Through the service and the CLI too: exit 4, the same message.
    await expect(service['vault.unlock']({ path: vault, passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
      code: 'vault-rollback',
    });
    const run = await cli(['info', vault], configDir);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`generation ${generation - 1}, expected ${generation}`);
  });

  it('a header restored alone (older than the catalog) fails with vault-rollback naming the header', async () => {
    const { service, vault } = await serviceWithVault();
    await service['vault.lock']();
    const savedHeader = readFileSync(join(vault, 'locket.header'));
    await service['vault.unlock']({ path: vault, passphrase: TEST_PASSPHRASE });
    await placeHold(service);
    await service['vault.lock']();
    writeFileSync(join(vault, 'locket.header'), savedHeader);
    const error = await openError(vault);
    expect(error.code).toBe('vault-rollback');
    expect(error.details?.file).toBe('locket.header');
  });

  it('a whole folder restored from before (header and catalog together) opens, with a warning in status and `locket info`', async () => {
    const { service, vault, configDir } = await serviceWithVault();
    await service['vault.lock']();
    const savedHeader = readFileSync(join(vault, 'locket.header'));
    const savedCatalog = readFileSync(join(vault, 'catalog.lkt'));
    const unlocked = await service['vault.unlock']({ path: vault, passphrase: TEST_PASSPHRASE });
    expect(unlocked.rollbackWarning).toBeUndefined();
    await placeHold(service);
    await placeHold(service);
    await service['vault.lock']();
    expect(existsSync(join(configDir, 'seen-generations.json'))).toBe(true);

    writeFileSync(join(vault, 'locket.header'), savedHeader);
    writeFileSync(join(vault, 'catalog.lkt'), savedCatalog);
    const status = await service['vault.unlock']({ path: vault, passphrase: TEST_PASSPHRASE });
    expect(status.state).toBe('unlocked');
    expect(await service['holds.list']()).toHaveLength(0);
    expect(status.rollbackWarning).toContain('at generation 1, but generation 3 was seen before');
    expect((await service['vault.status']()).rollbackWarning).toBe(status.rollbackWarning);
    await service['vault.lock']();

    const run = await cli(['info', vault], configDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Warning {4}This vault folder is older than the copy this computer last saw: it is at generation 1, but generation 3 was seen before/m,
    );
    const json = await cli(['info', vault, '--json'], configDir);
    expect(JSON.parse(json.stdout).rollbackWarning).toContain('generation 3 was seen before');
    // Another computer (another config folder) has seen nothing: no warning there.
    expect((await cli(['info', vault], tempDir())).stdout).not.toContain('Warning');
  });

  it('a vault written before the binding (297-byte header) opens, and its next commit binds the catalog', async () => {
    const { service, vault } = await serviceWithVault();
    await service['vault.lock']();
    // Make the header what a vault written before this change has: no binding, flags 0, MAC over the shorter header.
    const bound = parseHeader(readFileSync(join(vault, 'locket.header')));
    const keys = await openHeader(bound, SLOT_PASSPHRASE, new TextEncoder().encode(TEST_PASSPHRASE), runKdfInProcess);
    const { catalog: _binding, ...unbound } = bound;
    writeFileSync(join(vault, 'locket.header'), encodeHeader(await signHeader(unbound, keys)));
    await wipeRootKeys(keys);
    expect(readFileSync(join(vault, 'locket.header')).length).toBe(HEADER_LENGTH);
    const saved = readFileSync(join(vault, 'catalog.lkt'));

    const session = await VaultSession.open(vault, { passphrase: TEST_PASSPHRASE });
    expect(readFileSync(join(vault, 'locket.header')).length).toBe(HEADER_LENGTH); // opening alone changes nothing
    await session.write(async (w) => {
      await w.insertMessages([message(1)]);
    });
    await session.lock();
    expect(boundGeneration(vault)).toBe(2);

    // Now bound: the catalog from before that commit is refused.
    writeFileSync(join(vault, 'catalog.lkt'), saved);
    expect((await openError(vault)).code).toBe('vault-rollback');
  });

  it('every commit rebinds: a catalog from any earlier commit is refused, the current one opens', async () => {
    const { service, vault } = await serviceWithVault();
    const copies: Buffer[] = [];
    for (let i = 0; i < 3; i++) {
      copies.push(readFileSync(join(vault, 'catalog.lkt')));
      await placeHold(service);
    }
    await service['vault.lock']();
    const current = readFileSync(join(vault, 'catalog.lkt'));
    for (const [i, copy] of copies.entries()) {
      writeFileSync(join(vault, 'catalog.lkt'), copy);
      const error = await openError(vault);
      expect(error.code).toBe('vault-rollback');
      expect(error.message).toContain(`(generation ${i + 1}, expected 4)`);
    }
    writeFileSync(join(vault, 'catalog.lkt'), current);
    const session = await VaultSession.open(vault, { passphrase: TEST_PASSPHRASE });
    expect(session.generation).toBe(4);
    await session.lock();
  });
});
