import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorShape } from '../../electron/core/errors';
import { createLocketService, type LocketService } from '../../electron/core/service';
import { run } from '../../electron/core/db/sqlite';
import { CHUNK_SIZE } from '../../electron/core/vault/envelope';
import { VaultSession } from '../../electron/core/session/vault-session';
import type { Outcome } from '../../electron/ipc/contract';
import { HostRequestHandlers, safeFileName, type DesktopLike } from '../../electron/main/host-requests';
import type { VaultClient } from '../../electron/main/vault-client';
import { sharedTempDir, tempDir } from '../helpers/temp-dir';
import { TEST_PASSPHRASE, testKdf } from '../helpers/vault';

function desktop(chosen: string | null, opened: string[] = []): DesktopLike {
  return {
    showOpenDialog: async () => ({ canceled: chosen === null, filePaths: chosen ? [chosen] : [] }),
    showSaveDialog: async () => (chosen ? { canceled: false, filePath: chosen } : { canceled: true }),
    openPath: async (path) => {
      opened.push(path);
      return '';
    },
    showItemInFolder: (path) => {
      opened.push(`shown:${path}`);
    },
    // Every question is answered with its default button (Cancel).
    showMessageBox: async (_window, options) => ({ response: options.defaultId }),
  };
}

/** For the requests that never reach the vault. */
const noVault: Pick<VaultClient, 'invoke' | 'writeMediaCopy'> = {
  invoke: async () => {
    throw new Error('not asked of the vault');
  },
  writeMediaCopy: async () => {
    throw new Error('not asked of the vault');
  },
};

async function outcomeOf<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toErrorShape(error) };
  }
}

/**
 * The vault worker's side played by the real core in this thread, over the calls main makes of it; `asked` records
 * them in order.
 */
function throughCore(service: LocketService) {
  const asked: string[] = [];
  const vault: Pick<VaultClient, 'invoke' | 'writeMediaCopy'> = {
    invoke: (method, args) => {
      asked.push(method);
      return outcomeOf(() => (service[method] as (a: typeof args) => Promise<never>)(args));
    },
    writeMediaCopy: (args) => {
      asked.push('writeMediaCopy');
      return outcomeOf(() => service.writeMediaCopy(args));
    },
  };
  return { asked, vault };
}

// A PDF over two chunks and a program, stored with the names their senders gave them.
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(CHUNK_SIZE * 2 + 3)]);
const program = Buffer.concat([Buffer.from('MZ'), randomBytes(1000)]);
let service: LocketService;
let mediaId: string;
let programId: string;

beforeAll(async () => {
  // The vault lives for the whole file (tempDir's folders go after each test).
  const dir = join(sharedTempDir('locket-host-'), 'Test.locket');
  const { session } = await VaultSession.create(dir, TEST_PASSPHRASE, testKdf);
  [mediaId, programId] = await session.write(async (w) => {
    const ids: string[] = [];
    for (const [bytes, name, mime] of [
      [pdf, '../../报价单.pdf', 'application/pdf'],
      [program, 'setup.exe', null],
    ] as const) {
      const { fileId } = await w.putMediaStream(
        (async function* () {
          yield bytes;
        })(),
        mime,
      );
      run(w.catalog, 'UPDATE media SET file_name = ? WHERE file_id = ?', [name, fileId]);
      ids.push(fileId);
    }
    return ids as [string, string];
  });
  await session.lock();
  service = createLocketService({ sessionOptions: testKdf, configDir: null });
  await service['vault.unlock']({ path: dir, passphrase: TEST_PASSPHRASE });
});

afterAll(() => service.dispose());

