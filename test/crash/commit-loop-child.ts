/**
 * Child process for the crash-safety test: unlocks a vault and commits forever, one numbered change at a time,
 * until the parent kills it with SIGKILL. Each change inserts message N (forcing shard rewrites and splits),
 * sometimes a media file, and sets the counter to N, so the parent can tell exactly which commit survived. Every
 * third commit is followed by an indexing commit, as an import's indexing phase follows its messages' commit.
 */
import { VaultSession } from '../../electron/core/session/vault-session';
import { message } from '../helpers/messages';

async function main(): Promise<void> {
  const [dir, passphrase] = process.argv.slice(2);
  const session = await VaultSession.open(dir!, { passphrase: passphrase! }, { shardBudgetBytes: 48 * 1024 });
  let n = session.setting('counter', 0);
  process.stdout.write('ready\n');
  for (;;) {
    const next = n + 1;
    process.stdout.write(`committing ${next}\n`);
    await session.write(async (w) => {
      await w.insertMessages([message(next, { text: `crash test ${next} ${'填充'.repeat(200)}` })]);
      if (next % 5 === 0) await w.putMedia(Buffer.from(`media ${next}`), `media-${next}`, 'text/plain');
      w.setSetting('counter', next);
    });
    n = next;
    process.stdout.write(`committed ${n}\n`);
    // Now and then an import's second commit: the search index for what is not indexed yet (a kill may land in it).
    if (n % 3 === 0) await session.write((w) => w.indexBacklog());
  }
}

void main();
