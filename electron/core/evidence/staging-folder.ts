import { basename, dirname } from 'node:path';

/**
 * An export is written in a hidden staging folder beside its destination (output-paths.ts), named
 * `.<name>.locket-partial-XXXXXX`. This module only knows that name, so the app's main process can check a path
 * the vault worker gives it without loading the rest of the exporter.
 */
export const STAGING_MARKER = '.locket-partial-';
// mkdtemp (libuv) appends six letters or digits to the marker.
const STAGING_NAME = /^\..+\.locket-partial-[A-Za-z0-9]{6}$/;

/** Whether a folder's name is one createStaging gives. */
export function isStagingFolderName(name: string): boolean {
  return STAGING_NAME.test(name);
}

/**
 * The staging folder a file being exported lies in (its nearest ancestor named like one), or null. The vault
 * worker names it when it asks main to print a transcript; main prints only inside it.
 */
export function stagingFolderOf(path: string): string | null {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir))
    if (isStagingFolderName(basename(dir))) return dir;
  return null;
}
