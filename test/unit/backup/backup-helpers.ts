import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { all } from '../../../electron/core/db/sqlite';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { TEST_PASSPHRASE, message, testKdf } from '../../helpers/vault';

export const WIPED_TEXT = 'wipe-me-7f3a secret plan';

/** Messages in conversation 1 (one of them `WIPED_TEXT`) and two media items, each in its own commit. */
export async function fillVault(session: VaultSession, from = 1, count = 40): Promise<void> {
  await session.write(async (w) => {
    w.catalog.run(
      "INSERT OR IGNORE INTO conversations (id, username, display_name, is_group) VALUES (1, 'wxid_friend', 'Friend', 0)",
    );
    await w.insertMessages(
      Array.from({ length: count }, (_, i) => message(from + i, from + i === 3 ? { text: WIPED_TEXT } : {})),
    );
  });
  for (const text of [`picture ${from}`, `voice ${from}`]) {
    const bytes = Buffer.from(text.repeat(5000));
    const hash = await session.mediaHash(bytes);
    await session.write((w) => w.putMedia(bytes, hash, 'image/png'));
  }
}

/**
 * Every file of a vault folder decrypted with the passphrase (catalog, every shard and media item it references),
 * plus every file's raw bytes, as text: what a search for wiped text must not find.
 */
export async function everyByteOf(dir: string): Promise<string[]> {
  const session = await VaultSession.open(
    dir,
    { passphrase: TEST_PASSPHRASE },
    { ...testKdf, removesLeftovers: false },
  );
  try {
    const parts = [Buffer.from((session.catalog as Database).export())];
    for (const entry of session.listShards()) {
      const { db } = await session.decryptShardFile(entry);
      parts.push(Buffer.from(db.export()));
      db.close();
    }
    for (const row of all<{ file_id: string }>(session.catalog, 'SELECT file_id FROM media'))
      parts.push(Buffer.from(await session.readMediaFile(row.file_id)));
    for (const file of readdirSync(dir, { recursive: true, withFileTypes: true }))
      if (file.isFile()) parts.push(readFileSync(join(file.parentPath, file.name)));
    return parts.map((p) => p.toString('utf8'));
  } finally {
    await session.lock();
  }
}

export function hits(parts: string[], text: string): number {
  return parts.filter((p) => p.includes(text)).length;
}

/** The messages' texts of a vault folder, opened with the passphrase, in id order. */
export async function textsOf(dir: string): Promise<string[]> {
  const session = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE }, testKdf);
  try {
    const texts: { id: number; text: string }[] = [];
    for (const entry of session.listShards())
      texts.push(...all<{ id: number; text: string }>(await session.shard(entry), 'SELECT id, text FROM messages'));
    return texts.sort((a, b) => a.id - b.id).map((t) => t.text);
  } finally {
    await session.lock();
  }
}
