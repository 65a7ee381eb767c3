import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { resolveInside } from '../../../electron/core/importing/safe-path';
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
  const rows = srcs.map((src, i) => pythonCsvRow([i + 1, String(9000 + i), '文件', 0, PEER, PEER, `f${i}.pdf`, src, '2024-03-10 20:15:30']));
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
    const report = await service['import.run']({ paths: [exportNaming(folder, ['files\\linked.pdf', 'elsewhere/secret.pdf', 'files/own.pdf'])] });
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
