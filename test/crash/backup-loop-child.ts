/**
 * Child process for the backup crash test: forever, stores a batch of ten messages and a media item in the vault, then
 * backs the vault up to the backup folder (printing `committing N` / `committed N` around the backup), and every
 * third round wipes the batch before backing up, so backups also remove files. Runs until the parent kills it.
 */
import { runBackup } from '../../electron/core/backup/run-backup';
import { executeWipe } from '../../electron/core/retention/execute-wipe';
import { VaultSession } from '../../electron/core/session/vault-session';
import { message } from '../helpers/messages';

async function main(): Promise<void> {
  const [dir, dest, passphrase] = process.argv.slice(2);
  const session = await VaultSession.open(dir!, { passphrase: passphrase! }, { shardBudgetBytes: 48 * 1024 });
  let round = session.setting('round', 0);
  process.stdout.write('ready\n');
  for (;;) {
    round++;
    const ids = await session.write(async (w) => {
      const bytes = Buffer.from(`media of round ${round} `.repeat(2000));
      await w.putMedia(bytes, await session.mediaHash(bytes), 'text/plain');
      const batch = Array.from({ length: 10 }, (_, i) =>
        message(round * 100 + i, { text: `round ${round} ${'备份'.repeat(200)}` }),
      );
      await w.insertMessages(batch);
      w.setSetting('round', round);
      const db = await w.shardAt(batch[0]!.time);
      return (
        db.exec(`SELECT id FROM messages WHERE text LIKE 'round ${round} %'`)[0]?.values.map((v) => Number(v[0])) ?? []
      );
    });
    if (round % 3 === 0) await executeWipe(session, { kind: 'messages', messageIds: ids }, ids.length);
    process.stdout.write(`committing ${round}\n`);
    await runBackup(session, dest!);
    process.stdout.write(`committed ${round}\n`);
  }
}

void main();
