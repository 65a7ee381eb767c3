import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Zip } from 'fflate';
import { addDeflatedFile } from './zip/native-deflate-entry';

/**
 * zlib level 3 for the transcript, JSON lines and CSV, measured on a search export's (32 MB of them): level 6 takes
 * 800 ms and makes 2.30 MB, level 4 430 ms and 2.41 MB, level 3 260 ms and 2.53 MB, level 1 320 ms and 2.64 MB.
 */
const TEXT_LEVEL = 3;

/** Already compressed: stored with level 0, which costs no time and loses nothing. */
const STORED = /\.(jpe?g|png|gif|webp|heic|mp4|mov|amr|silk|mp3|m4a|zip|pdf|gz|7z|rar|docx|xlsx|pptx)$/i;

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.push(relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  return out.sort();
}

/**
 * Writes a bag folder as one .zip whose single top folder is the bag (RFC 8493 §4.2). Files are read in chunks
 * and the archive is written as it grows, so a large bag is never in memory, let alone twice. Every entry is
 * deflated (level 0 for media: already compressed, it is copied in stored blocks, not compressed again) by Node's
 * zlib: a deflate stream ends itself, so streaming readers such as `locket verify` can read the archive from start
 * to end. No ZIP64: keep parts under 4 GB with a split by size.
 */
export async function zipBag(folder: string, zipPath: string, topName: string): Promise<void> {
  const out = await fs.open(zipPath, 'wx');
  const queue: Uint8Array[] = [];
  let failure: Error | null = null;
  let isDone = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else queue.push(chunk);
    if (final) isDone = true;
  });
  const drain = async () => {
    if (failure) throw failure;
    if (!queue.length) return;
    // One write for the headers and data chunks queued since the last; a short write is continued.
    const data = Buffer.concat(queue.splice(0));
    for (let at = 0; at < data.length;) at += (await out.write(data, at)).bytesWritten;
  };
  try {
    for (const path of await listFiles(folder)) {
      const file = join(folder, ...path.split('/'));
      await addDeflatedFile((e) => zip.add(e), `${topName}/${path}`, file, STORED.test(path) ? 0 : TEXT_LEVEL, drain);
    }
    zip.end();
    await drain();
    if (!isDone) throw new Error('the zip archive did not finish');
    await out.sync();
  } finally {
    await out.close();
  }
}
