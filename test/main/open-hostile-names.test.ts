/**
 * "Open" in another app with names a hostile sender chose (issue 17, item 10): the real main process
 * (electron/main/index.ts) with `electron` and the vault worker mocked. Main chooses the temporary copy's name:
 * sanitized, with an extension from the allow-list; other types are opened only after a dialog naming the risk
 * (Cancel by default); programs and scripts are never opened.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../../electron/ipc/contract';
import { chooseOpenName, NEVER_OPENED_EXTENSIONS, OPENABLE_EXTENSIONS } from '../../electron/main/open-file-name';

const fake = await vi.hoisted(async () => {
  const fakes = (await import('../helpers/electron-fakes')).electronFakes();
  fakes.media.bytes = new Uint8Array([77, 90, 144, 0]);
  return fakes;
});

vi.mock('electron', () => fake.electron);
vi.mock('../../electron/main/vault-client', () => fake.vaultClientModule);

const MEDIA_ID = 'ef'.repeat(16);
const originalTmp = process.env['TMPDIR'];
const privateTmp = mkdtempSync(join(tmpdir(), 'locket-hostile-tmp-'));

beforeAll(async () => {
  process.env['TMPDIR'] = privateTmp;
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
  fake.dialog.showMessageBox.mockReset().mockResolvedValue({ response: 0, checkboxChecked: false });
  fake.dialog.showSaveDialog.mockReset().mockResolvedValue({ canceled: true });
  fake.media.catalogName = null;
  fake.media.mime = 'application/pdf';
  // A lock removes the copies, so each test starts with none.
  fake.vault.options!.onEvent({ event: 'vault.locked', payload: { reason: 'idle' } });
});

/** A call from the app's own window, as bind-ipc accepts it. */
function openFromWindow(fileName: string | null): Promise<Outcome<unknown>> {
  return fake.callFromWindow('media.openExternally', { mediaId: MEDIA_ID, fileName });
}

function openedName(): string {
  expect(fake.shell.openPath).toHaveBeenCalledOnce();
  return basename(fake.shell.openPath.mock.calls[0]![0]);
}

function copiesMade(): string[] {
  return readdirSync(privateTmp)
    .filter((name) => name.startsWith('locket-open-'))
    .flatMap((folder) => readdirSync(join(privateTmp, folder)));
}

/** What a name is safe as on every system: no controls or bidi overrides, no device name, no trailing dot or space. */
function expectSafeName(name: string): void {
  // eslint-disable-next-line no-control-regex -- what must not be there
  expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069/\\:*?"<>|]/);
  expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
  expect(name).not.toMatch(/[.\s]$/);
  expect(name.startsWith('.')).toBe(false);
  const extension = name.slice(name.lastIndexOf('.') + 1);
  expect(OPENABLE_EXTENSIONS.has(extension)).toBe(true);
}