describe('the requests main answers itself', () => {
  it('remembers only the paths chosen in its dialogs, and saves text only there', async () => {
    const target = join(tempDir(), 'certificate.json');
    const host = new HostRequestHandlers(desktop(target), noVault, () => null);
    expect(host.isChosenPath(target)).toBe(false);
    expect(await host.answer('file.saveText', { path: target, text: '{}' })).toMatchObject({ ok: false });
    expect(await host.answer('dialog.pickSavePath', { purpose: 'certificate', suggestedName: 'c.json' })).toEqual({
      ok: true,
      value: { path: target },
    });
    expect(host.isChosenPath(target)).toBe(true);
    expect(await host.answer('file.saveText', { path: target, text: '{"ok":1}' })).toEqual({
      ok: true,
      value: { saved: true },
    });
    expect(readFileSync(target, 'utf8')).toBe('{"ok":1}');
    const cancelled = new HostRequestHandlers(desktop(null), noVault, () => null);
    expect(await cancelled.answer('dialog.pickFolder', { purpose: 'import-source' })).toEqual({
      ok: true,
      value: { path: null },
    });
  });

  it('asks for one file with the filters of its purpose, all files still offered', async () => {
    const asked: { title: string; properties: string[]; filters?: { name: string; extensions: string[] }[] }[] = [];
    const picking: DesktopLike = {
      ...desktop('/exports/chat.csv'),
      showOpenDialog: async (_window, options) => {
        asked.push(options);
        return { canceled: false, filePaths: ['/exports/chat.csv'] };
      },
    };
    const host = new HostRequestHandlers(picking, noVault, () => null);
    expect(await host.answer('dialog.pickFile', { purpose: 'import-source' })).toEqual({
      ok: true,
      value: { path: '/exports/chat.csv' },
    });
    await host.answer('dialog.pickFile', { purpose: 'bag-check' });
    expect(asked.map((o) => o.properties)).toEqual([['openFile'], ['openFile']]);
    expect(asked[0]!.filters?.flatMap((f) => f.extensions)).toEqual([
      'csv',
      'json',
      'jsonl',
      'txt',
      'db',
      'sqlite',
      '*',
    ]);
    expect(asked[1]!.filters).toEqual([
      { name: 'Evidence bag (.zip)', extensions: ['zip'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    // A file picked is not a path main lets the core write to.
    expect(host.isChosenPath('/exports/chat.csv')).toBe(false);
    const refused = await host.answer('dialog.pickFile', { purpose: 'nothing' as 'bag-check' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(
      await new HostRequestHandlers(desktop(null), noVault, () => null).answer('dialog.pickFile', {
        purpose: 'bag-check',
      }),
    ).toEqual({ ok: true, value: { path: null } });
  });

  it('opens a media item from a private copy the core streams to the temporary folder, removed when the vault locks', async () => {
    const opened: string[] = [];
    const { asked, vault } = throughCore(service);
    const host = new HostRequestHandlers(desktop(null, opened), vault, () => null);
    expect(await host.answer('media.openExternally', { mediaId, fileName: 'ignored.exe' })).toEqual({
      ok: true,
      value: { opened: true },
    });
    // Main asked what the file is, chose the path, and had the core write the copy: it never held the bytes.
    expect(asked).toEqual(['media.info', 'writeMediaCopy']);
    expect(opened).toHaveLength(1);
    const copy = opened[0]!;
    expect(basename(copy)).toBe('报价单.pdf');
    expect(basename(dirname(copy))).toMatch(/^locket-open-/);
    expect(readFileSync(copy).equals(pdf)).toBe(true);
    expect(readdirSync(dirname(copy))).toEqual(['报价单.pdf']);
    if (process.platform !== 'win32') expect(statSync(copy).mode & 0o777).toBe(0o600);
    host.removeTemporaryCopies();
    expect(existsSync(copy)).toBe(false);
  });

  it('saves a refused program, streamed by the core, only where the person chose', async () => {
    const target = join(tempDir(), 'kept.exe');
    const { asked, vault } = throughCore(service);
    const opened: string[] = [];
    const answers = desktop(target, opened);
    // "Save a Copy…" rather than Cancel.
    answers.showMessageBox = async () => ({ response: 1 });
    const host = new HostRequestHandlers(answers, vault, () => null);
    expect(await host.answer('media.openExternally', { mediaId: programId, fileName: null })).toEqual({
      ok: true,
      value: { opened: false },
    });
    expect(opened).toEqual([]);
    expect(asked).toEqual(['media.info', 'writeMediaCopy']);
    expect(readFileSync(target).equals(program)).toBe(true);
  });

  it('saves a copy of a stored file where the save dialog says, under the name the catalog recorded', async () => {
    const target = join(tempDir(), 'chosen.pdf');
    const { asked, vault } = throughCore(service);
    const answers = desktop(target);
    const suggested: string[] = [];
    const show = answers.showSaveDialog;
    answers.showSaveDialog = async (window, options) => {
      suggested.push(options.defaultPath);
      return show(window, options);
    };
    const host = new HostRequestHandlers(answers, vault, () => null);
    expect(await host.answer('media.saveCopy', { mediaId, fileName: '../../evil.sh' })).toEqual({
      ok: true,
      value: { saved: true },
    });
    expect(suggested).toEqual(['报价单.pdf']);
    expect(asked).toEqual(['media.info', 'writeMediaCopy']);
    expect(readFileSync(target).equals(pdf)).toBe(true);
    // Cancelled: nothing is decrypted, nothing written.
    const cancelled = throughCore(service);
    const none = new HostRequestHandlers(desktop(null), cancelled.vault, () => null);
    expect(await none.answer('media.saveCopy', { mediaId })).toEqual({ ok: true, value: { saved: false } });
    expect(cancelled.asked).toEqual(['media.info']);
  });

  it('writes no copy and says so when the vault is locked', async () => {
    const opened: string[] = [];
    const { vault } = throughCore(createLocketService({ sessionOptions: testKdf, configDir: null }));
    const host = new HostRequestHandlers(desktop(null, opened), vault, () => null);
    expect(await host.answer('media.openExternally', { mediaId, fileName: 'a.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'vault-locked' },
    });
    expect(opened).toEqual([]);
  });

  it('shows an export in the file manager only when it was saved to a chosen place, or beside it', async () => {
    const folder = tempDir();
    const chosen = join(folder, 'Case 17.zip');
    const part2 = join(folder, 'Case 17 (part 2).zip');
    const elsewhere = join(tempDir(), 'secret.txt');
    for (const path of [chosen, part2, elsewhere]) writeFileSync(path, 'x');
    const shown: string[] = [];
    const host = new HostRequestHandlers(desktop(chosen, shown), noVault, () => null);
    expect(await host.answer('file.showInFolder', { path: chosen })).toMatchObject({ ok: false });
    await host.answer('dialog.pickSavePath', { purpose: 'export-zip', suggestedName: 'Case 17.zip' });
    expect(await host.answer('file.showInFolder', { path: chosen })).toEqual({ ok: true, value: { shown: true } });
    expect(await host.answer('file.showInFolder', { path: part2 })).toEqual({ ok: true, value: { shown: true } });
    expect(await host.answer('file.showInFolder', { path: elsewhere })).toMatchObject({ ok: false });
    rmSync(part2);
    expect(await host.answer('file.showInFolder', { path: part2 })).toEqual({ ok: true, value: { shown: false } });
    expect(shown).toEqual([`shown:${chosen}`, `shown:${part2}`]);
  });

  it('makes names from backups safe to create', () => {
    expect(safeFileName('..\\..\\evil.exe', 'x')).toBe('evil.exe');
    expect(safeFileName('.hidden', 'x')).toBe('hidden');
    expect(safeFileName('a\u0000b:c?.txt', 'x')).toBe('ab_c_.txt');
    expect(safeFileName('CON', 'x')).toBe('_CON');
    expect(safeFileName('photo\u202egpj.exe. . ', 'x')).toBe('photogpj.exe');
    expect(safeFileName(null, 'fallback.bin')).toBe('fallback.bin');
  });
});
