import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/audit-log';
import { runBackup } from '../../../electron/core/backup/run-backup';
import { restoreBackup } from '../../../electron/core/backup/restore-backup';
import { checkVault } from '../../../electron/core/check/check-vault';
import { all } from '../../../electron/core/db/sqlite';
import { executeWipe } from '../../../electron/core/retention/execute-wipe';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { createLocketService } from '../../../electron/core/service';
import { backupsHoldingWipedData } from '../../../electron/core/store/backup-records';
import { generatePc3Backup } from '../../fixtures/generate-pc3-backup';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_PASSPHRASE, createTestVault, testKdf } from '../../helpers/vault';
import { WIPED_TEXT, everyByteOf, fillVault, hits, textsOf } from './backup-helpers';

async function filledVault() {
  const seenGenerationsFile = join(tempDir(), 'seen-generations.json');
  const vault = await createTestVault({ seenGenerationsFile, shardBudgetBytes: 64 * 1024 });
  await fillVault(vault.session);
  return { ...vault, seenGenerationsFile };
}

describe('locket backup', () => {
  it('mirrors the vault to a folder that opens with the same passphrase, and a second backup copies nothing new', async () => {
    const { session, seenGenerationsFile } = await filledVault();
    const dest = join(tempDir(), 'Backup');
    const first = await runBackup(session, dest);
    expect(first.filesCopied).toBeGreaterThan(2);
    expect(first.filesKept).toBe(0);
    expect(await textsOf(dest)).toEqual(await textsOf2(session));

    const second = await runBackup(session, dest);
    expect(second).toMatchObject({ filesCopied: 0, filesKept: first.filesCopied, filesRemoved: 0 });
    expect(second.generation).toBe(first.generation + 1); // the first backup's record is in it
    const audit = listAudit(session.catalog).filter((e) => e.action === 'backup');
    expect(audit).toHaveLength(2);

    // Opening the backup on this computer is not a rollback: a note says what it is.
    const opened = await VaultSession.open(dest, { passphrase: TEST_PASSPHRASE }, { ...testKdf, seenGenerationsFile });
    expect(opened.rollbackWarning).toBeNull();
    expect(opened.backupNote).toContain(`generation ${second.generation}`);
    await opened.lock();
    await session.lock();
  });

  it('leaves the previous backup openable when a backup stops between files, and a rerun copies only what is missing', async () => {
    const { session } = await filledVault();
    const dest = join(tempDir(), 'Backup');
    const first = await runBackup(session, dest);
    const before = await textsOf(dest);
    await fillVault(session, 1000, 30);

    await expect(runBackup(session, dest, { failAfterFiles: 1 })).rejects.toThrow(/injected failure/);
    expect(await textsOf(dest)).toEqual(before);
    const reopened = await VaultSession.open(dest, { passphrase: TEST_PASSPHRASE }, testKdf);
    expect(reopened.generation).toBe(first.generation);
    expect(await reopened.verifyAllFiles()).toMatchObject({ mediaFiles: 2 });
    await reopened.lock();

    const controller = new AbortController();
    controller.abort();
    await expect(runBackup(session, dest, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });

    const rerun = await runBackup(session, dest);
    expect(rerun.filesKept).toBeGreaterThanOrEqual(first.filesCopied - 1);
    expect(await textsOf(dest)).toEqual(await textsOf2(session));
    await session.lock();
  });

  it('keeps wiped data in a backup until its next backup, which removes it and is recorded in the audit log', async () => {
    const { session } = await filledVault();
    const dest = join(tempDir(), 'Backup');
    await runBackup(session, dest);
    const target = all<{ id: number }>(
      await session.shard(session.listShards()[0]!),
      'SELECT id FROM messages WHERE text = ?',
      [WIPED_TEXT],
    );
    expect(target).toHaveLength(1);
    const certificate = await executeWipe(session, { kind: 'messages', messageIds: [target[0]!.id] }, 1);
    expect(certificate.backupsHoldingData?.map((b) => b.path)).toEqual([dest]);
    expect(certificate.text).toContain('1 backup folder still held the wiped data at wipe time');
    expect(backupsHoldingWipedData(session.catalog)).toHaveLength(1);
    expect(hits(await everyByteOf(session.dir), WIPED_TEXT)).toBe(0);
    expect(hits(await everyByteOf(dest), WIPED_TEXT)).toBeGreaterThan(0);

    const next = await runBackup(session, dest);
    expect(next.filesRemoved).toBeGreaterThan(0);
    expect(next.wipesCleared).toEqual([certificate.body.auditSequence]);
    expect(hits(await everyByteOf(dest), WIPED_TEXT)).toBe(0);
    expect(backupsHoldingWipedData(session.catalog)).toEqual([]);
    const entry = listAudit(session.catalog).at(-1)!;
    expect(entry).toMatchObject({ action: 'backup', details: { wipesCleared: [certificate.body.auditSequence] } });
    await session.lock();
  });

  it('refuses a folder that holds something else or another vault, and never writes or deletes through a planted link', async () => {
    const { session } = await filledVault();
    const other = join(tempDir(), 'Other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    await expect(runBackup(session, other)).rejects.toMatchObject({ code: 'vault-exists' });
    expect(readdirSync(other)).toEqual(['notes.txt']);
    const another = await createTestVault();
    await another.session.lock();
    await expect(runBackup(session, another.dir)).rejects.toThrow(/another Locket vault/);
    await expect(runBackup(session, join(session.dir, 'inside'))).rejects.toMatchObject({ code: 'invalid-argument' });

    // A link where `shards` belongs: refused before anything is written through it.
    const outside = join(tempDir(), 'Outside');
    mkdirSync(outside);
    const linked = join(tempDir(), 'Linked');
    mkdirSync(linked);
    symlinkSync(outside, join(linked, 'shards'));
    writeFileSync(join(linked, 'locket.backup'), `locket-backup 1 ${session.vaultId}\n`);
    await expect(runBackup(session, linked)).rejects.toThrow(/never writes through links/);
    expect(readdirSync(outside)).toEqual([]);

    // Links planted as files: one named like a file to copy, one like a leftover to remove. Neither target changes.
    const dest = join(tempDir(), 'Backup');
    await runBackup(session, dest);
    const victim = join(outside, 'victim.txt');
    writeFileSync(victim, 'do not touch');
    const shardName = session.listShards()[0]!.fileId;
    const copyTarget = join(dest, 'shards', `${shardName}.lkt`);
    renameSync(copyTarget, `${copyTarget}.moved`);
    symlinkSync(victim, copyTarget);
    const leftover = join(dest, 'shards', `${'ab'.repeat(16)}.lkt`);
    symlinkSync(victim, leftover);
    await runBackup(session, dest);
    expect(readFileSync(victim, 'utf8')).toBe('do not touch');
    expect(existsSync(leftover)).toBe(true); // left as it is, not followed
    expect(await textsOf(dest)).toEqual(await textsOf2(session));
    await session.lock();
  });

  it('refuses to replace a newer copy of the vault with an older one', async () => {
    const { session, dir } = await filledVault();
    const dest = join(tempDir(), 'Backup');
    await runBackup(session, dest);
    await session.lock();
    // The newer backup stays; the vault goes back to an older state (a restore of an older copy).
    const older = join(tempDir(), 'Older');
    const restored = await restoreBackup(dest, older, TEST_PASSPHRASE, testKdf);
    expect(restored.messages).toBe(40);
    const newer = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE }, testKdf);
    await fillVault(newer, 2000, 5);
    await runBackup(newer, dest);
    await newer.lock();
    const old = await VaultSession.open(older, { passphrase: TEST_PASSPHRASE }, testKdf);
    await expect(runBackup(old, dest)).rejects.toMatchObject({ code: 'vault-rollback' });
    await old.lock();
  });
});

