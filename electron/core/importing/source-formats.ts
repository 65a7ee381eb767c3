import type { SourceFormat } from '../../ipc/contract';
import { exportSourceFormats } from './exports/export-source-formats';
import { isAndroidSource } from './android/detect-android';
import { AndroidReader } from './android/read-android';
import { isIosBackup } from './ios/detect-ios-backup';
import { listIosAccounts } from './ios/ios-accounts';
import { IosBackupReader } from './ios/read-ios-backup';
import type { SourceReader } from './model';
import { isPc3Source } from './pc3/detect-pc3';
import { Pc3Reader } from './pc3/read-pc3';
import { isPc4Source } from './pc4/detect-pc4';
import { Pc4Reader } from './pc4/read-pc4';

export interface ReaderOptions {
  /** Which account to import from a source that holds several. */
  account?: string;
  /** IANA zone of an export's wall-clock times (exports-options.ts); databases store UTC and ignore it. */
  timeZone?: string;
  /** The owner as the person gives it, for exports that do not say. */
  owner?: string;
  /** The vault's owner from earlier imports: used by exports that name no owner themselves. */
  knownOwner?: string;
  /** That owner's name, for exports that name people only by display name (MemoTrace TXT). */
  knownOwnerName?: string;
}

export interface SourceFormatEntry {
  format: SourceFormat;
  /** How the format is named to a person. */
  name: string;
  /** Its times are wall-clock times without a zone, read in `ReaderOptions.timeZone`. */
  storesLocalTimes: boolean;
  /** Cheap structural check of a folder or file. */
  detect(path: string): Promise<boolean>;
  open(path: string, options: ReaderOptions): SourceReader;
  listAccounts?(path: string): Promise<{ id: string; owner: string | null; ownerName: string | null }[]>;
}

/** Every importable format, most specific first. Detection tries them in this order. */
export const sourceFormats: readonly SourceFormatEntry[] = [
  {
    format: 'ios-backup',
    name: 'iPhone backup (unencrypted, from Finder or iTunes)',
    storesLocalTimes: false,
    detect: isIosBackup,
    open: (path, options) => new IosBackupReader(path, options.account ? { account: options.account } : {}),
    listAccounts: listIosAccounts,
  },
  {
    format: 'pc3',
    name: 'WeChat for Windows 3.x databases (decrypted)',
    storesLocalTimes: false,
    detect: isPc3Source,
    open: (path) => new Pc3Reader(path),
  },
  {
    format: 'pc4',
    name: 'WeChat 4.x for Windows or macOS databases (decrypted)',
    storesLocalTimes: false,
    detect: isPc4Source,
    open: (path) => new Pc4Reader(path),
  },
  {
    format: 'android',
    name: 'Android WeChat database EnMicroMsg.db (decrypted)',
    storesLocalTimes: false,
    detect: isAndroidSource,
    open: (path) => new AndroidReader(path),
  },
  ...exportSourceFormats,
];
