import { sanitizeFileName } from '../common/file-name';

/**
 * What "Open" in another app may do with a stored file. Main chooses the temporary copy's name: never the
 * renderer, never the file's sender. The name is sanitized by the one shared sanitizer (no folders, control or
 * bidirectional-override characters, Windows device names, trailing dots or spaces), and its extension decides:
 *   - open:    a document, image, audio or video type on the allow-list below; opened straight away;
 *   - confirm: anything else (no extension, archives, types Locket does not know): opened only after the person
 *              confirms a dialog that names the risk;
 *   - refuse:  programs, scripts, shortcuts and installers: never opened (the person may save a copy instead).
 */
export type OpenDecision = { action: 'open' | 'confirm' | 'refuse'; name: string; extension: string };

/** Types the system opens in a viewer or player, not as a program. */
export const OPENABLE_EXTENSIONS: ReadonlySet<string> = new Set([
  // Documents
  'pdf',
  'txt',
  'csv',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'odt',
  'ods',
  'odp',
  'rtf',
  // Images
  'jpg',
  'jpeg',
  'png',
  'gif',
  'webp',
  'heic',
  'bmp',
  // Audio
  'mp3',
  'm4a',
  'aac',
  'wav',
  'amr',
  'ogg',
  // Video
  'mp4',
  'mov',
  'm4v',
  'webm',
]);

/**
 * Programs, scripts, shortcuts, installers and other types that run code when "opened" on Windows, macOS or
 * Linux. Never opened, whatever the person answers.
 */
export const NEVER_OPENED_EXTENSIONS: ReadonlySet<string> = new Set([
  // Windows programs, installers and libraries
  'exe',
  'com',
  'scr',
  'pif',
  'msi',
  'msp',
  'mst',
  'msc',
  'cpl',
  'dll',
  'ocx',
  'sys',
  'drv',
  'appx',
  'appxbundle',
  'msix',
  'msixbundle',
  'appref-ms',
  'application',
  'gadget',
  'xbap',
  'xll',
  'cab',
  // Windows scripts and script hosts
  'bat',
  'cmd',
  'hta',
  'js',
  'jse',
  'vb',
  'vbs',
  'vbe',
  'wsf',
  'wsh',
  'wsc',
  'ws',
  'sct',
  'ps1',
  'ps1xml',
  'ps2',
  'ps2xml',
  'psc1',
  'psc2',
  'psd1',
  'psm1',
  'msh',
  'msh1',
  'msh2',
  'mshxml',
  'msh1xml',
  'msh2xml',
  'scf',
  'inf',
  'ins',
  'isp',
  'its',
  'chm',
  'hlp',
  'mof',
  // Shortcuts, links and settings that point at or change something else
  'lnk',
  'url',
  'website',
  'webloc',
  'inetloc',
  'fileloc',
  'desktop',
  'reg',
  'settingcontent-ms',
  'library-ms',
  'search-ms',
  'searchconnector-ms',
  'theme',
  'themepack',
  'diagcab',
  'mcl',
  'xnk',
  'shs',
  'shb',
  // Office files that carry macros or add-ins, and HTML applications
  'docm',
  'dotm',
  'xlsm',
  'xltm',
  'xlam',
  'xla',
  'pptm',
  'potm',
  'ppam',
  'ppsm',
  'sldm',
  'mda',
  'mdb',
  'mde',
  'accde',
  'ade',
  'adp',
  // Java, .NET and other runtimes
  'jar',
  'jnlp',
  'class',
  'py',
  'pyc',
  'pyw',
  'pl',
  'rb',
  'php',
  'lua',
  'tcl',
  'applescript',
  'scpt',
  'scptd',
  'workflow',
  'action',
  // macOS and Linux programs, scripts and installers
  'app',
  'command',
  'tool',
  'sh',
  'bash',
  'zsh',
  'csh',
  'ksh',
  'fish',
  'run',
  'bin',
  'out',
  'elf',
  'appimage',
  'deb',
  'rpm',
  'snap',
  'flatpak',
  'flatpakref',
  'dmg',
  'pkg',
  'mpkg',
  'kext',
  'prefpane',
  'terminal',
  'osax',
  // Disk images and virtual disks Windows mounts on open (and runs autorun from)
  'iso',
  'img',
  'vhd',
  'vhdx',
]);

/** What a sniffed type (from the bytes, not the sender) is opened as, when the sender gave no usable name. */
const EXTENSION_FOR_MIME: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/bmp': 'bmp',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/wav': 'wav',
  'audio/amr': 'amr',
  'audio/ogg': 'ogg',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
};

/** The extension a name ends in, lower case, without the dot ('' when none). */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * Chooses the temporary copy's name and what may be done with it. `untrustedName` is the name the backup gave
 * (its sender chose it); `mime` was sniffed from the bytes; `mediaId` names a file that came without a name.
 */
export function chooseOpenName(
  untrustedName: string | null | undefined,
  mime: string | null,
  mediaId: string,
): OpenDecision {
  const fallback = `locket-${mediaId.replace(/[^0-9a-z]/gi, '').slice(0, 16) || 'file'}`;
  let name = sanitizeFileName(String(untrustedName ?? ''), fallback);
  const extension = extensionOf(name);
  if (NEVER_OPENED_EXTENSIONS.has(extension)) return { action: 'refuse', name, extension };
  if (OPENABLE_EXTENSIONS.has(extension)) {
    // One spelling per type: `Report.PDF` opens as `Report.pdf`.
    name = `${name.slice(0, name.length - extension.length)}${extension}`;
    return { action: 'open', name, extension };
  }
  // No extension (or one the system may not know): a type sniffed from the bytes and on the allow-list names it.
  const sniffed = mime ? EXTENSION_FOR_MIME[mime] : undefined;
  if (!extension && sniffed) {
    name = sanitizeFileName(`${name}.${sniffed}`, `${fallback}.${sniffed}`);
    return { action: 'open', name, extension: sniffed };
  }
  return { action: 'confirm', name, extension };
}
