import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocketError } from '../../../electron/core/errors';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { compactVault } from '../../../electron/core/session/compact-vault';
import { VaultSession } from '../../../electron/core/session/vault-session';
import type { CompactProgress } from '../../../electron/ipc/contract';
import { createUncompressedVault } from '../../fixtures/uncompressed-vault';
import { testKdf } from '../../helpers/vault';
import { tempDir } from '../../helpers/temp-dir';

const PASSPHRASE = 'compact progress passphrase';

async function oldVault(): Promise<string> {
  const dir = join(tempDir(), 'Old.locket');
  await createUncompressedVault(dir, PASSPHRASE, { messages: 900, shardBudgetBytes: 48 * 1024 });
  return dir;
}

type Listener = (progress: CompactProgress) => void;

/** A service unlocked on `dir` whose compaction events the test collects, and can act on as they come. */
async function serviceOn(
  dir: string,
): Promise<{ service: LocketService; events: CompactProgress[]; listen(listener: Listener | null): void }> {
  const events: CompactProgress[] = [];
  let listener: Listener | null = null;
  const service = createLocketService({
    sessionOptions: testKdf,
    configDir: null,
    emit: (event, payload) => {
      if (event !== 'vault.compactProgress') return;
      events.push(payload as CompactProgress);
      listener?.(payload as CompactProgress);
    },
  });
  await service['vault.unlock']({ path: dir, passphrase: PASSPHRASE });
  return { service, events, listen: (l) => (listener = l) };
}

/** Calls `act` once, when the compaction has written `files` files. */
function whenWritten(files: number, act: () => void): Listener {
  return (p) => {
    if (p.phase === 'rewriting' && p.files === files) act();
  };
}

function shardFiles(dir: string): string[] {
  return readdirSync(join(dir, 'shards')).sort();
}

