import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostRequestHandlers, safeFileName, type DesktopLike } from '../../electron/main/host-requests';
import type { Outcome } from '../../electron/ipc/contract';
import { tempDir } from '../helpers/temp-dir';

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

const media = {
  invoke: async () =>
    ({
      ok: true,
      value: { mediaId: 'ab'.repeat(16), mime: 'application/pdf', bytes: new Uint8Array([37, 80, 68, 70]) },
    }) as Outcome<never>,
};

describe('the requests main answers itself', () => {
  it('remembers only the paths chosen in its dialogs, and saves text only there', async () => {
    const target = join(tempDir(), 'certificate.json');
    const host = new HostRequestHandlers(desktop(target), media, () => null);
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
    const cancelled = new HostRequestHandlers(desktop(null), media, () => null);
    expect(await cancelled.answer('dialog.pickFolder', { purpose: 'import-source' })).toEqual({
      ok: true,
      value: { path: null },
    });
  });

  it('opens a media item from a private temporary copy, removed when the vault locks', async () => {
    const opened: string[] = [];
    const host = new HostRequestHandlers(desktop(null, opened), media, () => null);
    expect(
      await host.answer('media.openExternally', { mediaId: 'ab'.repeat(16), fileName: '../../报价单.pdf' }),
    ).toEqual({ ok: true, value: { opened: true } });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.endsWith('报价单.pdf')).toBe(true);
    expect(opened[0]).toContain('locket-open-');
    expect(existsSync(opened[0]!)).toBe(true);
    host.removeTemporaryCopies();
    expect(existsSync(opened[0]!)).toBe(false);
  });

  it('shows an export in the file manager only when it was saved to a chosen place, or beside it', async () => {
    const folder = tempDir();
    const chosen = join(folder, 'Case 17.zip');
    const part2 = join(folder, 'Case 17 (part 2).zip');
    const elsewhere = join(tempDir(), 'secret.txt');
    for (const path of [chosen, part2, elsewhere]) writeFileSync(path, 'x');
    const shown: string[] = [];
    const host = new HostRequestHandlers(desktop(chosen, shown), media, () => null);
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