describe('locket restore', () => {
  it('restores a backup into a new folder, reads everything, and resets the generation record to the restored one', async () => {
    const { session, seenGenerationsFile } = await filledVault();
    const dest = join(tempDir(), 'Backup');
    const backup = await runBackup(session, dest);
    const original = await textsOf2(session);
    await fillVault(session, 3000, 3);
    await session.lock();
    const target = join(tempDir(), 'Restored');
    const restored = await restoreBackup(dest, target, TEST_PASSPHRASE, { ...testKdf, seenGenerationsFile });
    expect(restored).toMatchObject({ generation: backup.generation, messages: 40 });
    expect(restored.newerGenerationSeen).toBeGreaterThan(backup.generation);
    expect(await textsOf(target)).toEqual(original);
    const opened = await VaultSession.open(
      target,
      { passphrase: TEST_PASSPHRASE },
      { ...testKdf, seenGenerationsFile },
    );
    expect(opened.rollbackWarning).toBeNull();
    expect((await checkVault(opened)).isIntact).toBe(true);
    await opened.lock();
    // Never over a vault.
    await expect(restoreBackup(dest, target, TEST_PASSPHRASE, testKdf)).rejects.toMatchObject({ code: 'vault-exists' });
  });
});

async function textsOf2(session: VaultSession): Promise<string[]> {
  const texts: { id: number; text: string }[] = [];
  for (const entry of session.listShards())
    texts.push(...all<{ id: number; text: string }>(await session.shard(entry), 'SELECT id, text FROM messages'));
  return texts.sort((a, b) => a.id - b.id).map((t) => t.text);
}

describe('backup.cancel', () => {
  it('stops a running backup between files; the folder still opens as before and a rerun copies only what is missing', async () => {
    const events = new EventEmitter();
    const service = createLocketService({
      sessionOptions: testKdf,
      configDir: null,
      emit: (event, payload) => events.emit(event, payload),
    });
    const vault = join(tempDir(), 'Service.locket');
    await service['vault.create']({ path: vault, passphrase: TEST_PASSPHRASE });
    const dest = join(tempDir(), 'Backup');
    const first = await service['backup.run']({ path: dest });
    // More files than the copy runs at once, so a cancel lands between them.
    const { accountRoot } = await generatePc3Backup(tempDir());
    await service['import.run']({ paths: [accountRoot] });
    let cancelled = false;
    events.on('backup.progress', (p: { phase: string; files: number }) => {
      if (!cancelled && p.phase === 'copying' && p.files > 0) {
        cancelled = true;
        void service['backup.cancel']();
      }
    });
    await expect(service['backup.run']({ requestId: 'r' })).rejects.toMatchObject({ code: 'cancelled' });
    expect(cancelled).toBe(true);
    await service['vault.lock']();
    // Opened as a check does (an unlock would remove the copies the cancelled run made, as leftovers).
    const before = await VaultSession.open(
      dest,
      { passphrase: TEST_PASSPHRASE },
      { ...testKdf, removesLeftovers: false },
    );
    expect(before.generation).toBe(first.generation);
    await before.lock();
    await service['vault.unlock']({ path: vault, passphrase: TEST_PASSPHRASE });
    const rerun = await service['backup.run']({});
    expect(rerun.filesKept).toBeGreaterThan(0);
    expect(rerun.path).toBe(first.path);
    expect((await service['backup.list']()).backups).toHaveLength(1);
    await service.dispose();
  });
});
