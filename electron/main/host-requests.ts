import { mkdtempSync, promises as fs, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { BrowserWindow } from 'electron';
import { sanitizeFileName } from '../common/file-name';
import type { ErrorShape, HostRequestName, HostRequests, Outcome } from '../ipc/contract';
import { chooseOpenName, type OpenDecision } from './open-file-name';
import type { VaultClient } from './vault-client';

type HostHandlers = { [K in HostRequestName]: (args: HostRequests[K]['args']) => Promise<HostRequests[K]['result']> };

/** What host requests need from Electron, so tests can pass fakes. */
export interface DesktopLike {
  showOpenDialog(
    window: BrowserWindow | null,
    options: { title: string; properties: string[]; filters?: FileFilter[] },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(
    window: BrowserWindow | null,
    options: { title: string; defaultPath: string },
  ): Promise<{ canceled: boolean; filePath?: string }>;
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
  /** Electron's dialog.showMessageBox: `response` is the index of the button chosen. */
  showMessageBox(window: BrowserWindow | null, options: MessageBoxOptions): Promise<{ response: number }>;
}

/** Electron's file filter: a name and extensions without the dot (`*` for any). */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface MessageBoxOptions {
  type: 'warning' | 'question' | 'info';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}

const TEMP_PREFIX = 'locket-open-';

/** What each file picker offers first; every picker also offers all files, since exporters name files freely. */
const FILE_FILTERS: Record<HostRequests['dialog.pickFile']['args']['purpose'], FileFilter[]> = {
  'import-source': [
    { name: 'Chat export files', extensions: ['csv', 'json', 'jsonl', 'txt'] },
    { name: 'Decrypted WeChat databases', extensions: ['db', 'sqlite'] },
  ],
  'bag-check': [{ name: 'Evidence bag (.zip)', extensions: ['zip'] }],
};

const FILE_TITLES: Record<HostRequests['dialog.pickFile']['args']['purpose'], string> = {
  'import-source': 'Choose an export file or database to import',
  'bag-check': 'Choose an evidence bag (.zip) to check',
};

const TITLES: Record<string, string> = {
  'vault-create': 'Choose a new folder for the vault',
  'vault-open': 'Open a Locket vault',
  'import-source': 'Choose a backup folder to import',
  'export-folder': 'Choose where to save the evidence export',
  'backup-folder': 'Choose a folder to back the vault up to',
  'bag-check': 'Choose an evidence bag folder to check',
  'export-zip': 'Save the evidence export as',
  certificate: 'Save the wipe certificate as',
  'audit-log': 'Save the audit log as',
  'recovery-code': 'Save the recovery code as',
  'media-copy': 'Save a copy as',
};

/**
 * A file name from a backup, made safe to create, by the one sanitizer evidence bags use too: no folders, no
 * control or bidirectional-override characters, no Windows device names, no leading or trailing dots or spaces.
 */
export function safeFileName(name: string | null | undefined, fallback: string): string {
  return sanitizeFileName(String(name ?? ''), fallback);
}

/**
 * The requests main answers itself. Paths chosen in a dialog are remembered: only those may be written by an
 * export or a saved certificate, so a compromised page cannot make Locket write decrypted data elsewhere.
 */
export class HostRequestHandlers {
  private readonly chosenPaths = new Set<string>();
  private tempFolder: string | null = null;
  // Counts the removals of the temporary copies, so a copy being written while the vault locks is not kept.
  private removals = 0;
  private readonly foldersToRemove = new Set<string>();

  constructor(
    private readonly desktop: DesktopLike,
    private readonly vault: Pick<VaultClient, 'invoke' | 'writeMediaCopy'>,
    private readonly getWindow: () => BrowserWindow | null,
  ) {}

  isChosenPath(path: unknown): boolean {
    return typeof path === 'string' && this.chosenPaths.has(resolve(path));
  }

  /** Whether `folder` directly holds a chosen path: an export's staging folder is made there, beside it. */
  holdsChosenPath(folder: unknown): boolean {
    if (typeof folder !== 'string') return false;
    const target = resolve(folder);
    return [...this.chosenPaths].some((chosen) => dirname(chosen) === target);
  }

  /** A new recovery code is on screen: the idle lock waits longer (idle-lock.ts) until the renderer lets go. */
  isIdleLockHeld = false;

  readonly handlers: HostHandlers = {
    'idleLock.hold': async ({ isHeld }) => {
      this.isIdleLockHeld = isHeld === true;
      return { isHeld: this.isIdleLockHeld };
    },
    'dialog.pickFolder': async ({ purpose }) => {
      const properties =
        purpose === 'vault-create' || purpose === 'export-folder' || purpose === 'backup-folder'
          ? ['openDirectory', 'createDirectory', 'promptToCreate']
          : ['openDirectory'];
      const { canceled, filePaths } = await this.desktop.showOpenDialog(this.getWindow(), {
        title: TITLES[purpose] ?? 'Choose a folder',
        properties,
      });
      const path = canceled ? null : (filePaths[0] ?? null);
      if (path && (purpose === 'export-folder' || purpose === 'backup-folder')) this.chosenPaths.add(resolve(path));
      return { path };
    },
    'dialog.pickFile': async ({ purpose }) => {
      const filters = FILE_FILTERS[purpose];
      if (!filters) throw hostError({ code: 'invalid-argument', message: 'Locket has no file picker for that.' });
      const { canceled, filePaths } = await this.desktop.showOpenDialog(this.getWindow(), {
        title: FILE_TITLES[purpose],
        properties: ['openFile'],
        filters: [...filters, { name: 'All files', extensions: ['*'] }],
      });
      return { path: canceled ? null : (filePaths[0] ?? null) };
    },
    'dialog.pickSavePath': async ({ purpose, suggestedName }) => {
      const { canceled, filePath } = await this.desktop.showSaveDialog(this.getWindow(), {
        title: TITLES[purpose] ?? 'Save as',
        defaultPath: safeFileName(suggestedName, 'locket-export'),
      });
      const path = canceled || !filePath ? null : filePath;
      if (path) this.chosenPaths.add(resolve(path));
      return { path };
    },
    'media.openExternally': async ({ mediaId, fileName }) => {
      const removalsBefore = this.removals;
      // What the catalog knows of the file (nothing is decrypted yet): the name recorded at import and the type.
      const info = await this.vault.invoke('media.info', { mediaId });
      if (!info.ok) throw hostError(info.error);
      // Main chooses the copy's name: from the name the catalog recorded at import (the renderer's is only a
      // fallback), sanitized, with an extension the allow-list accepts. The sender's choice never runs a program.
      const recorded =
        typeof info.value.fileName === 'string' && info.value.fileName !== '' ? info.value.fileName : null;
      const decision = chooseOpenName(recorded ?? fileName, info.value.mime, mediaId);
      if (decision.action === 'refuse') {
        await this.offerToSaveInstead(decision, mediaId);
        return { opened: false };
      }
      if (decision.action === 'confirm' && !(await this.confirmRiskyOpen(decision))) return { opened: false };
      // The vault locked (or Locket began to quit) while the question was asked: no copy may outlive that.
      if (this.removals !== removalsBefore) throw lockedBeforeOpening();
      // mkdtemp makes the folder readable by this user only (0700); each copy is 0600 too.
      this.tempFolder ??= mkdtempSync(join(tmpdir(), TEMP_PREFIX));
      const name = decision.name;
      const path = join(this.tempFolder, name);
      // The vault worker streams the decrypted copy straight to the file, a few chunks at a time: a large video
      // never passes through main's memory.
      const written = await this.vault.writeMediaCopy({ mediaId, path });
      // The vault locked (or Locket began to quit) while the copy was being written: it must not stay.
      if (this.removals !== removalsBefore) {
        await fs.rm(path, { force: true });
        throw lockedBeforeOpening();
      }
      if (!written.ok) throw hostError(written.error);
      // shell.openPath resolves to an error message, or to '' once the system has handed the file to an app.
      const failure = await this.desktop.openPath(path);
      if (failure !== '') {
        // A copy nothing could open is of no use: it goes now rather than at the next lock.
        await fs.rm(path, { force: true });
        throw hostError({
          code: 'io-error',
          message: `Your system could not open ${name}: ${failure}`,
          details: { fileName: name },
        });
      }
      return { opened: true };
    },
    'media.saveCopy': async ({ mediaId, fileName }) => {
      const removalsBefore = this.removals;
      // The suggested name: the one the catalog recorded at import (the renderer's is only a fallback), sanitized.
      const info = await this.vault.invoke('media.info', { mediaId });
      if (!info.ok) throw hostError(info.error);
      const recorded =
        typeof info.value.fileName === 'string' && info.value.fileName !== '' ? info.value.fileName : null;
      const { canceled, filePath } = await this.desktop.showSaveDialog(this.getWindow(), {
        title: TITLES['media-copy']!,
        defaultPath: safeFileName(recorded ?? fileName, suggestedMediaName(mediaId, info.value.mime)),
      });
      if (canceled || !filePath) return { saved: false };
      // The vault locked while the dialog was open: nothing decrypted may be written after that.
      if (this.removals !== removalsBefore) throw lockedBeforeOpening();
      // Only the path the dialog just returned is written, straight from the vault worker.
      const written = await this.vault.writeMediaCopy({ mediaId, path: resolve(filePath) });
      if (!written.ok) throw hostError(written.error);
      return { saved: true };
    },
    'file.saveText': async ({ path, text }) => {
      if (!this.isChosenPath(path)) throw new Error('Locket saves only to a place you chose in its save dialog.');
      await fs.writeFile(path, text, 'utf8');
      return { saved: true };
    },
    'file.showInFolder': async ({ path }) => {
      // An export writes its bags beside the path chosen for it, so a split export's parts qualify too.
      if (!this.isChosenPath(path) && !this.holdsChosenPath(dirname(resolve(String(path))))) {
        throw new Error('Locket shows only what it saved to a place you chose.');
      }
      const there = await fs.stat(path).then(
        () => true,
        () => false,
      );
      if (there) this.desktop.showItemInFolder(resolve(path));
      return { shown: there };
    },
  };

  /**
   * Deletes the decrypted copies made for opening files; called on lock and on quit. Never throws: it runs in
   * the lock event and in the quit path, which must go on. A folder another app still holds a file in (Windows
   * refuses to delete it) is tried again at the next lock, at quit, and at the next start.
   */
  removeTemporaryCopies(): void {
    this.removals++;
    if (this.tempFolder) this.foldersToRemove.add(this.tempFolder);
    this.tempFolder = null;
    for (const folder of this.foldersToRemove) if (removeQuietly(folder)) this.foldersToRemove.delete(folder);
  }

  /** Copies left by a crash: removed at start-up. */
  static removeLeftoverCopies(): void {
    let names: string[];
    try {
      names = readdirSync(tmpdir());
    } catch {
      return;
    }
    for (const name of names) if (name.startsWith(TEMP_PREFIX)) removeQuietly(join(tmpdir(), name));
  }

  /** Asks before opening a type that is not on the allow-list; Cancel is the default. */
  private async confirmRiskyOpen(decision: OpenDecision): Promise<boolean> {
    const what = decision.extension ? `a .${decision.extension} file` : 'a file without a type';
    const { response } = await this.desktop.showMessageBox(this.getWindow(), {
      type: 'warning',
      title: 'Open a file Locket cannot vouch for?',
      message: `“${decision.name}” is ${what}, not a document, image, audio or video type Locket knows to be safe to open.`,
      detail:
        'It came from a backup, and its sender chose its name. Files like this (archives, unknown types) can contain programs ' +
        'or macros that run on your computer when opened. Open it only if you trust its sender and what it is.',
      buttons: ['Cancel', 'Open Anyway'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    return response === 1;
  }

  /** Programs and scripts are never opened: the person is told why and may save a copy instead (Cancel by default). */
  private async offerToSaveInstead(decision: OpenDecision, mediaId: string): Promise<void> {
    const window = this.getWindow();
    const { response } = await this.desktop.showMessageBox(window, {
      type: 'warning',
      title: 'Locket does not open programs',
      message: `“${decision.name}” is a .${decision.extension} file: a program, script, shortcut or installer. Locket never opens these.`,
      detail:
        'Opening it would run it on your computer, with your permissions. It came from a backup, and its sender chose its name. ' +
        'You can save a copy instead, for example to hand it to someone who can check it safely.',
      buttons: ['Cancel', 'Save a Copy…'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (response !== 1) return;
    const { canceled, filePath } = await this.desktop.showSaveDialog(window, {
      title: 'Save a copy of the file as',
      defaultPath: decision.name,
    });
    if (canceled || !filePath) return;
    const written = await this.vault.writeMediaCopy({ mediaId, path: resolve(filePath) });
    if (!written.ok) throw hostError(written.error);
  }

  async answer(name: HostRequestName, args: unknown): Promise<Outcome<unknown>> {
    try {
      const handler = this.handlers[name] as (a: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(args ?? {}) };
    } catch (error) {
      const shape = (error as { shape?: Outcome<never> extends { error: infer E } ? E : never }).shape;
      return { ok: false, error: shape ?? { code: 'invalid-argument', message: (error as Error).message } };
    }
  }
}

/** A name for a copy whose file name the backup did not record: "image-1a2b3c4d.jpg". */
function suggestedMediaName(mediaId: string, mime: string | null | undefined): string {
  const [type, subtype] = String(mime ?? '').split('/');
  const extension = { jpeg: 'jpg', png: 'png', gif: 'gif', webp: 'webp', mp4: 'mp4', wav: 'wav', mpeg: 'mp3' }[
    subtype ?? ''
  ];
  const stem = `${['image', 'video', 'audio'].includes(type ?? '') ? type : 'file'}-${mediaId.slice(0, 8)}`;
  return extension ? `${stem}.${extension}` : stem;
}

/** An error answer() hands back with this exact shape. */
function hostError(shape: ErrorShape): Error {
  return Object.assign(new Error(shape.message), { shape });
}

function lockedBeforeOpening(): Error {
  return hostError({
    code: 'vault-locked',
    message: 'The vault was locked before the file could be opened. Unlock it and try again.',
  });
}

/** Whether the folder is gone. */
function removeQuietly(folder: string): boolean {
  try {
    // Retries ride out a viewer that is just closing the file (EBUSY, EPERM on Windows).
    rmSync(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
    return true;
  } catch {
    // Tried again later; throwing here would stop a lock or a quit.
    return false;
  }
}
