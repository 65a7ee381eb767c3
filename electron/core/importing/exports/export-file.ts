import { promises as fs } from 'node:fs';
import { basename, dirname } from 'node:path';
import { LocketError } from '../../errors';
import { openRegularFile } from '../reader-kit/source-files';

/** How much of a file detection reads: enough for any header and the first records, never the whole export. */
export const HEAD_BYTES = 64 * 1024;
const BOM = '\uFEFF';

/** The first `HEAD_BYTES` of a file as text, without a BOM; null when it cannot be read or is not a file. */
export async function readHead(path: string, bytes = HEAD_BYTES): Promise<string | null> {
  let handle: fs.FileHandle | null = null;
  try {
    // A FIFO named like an export would otherwise hang detection before it could be refused.
    handle = await openRegularFile(path);
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    // A cut inside a multi-byte character only spoils the last character, which no check looks at.
    return stripBom(buffer.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

/** The whole file as UTF-8 text without a BOM; an unreadable file is a damaged source. */
export async function readWholeText(path: string): Promise<string> {
  try {
    return stripBom(await fs.readFile(path, 'utf8'));
  } catch (error) {
    throw new LocketError('source-damaged', `Could not read ${basename(path)}.`, { path }, { cause: error });
  }
}

/** Parses a whole-file JSON export; malformed JSON is a damaged source (one bad byte spoils a JSON file, §8.5). */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readWholeText(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LocketError(
      'source-damaged',
      `${basename(path)} is not valid JSON; the export may be cut short.`,
      { path },
      { cause: error },
    );
  }
}

/** The folder an export file lives in: media paths inside it resolve there and nowhere else. */
export const exportFolderOf = (path: string): string => dirname(path);

export function throwIfCancelled(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted)
    throw new LocketError('cancelled', `The import was cancelled. Nothing more is read from ${what}.`);
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
