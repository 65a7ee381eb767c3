/**
 * Child process for the wipe crash test: alternates, forever, between importing a batch of ten messages that share
 * one media file and wiping that batch (which rewrites shards, rebuilds their index and destroys the media file),
 * printing `committing N` / `committed N` around each wipe, until the parent kills it.
 */
import { createHash } from 'node:crypto';
import { executeWipe } from '../../electron/core/retention/execute-wipe';
import { VaultSession } from '../../electron/core/session/vault-session';
import { message } from '../helpers/messages';

async function main(): Promise<void> {
  const [dir, passphrase] = process.argv.slice(2);
  const session = await VaultSession.open(dir!, { passphrase: passphrase! }, { shardBudgetBytes: 48 * 1024 });
  let round = session.setting('round', 0);
  process.stdout.write('ready\n');
  for (;;) {
    round++;
    const bytes = Buffer.from(`media of round ${round}`);
    const ids = await session.write(async (w) => {
      const { fileId } = await w.putMedia(bytes, createHash('sha256').update(bytes).digest('hex'), 'text/plain');
      const batch = Array.from({ length: 10 }, (_, i) =>
        message(round * 100 + i, {
          conversationId: 1 + (i % 2),
          text: `round ${round} secret ${'秘密'.repeat(50)}`,
          payload: JSON.stringify({ media: [{ role: 'file', mediaId: fileId, missingReason: null, fileName: null }] }),
        }),
      );
      // One reference per message: putMedia counted one already.
      w.catalog.run('UPDATE media SET ref_count = ref_count + ? WHERE file_id = ?', [batch.length - 1, fileId]);
      await w.insertMessages(batch);
      w.setSetting('round', round);
      const db = await w.shardAt(batch[0]!.time);
      return (
        db.exec(`SELECT id FROM messages WHERE text LIKE 'round ${round} %'`)[0]?.values.map((v) => Number(v[0])) ?? []
      );
    });
    process.stdout.write(`committing ${round}\n`);
    await executeWipe(session, { kind: 'messages', messageIds: ids }, ids.length);
    process.stdout.write(`committed ${round}\n`);
  }
}

void main();
