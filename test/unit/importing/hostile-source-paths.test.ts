import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { TOO_DEEP } from '../../../electron/core/importing/exports/raw-fields';
import { resolveInside } from '../../../electron/core/importing/reader-kit/safe-path';
import { generatePc3Backup } from '../../fixtures/generate-pc3-backup';
import { generatePc4Backup } from '../../fixtures/generate-pc4-backup';
import { pythonCsvRow } from '../../fixtures/generate-exports';
import { expectLocketError } from '../../helpers/read-source';
import { tempDir } from '../../helpers/temp-dir';

const HEADER = ['id', 'MsgSvrID', 'type_name', 'is_sender', 'talker', 'room_name', 'msg', 'src', 'CreateTime'];
const PEER = 'wxid_h0st1lep33r';
const SECRET = Buffer.from('%PDF-1.4 the secret of somebody else\n');

async function newVault(): Promise<LocketService> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({ path: join(tempDir(), 'Hostile.locket'), passphrase: 'hostile paths passphrase' });
  return service;
}

/** A PyWxDump export whose media rows name the given `src` paths (one file row each). */
function exportNaming(folder: string, srcs: readonly string[]): string {
  const rows = srcs.map((src, i) =>
    pythonCsvRow([i + 1, String(9000 + i), '文件', 0, PEER, PEER, `f${i}.pdf`, src, '2024-03-10 20:15:30']),
  );
  const path = join(folder, 'chat.csv');
  writeFileSync(path, pythonCsvRow(HEADER) + rows.join(''));
  return path;
}

describe('paths a backup names that lead out of it through links', () => {
  it('are refused: a linked file and a file in a linked folder are reported outside the export, never stored', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.pdf'), SECRET);
    const folder = tempDir();
    mkdirSync(join(folder, 'files'));
    symlinkSync(join(outside, 'secret.pdf'), join(folder, 'files', 'linked.pdf'));
    symlinkSync(outside, join(folder, 'elsewhere'));
    writeFileSync(join(folder, 'files', 'own.pdf'), Buffer.from('%PDF-1.4 our own file\n'));
    const service = await newVault();
    const report = await service['import.run']({
      paths: [exportNaming(folder, ['files\\linked.pdf', 'elsewhere/secret.pdf', 'files/own.pdf'])],
    });
    expect(report.imported).toBe(3);
    expect(report.media.stored).toBe(1);
    expect(report.media.missing).toEqual({ 'path-outside-export': 2 });
    await service.dispose();
  });

  it('resolves inside the root only on disk too, while a root that is itself a link is fine', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'x.jpg'), 'x');
    const real = tempDir();
    mkdirSync(join(real, 'img'));
    writeFileSync(join(real, 'img', 'a.jpg'), 'a');
    symlinkSync(outside, join(real, 'out'));
    const linkedRoot = join(tempDir(), 'backup-link');
    symlinkSync(real, linkedRoot);
    expect(resolveInside(linkedRoot, 'img/a.jpg')).toBe(join(linkedRoot, 'img', 'a.jpg'));
    expect(resolveInside(linkedRoot, 'out/x.jpg')).toBeNull();
    expect(resolveInside(linkedRoot, 'out/not-there/x.jpg')).toBeNull();
    expect(resolveInside(linkedRoot, 'img/not-there.jpg')).toBe(join(linkedRoot, 'img', 'not-there.jpg'));
  });
});

describe('values nested deeper than JSON can walk (fuzz: seed 17, case 74)', () => {
  it('are kept as a mark in the source row, and the message is imported', async () => {
    const folder = tempDir();
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const row = (id: number, msg: string) =>
      `{"id": ${id}, "MsgSvrID": "${770 + id}", "type_name": "文本", "is_sender": 0, "talker": "${PEER}", "room_name": "${PEER}", "msg": ${msg}, "src": "", "CreateTime": "2024-03-10 20:15:3${id}", "extra": ${id === 2 ? deep : '{}'}}`;
    const path = join(folder, 'deep.json');
    writeFileSync(path, `[${row(1, '"plain"')}, ${row(2, deep)}]`);
    const service = await newVault();
    const report = await service['import.run']({ paths: [path] });
    expect(report.imported).toBe(2);
    const messages = (await service['messages.list']({})).messages;
    expect(messages.map((m) => m.text)).toEqual(['plain', TOO_DEEP]);
    await service.dispose();
  });
});

describe.skipIf(process.platform === 'win32')('FIFOs and devices in place of files', () => {
  it('a FIFO given as the source is refused at once, not waited on', async () => {
    const fifo = join(tempDir(), 'chat.csv');
    execFileSync('mkfifo', [fifo]);
    const service = await newVault();
    const error = await expectLocketError(service['import.detect']({ paths: [fifo] }), 'source-unrecognized');
    expect(error.message).toContain('not a file or a folder');
    await expectLocketError(service['import.run']({ paths: ['/dev/zero'] }), 'source-unrecognized');
    await service.dispose();
  });

  it('a FIFO or a folder in place of a backup database is refused as damaged, not waited on (fuzz: seed 17, cases 419, 454, 841)', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const msg1 = join(accountRoot, 'Msg', 'Multi', 'MSG1.db');
    rmSync(msg1);
    execFileSync('mkfifo', [msg1]);
    const service = await newVault();
    await expectLocketError(service['import.run']({ paths: [accountRoot] }), 'source-damaged');
    rmSync(msg1);
    symlinkSync(tempDir(), msg1);
    await expectLocketError(service['import.run']({ paths: [accountRoot] }), 'source-damaged');
    expect((await service['vault.status']()).counts!.messages).toBe(0);
    await service.dispose();
  });

  it('a FIFO in place of a -wal file beside a database is not waited on: the database is read alone (fuzz: seed 17, case 173)', async () => {
    const { dbStorage } = await generatePc4Backup(tempDir());
    const wal = join(dbStorage, 'message', 'message_1.db-wal');
    rmSync(wal, { force: true });
    execFileSync('mkfifo', [wal]);
    const service = await newVault();
    const report = await service['import.run']({ paths: [dirname(dbStorage)] });
    expect(report.imported).toBeGreaterThan(0);
    await service.dispose();
  }, 30_000);

  it('a FIFO named as a media file is reported, and the import goes on', async () => {
    const folder = tempDir();
    mkdirSync(join(folder, 'files'));
    execFileSync('mkfifo', [join(folder, 'files', 'pipe.pdf')]);
    const service = await newVault();
    const report = await service['import.run']({ paths: [exportNaming(folder, ['files/pipe.pdf'])] });
    expect(report.imported).toBe(1);
    // The export reader only takes regular files as media; the media layer refuses anything else too
    // (media-source.ts: 'not-a-regular-file'), so no reader can hang on one.
    expect(report.media.missing).toEqual({ 'not-in-export': 1 });
    await service.dispose();
  });
});
