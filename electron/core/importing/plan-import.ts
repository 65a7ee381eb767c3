import { promises as fs } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { LocketError } from '../errors';
import { detectSource, recognizedFormat } from './detect-source';
import { detectExportFile } from './exports/detect-export';
import type { SourceFormatEntry } from './model';
import { sourceFormats } from './source-formats';

/** One source of an import: a backup or an export file, and the format that reads it. */
export interface PlannedSource {
  path: string;
  entry: SourceFormatEntry;
}

/** A file found in a chosen folder that is not a chat export Locket reads, with why. */
export interface UnrecognizedFile {
  /** Relative to the folder the person chose. */
  path: string;
  reason: 'not-a-chat-export' | 'media-or-page' | 'companion-file' | 'link-not-followed' | 'unreadable';
}

/** What a path the person chose turned out to hold. */
export interface ImportPlan {
  sources: PlannedSource[];
  /** Accounts to choose from when the folder holds several (PC WeChat's `WeChat Files/`), by folder name. */
  accounts: { id: string; owner: string | null; ownerName: string | null }[];
  /** The format of those account folders (the first one's). */
  accountFormat?: SourceFormatEntry;
  unrecognized: UnrecognizedFile[];
  /** True when the path is a folder read as a set of export files. */
  isExportFolder: boolean;
}

/** Formats that are one account folder: `WeChat Files/<wxid>/` holds one per account. */
const ACCOUNT_FORMATS = new Set(['pc3', 'pc4']);
/** Export files are text: only these are opened to look inside; anything else is listed without reading it. */
const TEXT_EXTENSIONS = new Set(['.csv', '.json', '.jsonl', '.txt']);
/** What other tools write beside their chat files: not chats, but read by the readers that need them. */
const COMPANION_FILES = new Set(['users.json']);
const MEDIA_OR_PAGE =
  /\.(jpe?g|png|gif|webp|bmp|heic|mp4|mov|m4a|mp3|amr|silk|aud|wav|dat|html?|css|js|pdf|docx?|xlsx?|pptx?|zip|ico|svg)$/i;
/** Bounds on a folder walk, so a wrong choice (a home folder, a disk) ends quickly with a clear answer. */
const MAX_DEPTH = 8;
const MAX_ENTRIES = 50_000;

/**
 * Plans what to read from one path the person chose:
 * - a backup or an export file any format recognizes is one source;
 * - a folder holding several WeChat account folders (PC WeChat's `WeChat Files/`) asks for one (`account`, the
 *   account folder's name), or takes the only one;
 * - any other folder is walked for export files (a MemoTrace, PyWxDump or ChatLab export folder): each one found is a
 *   source of the same import, every other file is listed as not recognized. Links are never followed: a folder
 *   that links elsewhere is not read through them.
 * Nothing at all to read is `source-unrecognized`, as for a single file.
 */
export async function planImport(pathInput: string, account?: string): Promise<ImportPlan> {
  const path = resolve(pathInput);
  const stat = await fs.lstat(path).catch(() => null);
  if (stat?.isDirectory()) {
    const direct = await recognizedFormat(path);
    if (direct) return single(path, direct);
    const accounts = await accountFolders(path);
    if (accounts.length > 0) return chooseAccount(path, accounts, account);
    return exportFolder(path);
  }
  return single(path, await detectSource(path));
}

function single(path: string, entry: SourceFormatEntry): ImportPlan {
  return { sources: [{ path, entry }], accounts: [], unrecognized: [], isExportFolder: false };
}