describe('opening a file whose name a hostile sender chose (main, Electron mocked)', () => {
  it.each([
    ['a right-to-left override that shows "invoice_exe.pdf"', 'invoice_\u202efdp.exe', 'refuse'],
    ['an override hiding .exe behind a PDF look-alike', 'report\u202egpj.exe', 'refuse'],
    ['a program', 'setup.exe', 'refuse'],
    ['a program with trailing dots and spaces Windows strips', 'setup.exe. . .', 'refuse'],
    ['a program in capitals', 'SETUP.EXE', 'refuse'],
    ['a batch file', 'run.bat', 'refuse'],
    ['a command script', 'run.cmd', 'refuse'],
    ['an HTML application', 'invoice.hta', 'refuse'],
    ['a shortcut', '报价单.pdf.lnk', 'refuse'],
    ['a macOS command file', 'open me.command', 'refuse'],
    ['a Windows script', 'a.vbs', 'refuse'],
    ['a JScript file', 'a.js', 'refuse'],
    ['PowerShell', 'a.ps1', 'refuse'],
    ['an installer', 'a.msi', 'refuse'],
    ['a screen saver', 'a.scr', 'refuse'],
    ['a Java archive', 'a.jar', 'refuse'],
    ['an AppImage', 'a.AppImage', 'refuse'],
    ['a shell script', 'a.sh', 'refuse'],
    ['a registry file', 'a.reg', 'refuse'],
    ['an internet shortcut', 'a.url', 'refuse'],
    ['a disk image', 'a.dmg', 'refuse'],
  ])('never opens %s (%j), and writes no copy', async (_what, name) => {
    const outcome = await openFromWindow(name);
    expect(outcome).toEqual({ ok: true, value: { opened: false } });
    expect(fake.shell.openPath).not.toHaveBeenCalled();
    expect(copiesMade()).toEqual([]);
    // The person is told why, and may save a copy instead; Cancel is the default.
    expect(fake.dialog.showMessageBox).toHaveBeenCalledOnce();
    const options = fake.dialog.showMessageBox.mock.calls[0]!.at(-1) as {
      message: string;
      buttons: string[];
      defaultId: number;
      cancelId: number;
    };
    expect(options.message).toContain('never opens');
    expect(options.buttons[options.defaultId]).toBe('Cancel');
    expect(options.cancelId).toBe(options.defaultId);
    expect(options.buttons).toContain('Save a Copy…');
  });

  it('saves a refused program only where the person chose, and still opens nothing', async () => {
    const target = join(privateTmp, 'saved-setup.exe');
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await expect(openFromWindow('setup.exe')).resolves.toEqual({ ok: true, value: { opened: false } });
    expect(fake.shell.openPath).not.toHaveBeenCalled();
    // Streamed there by the vault worker, like every decrypted copy.
    expect(fake.vault.writeMediaCopy).toHaveBeenLastCalledWith({ mediaId: MEDIA_ID, path: target });
    expect([...readFileSync(target)]).toEqual([...fake.media.bytes]);
    expect((fake.dialog.showSaveDialog.mock.calls[0]!.at(-1) as { defaultPath: string }).defaultPath).toBe('setup.exe');
  });

  it.each([
    ['an override disguising the extension', 'photo\u202egpj.pdf', 'photogpj.pdf'],
    ['a Windows device name', 'CON.pdf', '_CON.pdf'],
    ['a device name with spaces before the extension', 'nul .txt', '_nul .txt'],
    ['trailing dots and spaces', 'minutes.docx. . ', 'minutes.docx'],
    ['a path', '..\\..\\Windows\\System32\\report.pdf', 'report.pdf'],
    ['control characters and NUL', 'a\u0000b\u001b[2J.pdf', 'ab[2J.pdf'],
    ['an extension in capitals', 'Scan.JPG', 'Scan.jpg'],
    ['a leading dot', '.hidden.png', 'hidden.png'],
  ])('opens a document with %s under a safe name (%j)', async (_what, name, expected) => {
    await expect(openFromWindow(name)).resolves.toEqual({ ok: true, value: { opened: true } });
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
    const opened = openedName();
    expect(opened).toBe(expected);
    expectSafeName(opened);
  });

  it('takes the name the catalog recorded at import, not the one the page sends', async () => {
    fake.media.catalogName = 'payload.exe';
    await expect(openFromWindow('harmless.pdf')).resolves.toEqual({ ok: true, value: { opened: false } });
    expect(fake.shell.openPath).not.toHaveBeenCalled();
    fake.media.catalogName = '会议纪要.pdf';
    await expect(openFromWindow('x.exe')).resolves.toEqual({ ok: true, value: { opened: true } });
    expect(openedName()).toBe('会议纪要.pdf');
  });

  it('names a file that came without a usable name by its sniffed type', async () => {
    fake.media.mime = 'video/mp4';
    await openFromWindow(null);
    expect(openedName()).toBe(`locket-${'ef'.repeat(8)}.mp4`);
    fake.shell.openPath.mockClear();
    await openFromWindow('CON');
    expect(openedName()).toBe('_CON.mp4');
  });

  it.each([
    ['an archive', 'photos.zip', 'zip'],
    ['an unknown type', 'data.xyz', 'xyz'],
    ['a file without a type whose bytes are not known', 'README', ''],
  ])(
    'asks before opening %s (%j), naming the risk, Cancel by default; opens only on "Open Anyway"',
    async (_what, name, extension) => {
      fake.media.mime = null;
      await expect(openFromWindow(name)).resolves.toEqual({ ok: true, value: { opened: false } });
      expect(fake.shell.openPath).not.toHaveBeenCalled();
      expect(copiesMade()).toEqual([]);
      const options = fake.dialog.showMessageBox.mock.calls[0]!.at(-1) as {
        type: string;
        message: string;
        detail: string;
        buttons: string[];
        defaultId: number;
        cancelId: number;
      };
      expect(options.type).toBe('warning');
      expect(options.message).toContain(extension ? `.${extension} file` : 'without a type');
      expect(options.detail).toContain('programs or macros that run on your computer');
      expect(options.buttons[options.defaultId]).toBe('Cancel');
      expect(options.cancelId).toBe(options.defaultId);

      fake.dialog.showMessageBox.mockResolvedValueOnce({
        response: options.buttons.indexOf('Open Anyway'),
        checkboxChecked: false,
      });
      await expect(openFromWindow(name)).resolves.toEqual({ ok: true, value: { opened: true } });
      expect(openedName()).toBe(name);
    },
  );

  it('does not open a confirmed file when the vault locked while the question was on screen', async () => {
    fake.media.mime = null;
    fake.dialog.showMessageBox.mockImplementationOnce(async () => {
      fake.vault.options!.onEvent({ event: 'vault.locked', payload: { reason: 'screen-lock' } });
      return { response: 1, checkboxChecked: false };
    });
    await expect(openFromWindow('photos.zip')).resolves.toMatchObject({ ok: false, error: { code: 'vault-locked' } });
    expect(fake.shell.openPath).not.toHaveBeenCalled();
    expect(copiesMade()).toEqual([]);
  });
});

describe('the lists main chooses by', () => {
  it('never lets an executable or archive type onto the allow-list', () => {
    for (const extension of OPENABLE_EXTENSIONS) expect(NEVER_OPENED_EXTENSIONS.has(extension)).toBe(false);
    for (const extension of ['zip', 'rar', '7z', 'exe', 'js', 'html', 'htm', 'svg', 'docm', 'xlsm'])
      expect(OPENABLE_EXTENSIONS.has(extension)).toBe(false);
  });

  it('refuses a macro-enabled Office file, and keeps names within the byte budget', () => {
    expect(chooseOpenName('budget.xlsm', null, MEDIA_ID).action).toBe('refuse');
    const long = chooseOpenName(`${'很长的名字'.repeat(40)}.pdf`, null, MEDIA_ID);
    expect(long.action).toBe('open');
    expect(long.name.endsWith('.pdf')).toBe(true);
    expect(Buffer.byteLength(long.name)).toBeLessThanOrEqual(120);
  });
});
