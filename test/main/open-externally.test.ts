/**
 * The real main process (electron/main/index.ts) with `electron` and the vault worker mocked: opening a stored
 * file goes renderer → ipcMain → HostRequestHandlers → shell.openPath on a private decrypted copy, and the copies
 * go when the vault locks, when its worker dies, and when Locket quits.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../../electron/ipc/contract';
import type { WorkerEvent } from '../../electron/worker/worker-protocol';

const fake = await vi.hoisted(async () => {
  // Hoisted above the imports, so it imports what it needs itself.
  const fakes = (await import('../helpers/electron-fakes')).electronFakes();
  fakes.media.mime = 'video/mp4';
  fakes.media.bytes = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112]);
  // node:fs's rmSync, wrapped so a test can make one removal fail as Windows does for a file still open.
  return { ...fakes, rmSync: { failNext: false } };
});

vi.mock('electron', () => fake.electron);
vi.mock('../../electron/main/vault-client', () => fake.vaultClientModule);

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const rmSync: typeof fs.rmSync = (path, options) => {
    if (fake.rmSync.failNext) {
      fake.rmSync.failNext = false;
      throw Object.assign(new Error(`EBUSY: resource busy or locked, rmdir '${String(path)}'`), { code: 'EBUSY' });
    }
    return fs.rmSync(path, options);
  };
  return { ...fs, default: { ...fs, rmSync }, rmSync };
});

const MEDIA_ID = 'cd'.repeat(16);
// Locket's temporary copies live under the system temp folder; this file gets a private one, so the copies it
// makes and removes (and the leftovers removed at start) are never another test's.
const originalTmp = process.env['TMPDIR'];
const privateTmp = mkdtempSync(join(tmpdir(), 'locket-main-tmp-'));
const leftover = join(privateTmp, 'locket-open-crashed');

beforeAll(async () => {
  process.env['TMPDIR'] = privateTmp;
  mkdirSync(leftover);
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(fake.FakeBrowserWindow.made).toHaveLength(1));
});

afterAll(() => {
  if (originalTmp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = originalTmp;
  rmSync(privateTmp, { recursive: true, force: true });
});

beforeEach(() => {
  fake.shell.openPath.mockReset().mockResolvedValue('');
  fake.rmSync.failNext = false;
});

/** A call from the app's own window, as bind-ipc accepts it. */
function openFromWindow(fileName: string | null): Promise<Outcome<unknown>> {
  return fake.callFromWindow('media.openExternally', { mediaId: MEDIA_ID, fileName });
}

function lastOpenedPath(): string {
  return fake.shell.openPath.mock.calls.at(-1)![0];
}

function copies(): string[] {
  return readdirSync(privateTmp).filter((name) => name.startsWith('locket-open-'));
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..';
}

describe('opening a stored video or file with the system’s app (main process, Electron mocked)', () => {
  it('removed copies a crash left behind when it started', () => {
    expect(existsSync(leftover)).toBe(false);
  });

  it('calls shell.openPath on a private decrypted copy inside Locket’s temporary folder', async () => {
    await expect(openFromWindow('../会议录像.mp4')).resolves.toEqual({ ok: true, value: { opened: true } });
    expect(fake.shell.openPath).toHaveBeenCalledOnce();
    const path = lastOpenedPath();
    // The vault worker streamed the copy to the path main chose; the decrypted bytes never came through main.
    expect(fake.vault.writeMediaCopy).toHaveBeenLastCalledWith({ mediaId: MEDIA_ID, path });
    expect(fake.vault.invoke).not.toHaveBeenCalledWith('media.get', expect.anything());
    expect(isInside(privateTmp, path)).toBe(true);
    expect(dirname(path)).toMatch(/[/\\]locket-open-[^/\\]+$/);
    expect(path.endsWith(`${sep}会议录像.mp4`)).toBe(true);
    expect([...readFileSync(path)]).toEqual([0, 0, 0, 24, 102, 116, 121, 112]);
    if (process.platform !== 'win32') {
      expect(readdirSync(privateTmp)).toContain(dirname(path).split(sep).pop());
      expect((await import('node:fs')).statSync(path).mode & 0o777).toBe(0o600);
      expect((await import('node:fs')).statSync(dirname(path)).mode & 0o777).toBe(0o700);
    }
  });

  it('turns shell.openPath’s error string into a clear error, and removes the copy nothing could open', async () => {
    fake.shell.openPath.mockResolvedValue('No application is associated with the specified file for this operation.');
    const outcome = await openFromWindow('合同.docx');
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'io-error',
        message:
          'Your system could not open 合同.docx: No application is associated with the specified file for this operation.',
        details: { fileName: '合同.docx' },
      },
    });
    expect(existsSync(lastOpenedPath())).toBe(false);
  });

  it('removes the copies when the vault locks, and still tells the window it locked', async () => {
    await openFromWindow('clip.mp4');
    const copy = lastOpenedPath();
    expect(existsSync(copy)).toBe(true);
    const window = fake.FakeBrowserWindow.made[0]!;
    const locked: WorkerEvent = { event: 'vault.locked', payload: { reason: 'idle' } };
    fake.vault.options!.onEvent(locked);
    expect(existsSync(copy)).toBe(false);
    expect(copies()).toEqual([]);
    expect(window.webContents.send).toHaveBeenLastCalledWith('locket:event', locked);

    // A copy another app still holds (Windows refuses to delete it) must not stop the lock reaching the window.
    await openFromWindow('clip.mp4');
    fake.rmSync.failNext = true;
    expect(() => fake.vault.options!.onEvent(locked)).not.toThrow();
    expect(window.webContents.send).toHaveBeenCalledTimes(2);
    // What stayed goes with the next lock or start.
    fake.vault.options!.onEvent(locked);
    expect(copies()).toEqual([]);
  });

  it('keeps no copy when the vault locks while the copy is being written', async () => {
    let deliver: (() => void) | null = null;
    fake.vault.beforeWrite = () => new Promise<void>((done) => (deliver = done));
    try {
      const opening = openFromWindow('late.mp4');
      await vi.waitFor(() => expect(deliver).not.toBeNull());
      fake.vault.options!.onEvent({ event: 'vault.locked', payload: { reason: 'screen-lock' } });
      deliver!();
      await expect(opening).resolves.toMatchObject({ ok: false, error: { code: 'vault-locked' } });
      expect(fake.shell.openPath).not.toHaveBeenCalled();
      expect(copies()).toEqual([]);
    } finally {
      fake.vault.beforeWrite = async () => undefined;
    }
  });

  it('removes the copies when the vault worker dies, since its keys died with it', async () => {
    await openFromWindow('clip.mp4');
    expect(copies()).toHaveLength(1);
    fake.vault.options!.onWorkerStopped!();
    expect(copies()).toEqual([]);
  });

  it('removes the copies on quit, before the worker locks the vault and the app ends', async () => {
    await openFromWindow('clip.mp4');
    const copy = lastOpenedPath();
    const first = fake.app.quit();
    // The quit is held for the worker, but the copies are already gone.
    expect(first.preventDefault).toHaveBeenCalled();
    expect(existsSync(copy)).toBe(false);
    expect(copies()).toEqual([]);
    expect(fake.vault.shutdown).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(2));
    expect(fake.app.quit.mock.results[1]!.value.preventDefault).not.toHaveBeenCalled();
  });
});