/** Sub-folders that are WeChat account folders (3.x or 4.x), by name. */
async function accountFolders(path: string): Promise<{ name: string; entry: SourceFormatEntry }[]> {
  const found: { name: string; entry: SourceFormatEntry }[] = [];
  for (const item of await fs.readdir(path, { withFileTypes: true }).catch(() => [])) {
    if (!item.isDirectory()) continue;
    const child = join(path, item.name);
    for (const entry of sourceFormats) {
      if (ACCOUNT_FORMATS.has(entry.format) && (await entry.detect(child))) {
        found.push({ name: item.name, entry });
        break;
      }
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

function chooseAccount(
  path: string,
  found: { name: string; entry: SourceFormatEntry }[],
  account: string | undefined,
): ImportPlan {
  const accounts = found.map((f) => ({
    id: f.name,
    owner: f.name.startsWith('wxid_') ? f.name.replace(/_[0-9a-f]{4}$/, '') : null,
    ownerName: null,
  }));
  const chosen = found.length === 1 ? found[0]! : found.find((f) => f.name === account);
  if (!chosen) {
    if (account === undefined)
      return { sources: [], accounts, accountFormat: found[0]!.entry, unrecognized: [], isExportFolder: false };
    throw new LocketError(
      'source-account-ambiguous',
      `${basename(path)} holds no WeChat account "${account}". It holds ${found.map((f) => f.name).join(', ')}.`,
      { path, accounts: found.map((f) => f.name).join(',') },
    );
  }
  return {
    sources: [{ path: join(path, chosen.name), entry: chosen.entry }],
    accounts: found.length > 1 ? accounts : [],
    unrecognized: [],
    isExportFolder: false,
  };
}

async function exportFolder(root: string): Promise<ImportPlan> {
  const sources: PlannedSource[] = [];
  const unrecognized: UnrecognizedFile[] = [];
  let entries = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    const items = await fs.readdir(dir, { withFileTypes: true }).catch(() => null);
    if (!items) {
      unrecognized.push({ path: relative(root, dir) || '.', reason: 'unreadable' });
      return;
    }
    // The order people see in a file manager, so the report lists files as they expect.
    items.sort((a, b) => a.name.localeCompare(b.name));
    for (const item of items) {
      if (++entries > MAX_ENTRIES) throw tooLarge(root);
      const path = join(dir, item.name);
      const label = relative(root, path);
      if (item.isSymbolicLink()) unrecognized.push({ path: label, reason: 'link-not-followed' });
      else if (item.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(path, depth + 1);
      } else if (item.isFile()) {
        const entry = await exportEntryOf(path);
        if (entry) sources.push({ path, entry });
        else unrecognized.push({ path: label, reason: reasonOf(item.name) });
      } else {
        // A FIFO, socket or device: listed like any file not read, never opened.
        unrecognized.push({ path: label, reason: 'unreadable' });
      }
    }
  };
  await walk(root, 0);
  if (sources.length === 0) {
    throw new LocketError(
      'source-unrecognized',
      `Locket found no backup and no export file it reads in ${root} (${unrecognized.length} other files). It imports unencrypted iPhone backups, decrypted WeChat databases (the account folder that holds Msg/), and export files of other tools (PyWxDump, MemoTrace, chatlog, ChatLab).`,
      { path: root },
    );
  }
  return { sources, accounts: [], unrecognized, isExportFolder: true };
}

async function exportEntryOf(path: string): Promise<SourceFormatEntry | null> {
  const name = basename(path);
  if (COMPANION_FILES.has(name) || !TEXT_EXTENSIONS.has(extname(name).toLowerCase())) return null;
  const format = await detectExportFile(path);
  return format === null ? null : (sourceFormats.find((e) => e.format === format) ?? null);
}

function reasonOf(name: string): UnrecognizedFile['reason'] {
  if (COMPANION_FILES.has(name)) return 'companion-file';
  if (MEDIA_OR_PAGE.test(name)) return 'media-or-page';
  return 'not-a-chat-export';
}

function tooLarge(root: string): LocketError {
  return new LocketError(
    'source-unrecognized',
    `${root} holds more than ${MAX_ENTRIES.toLocaleString('en-US')} files: choose the export's own folder, not a folder above it.`,
    { path: root },
  );
}
