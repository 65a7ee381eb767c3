import { isAndroidSource } from './android/detect-android';
import { AndroidReader } from './android/read-android';
import { exportSourceFormats } from './exports/export-source-formats';
import { isIosBackup } from './ios/detect-ios-backup';
import { listIosAccounts } from './ios/ios-accounts';
import { IosBackupReader } from './ios/read-ios-backup';
import type { SourceFormatEntry } from './model';
import { isPc3Source } from './pc3/detect-pc3';
import { Pc3Reader } from './pc3/read-pc3';
import { isPc4Source } from './pc4/detect-pc4';
import { Pc4Reader } from './pc4/read-pc4';

/** Every importable format, most specific first. Detection tries them in this order. */
export const sourceFormats: readonly SourceFormatEntry[] = [
  {
    format: 'ios-backup',
    name: 'iPhone backup (unencrypted, from Finder or iTunes)',
    storesLocalTimes: false,
    detect: isIosBackup,
    open: (path, options) =>
      new IosBackupReader(path, {
        ...(options.account ? { account: options.account } : {}),
        ...(options.previous ? { previous: options.previous } : {}),
      }),
    listAccounts: listIosAccounts,
  },
  {
    format: 'pc3',
    name: 'WeChat for Windows 3.x databases (decrypted)',
    storesLocalTimes: false,
    detect: isPc3Source,
    open: (path, options) =>
      new Pc3Reader(path, {
        ...(options.previous ? { previous: options.previous } : {}),
        ...(options.knownOwner ? { knownOwner: options.knownOwner } : {}),
      }),
  },
  {
    format: 'pc4',
    name: 'WeChat 4.x for Windows or macOS databases (decrypted)',
    storesLocalTimes: false,
    detect: isPc4Source,
    open: (path, options) => new Pc4Reader(path, options.previous ? { previous: options.previous } : {}),
  },
  {
    format: 'android',
    name: 'Android WeChat database EnMicroMsg.db (decrypted)',
    storesLocalTimes: false,
    detect: isAndroidSource,
    open: (path, options) => new AndroidReader(path, options.previous),
  },
  ...exportSourceFormats,
];
