import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/**
 * A cheap check, before any parsing: an iPhone backup folder has Manifest.db (iOS 10+), usually beside
 * Manifest.plist (docs/wechat-formats.md §5.1). Whether it holds WeChat data is for the reader to find out.
 */
export async function isIosBackup(path: string): Promise<boolean> {
  return isFile(join(path, 'Manifest.db'));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}
