import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService } from '../../../electron/core/service';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { shredFile } from '../../../electron/core/vault/vault-files';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_PASSPHRASE, createTestVault, message } from '../../helpers/vault';

const isWindows = process.platform === 'win32';
/** Symbolic links need a privilege on Windows; the attacks are the same elsewhere. */
const withLinks = isWindows ? it.skip : it;

const fileId = (prefix = '') => prefix + randomBytes(16).toString('hex').slice(prefix.length);

/** A vault holding one shard and one media item, locked. */
async function lockedVault(): Promise<{ dir: string; shardIds: string[]; mediaIds: string[] }> {
  const { dir, session } = await createTestVault();
  await session.write(async (w) => {
    await w.insertMessages([message(1), message(2)]);
    const bytes = new TextEncoder().encode('a picture');
    await w.putMedia(bytes, await session.mediaHash(bytes), 'image/png');
  });
  const shardIds = session.listShards().map((s) => s.fileId);
  await session.lock();
  const mediaIds = readdirSync(join(dir, 'media')).flatMap((sub) =>
    readdirSync(join(dir, 'media', sub)).map((name) => name.slice(0, 32)),
  );
  return { dir, shardIds, mediaIds };
}

/** A file outside the vault that an attacker points the vault at. */
function outsideFile(name = 'precious.txt'): { path: string; bytes: Buffer } {
  const path = join(tempDir('locket-outside-'), name);
  const bytes = Buffer.from(`not the vault's to touch ${randomBytes(8).toString('hex')}\n`.repeat(50));
  writeFileSync(path, bytes);
  return { path, bytes };
}

async function unlock(dir: string): Promise<VaultSession> {
  return VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
}