describe('compacting with progress, status, cancel and other operations', () => {
  it('reports what is still uncompressed from file headers, and progress file by file up to done', async () => {
    const dir = await oldVault();
    const { service, events } = await serviceOn(dir);
    try {
      const shards = shardFiles(dir).length;
      expect(shards).toBeGreaterThan(3);
      const before = await service['vault.compactStatus']();
      // The catalog and every shard are version 1.
      expect(before).toMatchObject({ files: shards + 1, uncompressedFiles: shards + 1 });
      expect(before.uncompressedBytes).toBe(before.bytes);

      const report = await service['vault.compact']({ requestId: 'c1' });
      expect(report).toMatchObject({ shardsRewritten: shards, filesRewritten: shards + 1 });
      expect(report.bytesBefore).toBe(before.bytes);
      expect(events.every((e) => e.requestId === 'c1')).toBe(true);
      expect(events.map((e) => e.phase)).toEqual([
        ...Array<string>(shards + 1).fill('rewriting'), // 0 written, then each shard
        'committing',
        'done',
      ]);
      const rewriting = events.filter((e) => e.phase === 'rewriting');
      expect(rewriting.map((e) => e.files)).toEqual(Array.from({ length: shards + 1 }, (_, i) => i));
      // The catalog is written by the commit: done counts it.
      expect(events.at(-2)).toMatchObject({ phase: 'committing', files: shards });
      // Every event counts against the same totals: the old files' count and bytes.
      for (const e of events) expect({ t: e.totalFiles, b: e.totalBytes }).toEqual({ t: shards + 1, b: before.bytes });
      expect(rewriting.at(-1)!.bytes).toBeLessThan(before.bytes);
      expect(events.at(-1)).toMatchObject({ files: shards + 1, bytes: before.bytes });

      const after = await service['vault.compactStatus']();
      expect(after).toMatchObject({ files: shards + 1, uncompressedFiles: 0, uncompressedBytes: 0 });
      expect(after.bytes).toBe(report.bytesAfter);
      expect(after.bytes).toBeLessThan(before.bytes / 2);
      // Nothing left: a second run says so at once.
      events.length = 0;
      expect(await service['vault.compact']({})).toMatchObject({ filesRewritten: 0, bytesBefore: after.bytes });
      expect(events.map((e) => e.phase)).toEqual(['done']);
    } finally {
      await service.dispose();
    }
  });

  it('cancelled half-way, leaves the vault exactly as it was, and compacts fully when asked again', async () => {
    const dir = await oldVault();
    const files = shardFiles(dir);
    const run = await serviceOn(dir);
    const { service } = run;
    try {
      const status = await service['vault.compactStatus']();
      // Cancelled once two shards are written: it stops before the third.
      run.listen(whenWritten(2, () => void service['vault.cancelCompact']()));
      const error = await service['vault.compact']({}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocketError);
      expect((error as LocketError).code).toBe('cancelled');
      expect((error as LocketError).message).toContain('exactly as it was');
      expect(await service['vault.compactStatus']()).toEqual(status);
      expect(await service['vault.cancelCompact']()).toEqual({ cancelled: false });
      run.listen(null);
      expect((await service['vault.compact']({})).shardsRewritten).toBe(files.length);
    } finally {
      await service.dispose();
    }
    const reopened = await VaultSession.open(dir, { passphrase: PASSPHRASE });
    expect((await reopened.verifyAllFiles()).shards).toBe(files.length);
    expect(reopened.listShards().reduce((n, s) => n + s.messageCount, 0)).toBe(900);
    await reopened.lock();
  });

  it('after a cancel, the next unlock removes the shards the cancelled run had written', async () => {
    const dir = await oldVault();
    const files = shardFiles(dir);
    const run = await serviceOn(dir);
    run.listen(whenWritten(1, () => void run.service['vault.cancelCompact']()));
    await expect(run.service['vault.compact']({})).rejects.toMatchObject({ code: 'cancelled' });
    await run.service.dispose();
    const reopened = await VaultSession.open(dir, { passphrase: PASSPHRASE });
    await reopened.lock();
    expect(shardFiles(dir)).toEqual(files);
  });

  it('refuses to start while another write runs or waits, and refuses imports, backups and wipes while it runs', async () => {
    const dir = await oldVault();
    const session = await VaultSession.open(dir, { passphrase: PASSPHRASE }, testKdf);
    let release!: () => void;
    const held = session.write(() => new Promise<void>((resolve) => (release = resolve)));
    const refused = await compactVault(session).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'vault-busy' });
    expect((refused as LocketError).message).toContain('import, a wipe or a backup');
    release();
    await held;
    await session.lock();

    // An import counts from its start: while it hashes its sources it has not asked to write yet.
    const importing = await serviceOn(await oldVault());
    const imported = importing.service['import.run']({
      paths: [join(process.cwd(), 'resources/sample/wxid_locket_demo')],
    });
    await expect(importing.service['vault.compact']({})).rejects.toMatchObject({ code: 'vault-busy' });
    expect((await imported).imported).toBeGreaterThan(0);
    await importing.service.dispose();

    const run = await serviceOn(dir);
    const { service } = run;
    const during: Record<string, unknown> = {};
    run.listen(
      whenWritten(1, () => {
        const outcome = (name: string, call: Promise<unknown>) =>
          call.then(
            () => (during[name] = 'ran'),
            (e: LocketError) => (during[name] = `${e.code}: ${e.message}`),
          );
        void outcome('import', service['import.run']({ paths: [dir] }));
        void outcome('backup', service['backup.run']({ path: join(dir, '..', 'Backup') }));
        void outcome(
          'wipe',
          service['wipe.execute']({ selection: { kind: 'conversation', conversationId: 1 }, expectedMessages: 900 }),
        );
        void outcome('compact', service['vault.compact']({}));
      }),
    );
    try {
      await service['vault.compact']({});
      await expect.poll(() => Object.keys(during).length).toBe(4);
      for (const name of ['import', 'backup', 'wipe'])
        expect(during[name]).toBe(
          'vault-busy: The vault is being compacted. Wait for it to finish (Settings, Storage), then try again.',
        );
      expect(during.compact).toBe('vault-busy: The vault is already being compacted.');
      // Once it is done, they run again.
      await service['backup.run']({ path: join(dir, '..', 'Backup') });
    } finally {
      await service.dispose();
    }
  });
});
