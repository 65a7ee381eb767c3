import { readdirSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALICE, generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { locket } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const PASS = { LOCKET_PASSPHRASE: 'a long enough passphrase' };

async function importedVault(): Promise<string> {
  const vault = join(tempDir(), 'Cli.locket');
  await locket(['init', vault], PASS);
  const { accountRoot } = await generatePc3Backup(tempDir());
  expect((await locket(['import', vault, accountRoot], PASS)).code).toBe(0);
  return vault;
}

describe('locket backup, restore and check', () => {
  it('backs up, restores into a new folder whose messages equal the original, and checks both', async () => {
    const vault = await importedVault();
    const dest = join(tempDir(), 'Backup');
    const backedUp = await locket(['backup', vault, dest], PASS);
    expect(backedUp.code).toBe(0);
    expect(backedUp.stdout).toMatch(/Backed up to .*Backup: \d+ files copied/);
    const again = await locket(['backup', vault, dest, '--json'], PASS);
    expect(again.json()).toMatchObject({ filesCopied: 0, filesRemoved: 0 });

    // The backup opens with the same passphrase; this computer knows it for a backup, not a rollback.
    const info = await locket(['info', dest], PASS);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('Backup     This folder is a backup');
    expect(info.stdout).not.toContain('Warning');
    expect((await locket(['check', dest], PASS)).stdout).toContain('No problems');

    const restored = join(tempDir(), 'Restored');
    const restore = await locket(['restore', dest, restored], PASS);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('every file checked');
    const original = await locket(['messages', vault, '--json'], PASS);
    const copy = await locket(['messages', restored, '--json'], PASS);
    expect(copy.stdout.split('\n').length).toBeGreaterThan(10);
    expect(copy.stdout).toBe(original.stdout);
    expect((await locket(['restore', dest, restored], PASS)).code).toBe(6);
  });

  it('a wipe names the backups that still hold the data, info lists them, and the next backup clears them', async () => {
    const vault = await importedVault();
    const dest = join(tempDir(), 'Backup');
    await locket(['backup', vault, dest], PASS);
    const wiped = await locket(['wipe', vault, '--conversation', ALICE, '--yes'], PASS);
    expect(wiped.code).toBe(0);
    expect(wiped.stdout).toContain('1 backup folder still held the wiped data at wipe time');
    expect((await locket(['info', vault], PASS)).stdout).toContain('1 backup folder(s) still hold data');
    const next = await locket(['backup', vault, dest], PASS);
    expect(next.stdout).toContain('Wiped data is now gone from this backup too');
    expect((await locket(['info', vault], PASS)).stdout).not.toContain('still hold data');
    const audit = await locket(['audit', vault, '--json'], PASS);
    expect(audit.stdout).toContain('"backup"');
  });

  it('check exits 4 naming a missing and a truncated file, and 3 for a wrong passphrase; backup refuses a foreign folder with 6', async () => {
    const vault = await importedVault();
    const shards = readdirSync(join(vault, 'shards'));
    // A media folder can be empty (an item found to be a duplicate after it was written is removed).
    const mediaDir = readdirSync(join(vault, 'media')).find((d) => readdirSync(join(vault, 'media', d)).length > 0)!;
    const media = readdirSync(join(vault, 'media', mediaDir))[0]!;
    rmSync(join(vault, 'shards', shards[0]!));
    truncateSync(join(vault, 'media', mediaDir, media), 100);
    const checked = await locket(['check', vault], PASS);
    expect(checked.code).toBe(4);
    expect(checked.stdout).toContain(`shards/${shards[0]}: missing`);
    expect(checked.stdout).toContain(`media/${mediaDir}/${media}: damaged`);
    expect(checked.stderr).toContain('2 problem(s) found');
    expect((await locket(['check', vault], { LOCKET_PASSPHRASE: 'not the passphrase' })).code).toBe(3);

    const foreign = join(tempDir(), 'Foreign');
    await locket(['init', join(foreign)], PASS);
    const refused = await locket(['backup', vault, foreign], PASS);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain('holds another Locket vault');
  });
});
