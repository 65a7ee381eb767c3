import { promises as fs } from 'node:fs';
import { join, sep } from 'node:path';
import type { CheckProblem, CheckProgress, CheckReport } from '../../ipc/contract';
import { verifyAudit } from '../audit/audit-log';
import { all, one } from '../db/sqlite';
import { LocketError } from '../errors';
import { messagesFilterMisses } from '../store/shard-filter';
import type { VaultSession } from '../session/vault-session';
import { NEXT_CATALOG_FILE } from '../vault/rekey';
import {
  MEDIA_DIR,
  PREVIOUS_CATALOG_FILE,
  SHARDS_DIR,
  TMP_SUFFIX,
  lstatOrNull,
  mediaPath,
  shardPath,
} from '../vault/vault-files';

export interface CheckOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Omit<CheckProgress, 'requestId'>) => void;
}

const MEDIA_SUBDIR_NAME = /^[0-9a-f]{2}$/;

/**
 * A full integrity scrub (`locket check`): every file the catalog references exists as a regular file, opens and
 * authenticates to its last chunk, and holds what the catalog says (each shard's message count; each media item's
 * size and keyed hash, and that a shard's phrase filter holds every run of words its messages hold, so that no search
 * passes over them: store/shard-filter.ts); no other file sits in `shards/` or `media/`, nor a leftover of a commit at the top; the audit
 * chain and its signed head verify. Problems are collected, not thrown, so one damaged file does not hide the next.
 * Run on a session opened without the unlock cleanup (`removesLeftovers: false`) it also sees unreferenced files.
 */
export async function checkVault(session: VaultSession, options: CheckOptions = {}): Promise<CheckReport> {
  const problems: CheckProblem[] = [];
  const add = (file: string, problem: CheckProblem['problem'], detail: string) =>
    problems.push({ file: file.split(sep).join('/'), problem, detail });
  const shards = session.listShards();
  const media = all<{ file_id: string; byte_size: number; content_hash: string }>(
    session.catalog,
    'SELECT file_id, byte_size, content_hash FROM media ORDER BY file_id',
  );
  const sizes = new Map<string, number>();
  for (const relPath of [...shards.map((s) => shardPath(s.fileId)), ...media.map((m) => mediaPath(m.file_id))]) {
    const stats = await lstatOrNull(join(session.dir, relPath));
    if (stats?.isFile()) sizes.set(relPath, Number(stats.size));
  }
  const totalFiles = shards.length + media.length;
  const totalBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  let files = 0;
  let bytes = 0;
  const progressed = (relPath: string) => {
    files++;
    bytes += sizes.get(relPath) ?? 0;
    options.onProgress?.({ files, totalFiles, bytes, totalBytes });
    if (options.signal?.aborted) throw new LocketError('cancelled', 'The check was cancelled.');
  };
  options.onProgress?.({ files, totalFiles, bytes, totalBytes });

  let messages = 0;
  for (const entry of shards) {
    const relPath = shardPath(entry.fileId);
    if (!sizes.has(relPath))
      add(relPath, 'missing', 'The catalog lists this shard but the file is missing or not a regular file.');
    else {
      try {
        const { db, filter } = await session.decryptShardFile(entry);
        const count = one<{ n: number }>(db, 'SELECT count(*) AS n FROM messages')?.n ?? 0;
        const missed = filter ? messagesFilterMisses(db, filter) : 0;
        db.close();
        messages += count;
        if (count !== entry.messageCount)
          add(relPath, 'wrong-count', `The shard holds ${count} messages; the catalog says ${entry.messageCount}.`);
        if (missed > 0)
          add(
            relPath,
            'wrong-filter',
            `The shard's phrase filter lacks words of ${missed} of its messages: a search would pass over them here.`,
          );
      } catch (error) {
        add(relPath, 'damaged', damageOf(error));
      }
    }
    progressed(relPath);
  }

  for (const item of media) {
    const relPath = mediaPath(item.file_id);
    if (!sizes.has(relPath))
      add(relPath, 'missing', 'The catalog lists this media item but the file is missing or not a regular file.');
    else {
      try {
        const hasher = await session.mediaHasher();
        let size = 0;
        for await (const chunk of session.mediaChunks(item.file_id)) {
          size += chunk.length;
          hasher.update(chunk);
        }
        if (size !== item.byte_size)
          add(relPath, 'wrong-size', `The item holds ${size} bytes; the catalog says ${item.byte_size}.`);
        else if (hasher.digest() !== item.content_hash)
          add(relPath, 'wrong-hash', "The item's keyed hash is not the one the catalog recorded.");
      } catch (error) {
        add(relPath, 'damaged', damageOf(error));
      }
    }
    progressed(relPath);
  }

  const referenced = new Set([...shards.map((s) => shardPath(s.fileId)), ...media.map((m) => mediaPath(m.file_id))]);
  for (const relPath of await unexpectedFiles(session.dir, referenced))
    add(relPath, 'unreferenced', 'The catalog does not reference this file (a leftover, or something put there).');

  const audit = await verifyAudit(session.catalog, session.signingPublicKey);
  if (!audit.isIntact) add('audit log', 'audit-broken', `The audit chain does not verify: ${audit.problem}.`);

  return {
    path: session.dir,
    generation: session.generation,
    shards: shards.length,
    messages,
    mediaFiles: media.length,
    bytes,
    auditEntries: audit.entries,
    problems,
    isIntact: problems.length === 0,
  };
}

function damageOf(error: unknown): string {
  if (error instanceof LocketError) return error.message;
  return `It could not be read: ${(error as Error)?.message ?? String(error)}`;
}

/**
 * Names in `shards/`, `media/` and `media/xx/` the catalog does not reference, and commit leftovers at the top
 * (`*.tmp`, `catalog.lkt.old`, `catalog.lkt.next`). Walked with lstat: a link is reported, never entered.
 */
async function unexpectedFiles(dir: string, referenced: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  const list = async (relPath: string): Promise<string[]> => {
    const stats = await lstatOrNull(join(dir, relPath));
    if (!stats?.isDirectory()) return [];
    return (await fs.readdir(join(dir, relPath))).sort();
  };
  for (const name of await fs.readdir(dir)) {
    if (name.endsWith(TMP_SUFFIX) || name === PREVIOUS_CATALOG_FILE || name === NEXT_CATALOG_FILE) found.push(name);
  }
  const top = await lstatOrNull(join(dir, SHARDS_DIR));
  if (top?.isSymbolicLink()) found.push(SHARDS_DIR);
  for (const name of await list(SHARDS_DIR)) {
    const relPath = join(SHARDS_DIR, name);
    if (!referenced.has(relPath)) found.push(relPath);
  }
  const mediaTop = await lstatOrNull(join(dir, MEDIA_DIR));
  if (mediaTop?.isSymbolicLink()) found.push(MEDIA_DIR);
  for (const sub of await list(MEDIA_DIR)) {
    const subPath = join(MEDIA_DIR, sub);
    const stats = await lstatOrNull(join(dir, subPath));
    if (!MEDIA_SUBDIR_NAME.test(sub) || !stats?.isDirectory()) {
      found.push(subPath);
      continue;
    }
    for (const name of await list(subPath)) {
      const relPath = join(subPath, name);
      if (!referenced.has(relPath)) found.push(relPath);
    }
  }
  return found;
}