describe('the leftover cleanup at unlock', () => {
  withLinks(
    'leaves a *.tmp symlink to an outside file alone and reports it, and still removes real leftovers',
    async () => {
      const { dir } = await lockedVault();
      const target = outsideFile();
      symlinkSync(target.path, join(dir, 'x.tmp'));
      writeFileSync(join(dir, 'catalog.lkt.tmp'), 'a real leftover');

      const session = await unlock(dir);
      expect(readFileSync(target.path)).toEqual(target.bytes);
      expect(lstatSync(join(dir, 'x.tmp')).isSymbolicLink()).toBe(true);
      expect(existsSync(join(dir, 'catalog.lkt.tmp'))).toBe(false);
      expect(session.cleanupSkipped).toEqual([{ path: 'x.tmp', reason: 'link' }]);
      await session.lock();
    },
  );

  withLinks('leaves an unreferenced shards/<id>.lkt symlink to an outside file alone and reports it', async () => {
    const { dir } = await lockedVault();
    const target = outsideFile('victim.lkt');
    const name = `${fileId()}.lkt`;
    symlinkSync(target.path, join(dir, 'shards', name));

    const session = await unlock(dir);
    expect(readFileSync(target.path)).toEqual(target.bytes);
    expect(lstatSync(join(dir, 'shards', name)).isSymbolicLink()).toBe(true);
    expect(session.cleanupSkipped).toEqual([{ path: `shards/${name}`, reason: 'link' }]);
    await session.lock();
  });

  withLinks('does not enter a media/xx folder that is a symlink to an outside folder of *.lkt files', async () => {
    const { dir, mediaIds } = await lockedVault();
    const prefix = ['ab', 'cd', 'ef'].find((p) => !mediaIds.some((id) => id.startsWith(p)))!;
    const outside = tempDir('locket-outside-');
    const victims = [fileId(prefix), fileId(prefix), fileId()].map((id) => {
      const path = join(outside, `${id}.lkt`);
      writeFileSync(path, randomBytes(5000));
      return { path, bytes: readFileSync(path) };
    });
    symlinkSync(outside, join(dir, 'media', prefix), 'dir');
    const session = await unlock(dir);
    for (const victim of victims) expect(readFileSync(victim.path)).toEqual(victim.bytes);
    expect(readdirSync(outside)).toHaveLength(3);
    expect(lstatSync(join(dir, 'media', prefix)).isSymbolicLink()).toBe(true);
    expect(session.cleanupSkipped).toEqual([{ path: `media/${prefix}`, reason: 'link' }]);
    await session.lock();
  });

  withLinks('does not enter a shards folder that is a symlink, and reads through it', async () => {
    const { dir, shardIds } = await lockedVault();
    const outside = tempDir('locket-outside-');
    const moved = join(outside, 'shards');
    renameSync(join(dir, 'shards'), moved);
    const victim = join(moved, `${fileId()}.lkt`);
    writeFileSync(victim, 'an unreferenced file in the folder the link points to');
    symlinkSync(moved, join(dir, 'shards'), 'dir');

    const session = await unlock(dir);
    expect(readFileSync(victim, 'utf8')).toBe('an unreferenced file in the folder the link points to');
    expect(session.cleanupSkipped).toEqual([{ path: 'shards', reason: 'link' }]);
    // The referenced shard is reached through the link, so it is not "missing".
    expect(session.listShards().map((s) => s.fileId)).toEqual(shardIds);
    await session.lock();
  });

  it('leaves a hard link to an outside file, named like an unreferenced shard, alone and reports it', async () => {
    const { dir } = await lockedVault();
    const target = outsideFile();
    const name = `${fileId()}.lkt`;
    linkSync(target.path, join(dir, 'shards', name));

    const session = await unlock(dir);
    expect(readFileSync(target.path)).toEqual(target.bytes);
    expect(existsSync(join(dir, 'shards', name))).toBe(true);
    expect(session.cleanupSkipped).toEqual([{ path: `shards/${name}`, reason: 'hard-link' }]);
    await session.lock();
  });

  it('leaves folders, FIFOs and other non-files named like leftovers alone and reports them', async () => {
    const { dir } = await lockedVault();
    const folder = `${fileId()}.lkt`;
    mkdirSync(join(dir, 'shards', folder));
    writeFileSync(join(dir, 'shards', folder, 'inside.txt'), 'kept');
    const expected = [{ path: `shards/${folder}`, reason: 'not-a-file' }];
    if (!isWindows) {
      execFileSync('mkfifo', [join(dir, 'pipe.tmp')]);
      expected.unshift({ path: 'pipe.tmp', reason: 'not-a-file' });
    }

    const session = await unlock(dir);
    expect(readFileSync(join(dir, 'shards', folder, 'inside.txt'), 'utf8')).toBe('kept');
    if (!isWindows) expect(lstatSync(join(dir, 'pipe.tmp')).isFIFO()).toBe(true);
    expect(session.cleanupSkipped).toEqual(expected);
    await session.lock();
  });

  it('removes nothing while a file the catalog references is missing, and reports the missing file', async () => {
    const { dir, shardIds } = await lockedVault();
    const referenced = join(dir, 'shards', `${shardIds[0]}.lkt`);
    const aside = join(tempDir('locket-restore-'), 'shard.lkt');
    renameSync(referenced, aside);
    const leftovers = [
      join(dir, 'shards', `${fileId()}.lkt`),
      join(dir, 'catalog.lkt.tmp'),
      join(dir, 'media', 'ff', `${fileId('ff')}.lkt`),
    ];
    mkdirSync(join(dir, 'media', 'ff'), { recursive: true });
    for (const path of leftovers) writeFileSync(path, `leftover ${path}`);

    const session = await unlock(dir);
    for (const path of leftovers) expect(readFileSync(path, 'utf8')).toBe(`leftover ${path}`);
    expect(session.cleanupSkipped).toEqual([{ path: `shards/${shardIds[0]}.lkt`, reason: 'referenced-missing' }]);
    await session.lock();

    // Once the folder is whole again, the next unlock cleans up as usual.
    renameSync(aside, referenced);
    const again = await unlock(dir);
    for (const path of leftovers) expect(existsSync(path)).toBe(false);
    expect(again.cleanupSkipped).toEqual([]);
    expect(await again.verifyAllFiles()).toEqual({ shards: 1, mediaFiles: 1 });
    await again.lock();
  });

  withLinks('reports what it left in vault.status', async () => {
    const { dir } = await lockedVault();
    const target = outsideFile();
    symlinkSync(target.path, join(dir, 'x.tmp'));
    const service = createLocketService();
    try {
      const status = await service['vault.unlock']({ path: dir, passphrase: TEST_PASSPHRASE });
      expect(status.cleanupSkipped).toEqual([{ path: 'x.tmp', reason: 'link' }]);
      expect((await service['vault.status']()).cleanupSkipped).toEqual([{ path: 'x.tmp', reason: 'link' }]);
    } finally {
      await service.dispose();
    }
    expect(readFileSync(target.path)).toEqual(target.bytes);
  });
});

describe('shredding superseded files', () => {
  it('refuses links, hard links and non-files, and overwrites and removes a regular file', async () => {
    const dir = tempDir();
    const target = outsideFile();
    linkSync(target.path, join(dir, 'hard.lkt'));
    mkdirSync(join(dir, 'folder.lkt'));
    writeFileSync(join(dir, 'plain.lkt'), 'ciphertext');
    expect(await shredFile(join(dir, 'hard.lkt'))).toBe('hard-link');
    expect(await shredFile(join(dir, 'folder.lkt'))).toBe('not-a-file');
    expect(await shredFile(join(dir, 'absent.lkt'))).toBe('absent');
    expect(await shredFile(join(dir, 'plain.lkt'))).toBe('shredded');
    expect(existsSync(join(dir, 'plain.lkt'))).toBe(false);
    if (!isWindows) {
      symlinkSync(target.path, join(dir, 'soft.lkt'));
      expect(await shredFile(join(dir, 'soft.lkt'))).toBe('link');
      expect(lstatSync(join(dir, 'soft.lkt')).isSymbolicLink()).toBe(true);
    }
    expect(readFileSync(target.path)).toEqual(target.bytes);
  });

  it('after a commit, leaves a superseded shard that is hard-linked outside, and the next unlock reports it', async () => {
    const { dir, session } = await createTestVault();
    await session.write((w) => w.insertMessages([message(1)]));
    const [first] = session.listShards();
    const backup = join(tempDir('locket-outside-'), 'backup-by-hard-link.lkt');
    linkSync(join(dir, 'shards', `${first!.fileId}.lkt`), backup);
    const backupBytes = readFileSync(backup);

    await session.write((w) => w.insertMessages([message(2)])); // rewrites the shard: the old file is superseded
    expect(session.listShards().map((s) => s.fileId)).not.toContain(first!.fileId);
    expect(readFileSync(backup)).toEqual(backupBytes);
    await session.lock();

    const reopened = await unlock(dir);
    expect(readFileSync(backup)).toEqual(backupBytes);
    expect(reopened.cleanupSkipped).toEqual([{ path: `shards/${first!.fileId}.lkt`, reason: 'hard-link' }]);
    await reopened.lock();
  });

  withLinks('after a commit, leaves a superseded shard that was replaced by a symlink to an outside file', async () => {
    const { dir, session } = await createTestVault();
    await session.write((w) => w.insertMessages([message(1)]));
    const [first] = session.listShards();
    const target = outsideFile();
    const shard = join(dir, 'shards', `${first!.fileId}.lkt`);
    renameSync(shard, join(tempDir(), 'moved-away.lkt'));
    symlinkSync(target.path, shard);

    await session.write((w) => w.insertMessages([message(2)])); // the shard is cached: its file is only superseded
    expect(readFileSync(target.path)).toEqual(target.bytes);
    expect(lstatSync(shard).isSymbolicLink()).toBe(true);
    await session.lock();
  });

  withLinks(
    'after a commit, does not shred through a shards folder swapped for a link to an outside folder',
    async () => {
      const { dir, session } = await createTestVault();
      await session.write((w) => w.insertMessages([message(1)]));
      const [first] = session.listShards();
      const outside = tempDir('locket-outside-');
      renameSync(join(dir, 'shards'), join(outside, 'real-shards'));
      mkdirSync(join(outside, 'decoy'));
      const victim = join(outside, 'decoy', `${first!.fileId}.lkt`);
      writeFileSync(victim, 'an outside file named like the shard about to be superseded');
      symlinkSync(join(outside, 'decoy'), join(dir, 'shards'), 'dir');

      await session.write((w) => w.insertMessages([message(2)])); // the shard is cached: its file is only superseded
      expect(readFileSync(victim, 'utf8')).toBe('an outside file named like the shard about to be superseded');
      await session.lock();
    },
  );

  it('after a commit, leaves the old catalog alone when it has a hard link outside the vault', async () => {
    const { dir, session } = await createTestVault();
    const backup = join(tempDir('locket-outside-'), 'catalog-backup.lkt');
    linkSync(join(dir, 'catalog.lkt'), backup);
    const backupBytes = readFileSync(backup);
    await session.write((w) => w.insertMessages([message(1)]));
    expect(readFileSync(backup)).toEqual(backupBytes);
    await session.lock();

    const reopened = await unlock(dir);
    expect(readFileSync(backup)).toEqual(backupBytes);
    expect(reopened.cleanupSkipped).toEqual([{ path: 'catalog.lkt.old', reason: 'hard-link' }]);
    await reopened.lock();
  });
});

describe.skipIf(isWindows)('file modes', () => {
  it('creates vault files owner-only (0600) and folders owner-only (0700)', async () => {
    const { dir, session } = await createTestVault();
    await session.write(async (w) => {
      await w.insertMessages([message(1)]);
      const bytes = new TextEncoder().encode('a picture');
      await w.putMedia(bytes, await session.mediaHash(bytes), 'image/png');
      await w.putMediaStream(
        (async function* () {
          yield new TextEncoder().encode('a streamed video');
        })(),
        'video/mp4',
      );
    });
    await session.lock();
    const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => join(e.parentPath, e.name));
    const folders = [dir, ...entries.filter((p) => statSync(p).isDirectory())];
    const files = entries.filter((p) => statSync(p).isFile() && !p.endsWith('locket.lock'));
    expect(folders.length).toBeGreaterThanOrEqual(4); // the vault, shards, media and one or two media/xx
    expect(files.filter((p) => p.includes('media'))).toHaveLength(2);
    expect(files.some((p) => p.endsWith('locket.header')) && files.some((p) => p.endsWith('catalog.lkt'))).toBe(true);
    for (const folder of folders)
      expect([folder, (statSync(folder).mode & 0o777).toString(8)]).toEqual([folder, '700']);
    for (const file of files) expect([file, (statSync(file).mode & 0o777).toString(8)]).toEqual([file, '600']);
  });
});
