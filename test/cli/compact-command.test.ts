import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUncompressedVault } from '../fixtures/uncompressed-vault';
import { locket } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const PASSPHRASE = 'a long enough passphrase';

async function oldVault(): Promise<string> {
  const vault = join(tempDir(), 'Old.locket');
  await createUncompressedVault(vault, PASSPHRASE, { messages: 900, shardBudgetBytes: 48 * 1024 });
  return vault;
}

/** The file version (FORMAT.md, "Encrypted files") of the catalog and of each shard on disk: compacted, the catalog is 2 and each shard 3 (with its phrase filter). */
function versions(vault: string): number[] {
  const shards = readdirSync(join(vault, 'shards')).map((name) => join('shards', name));
  return ['catalog.lkt', ...shards].map((path) => readFileSync(join(vault, path))[4]!);
}

describe('locket compact', () => {
  it('on a terminal draws its progress on one line, then says the size before and after and the ratio', async () => {
    const vault = await oldVault();
    const shards = readdirSync(join(vault, 'shards')).length;
    const run = await locket(['compact', vault], {}, [PASSPHRASE]);
    expect(run.code).toBe(0);
    // Redrawn in place: each state on the same line, cleared at the end.
    expect(run.stderr).toContain(`\r\u001b[2KCompacting [`);
    expect(run.stderr).toMatch(new RegExp(`Compacting \\[#+-*\\] +\\d+% 1/${shards + 1} files · [\\d.]+/[\\d.]+ MB`));
    expect(run.stderr).toMatch(new RegExp(`Saving \\[#+-*\\] +\\d+% ${shards}/${shards + 1} files`));
    expect(run.stderr.endsWith('\r\u001b[2K')).toBe(true);
    const sentence = run.stdout.match(
      /^Compacted (\d+) shards and the catalog: catalog and shards ([\d.]+ [KM]iB) before, ([\d.]+ [KM]iB) now \(([\d.]+)x smaller\)\.\n$/,
    );
    expect(sentence, run.stdout).not.toBeNull();
    const [, count, before, after, ratio] = sentence!;
    expect(Number(count)).toBe(shards);
    expect(Number(ratio)).toBeGreaterThan(2);
    const kib = (size: string) => parseFloat(size) * (size.endsWith('MiB') ? 1024 : 1);
    expect(Number(ratio)).toBeCloseTo(kib(before!) / kib(after!), 0);
    expect(new Set(versions(vault))).toEqual(new Set([2, 3]));
  });

  it('is quiet when not on a terminal: no progress line, only the sentence', async () => {
    const vault = await oldVault();
    const run = await locket(['compact', vault], { LOCKET_PASSPHRASE: PASSPHRASE });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Compacted \d+ shards and the catalog: .* \([\d.]+x smaller\)\.\n$/);
  });

  it('Ctrl-C half-way stops it before the commit: exit code 130, and the vault is as it was and opens', async () => {
    const vault = await oldVault();
    let isInterrupted = false;
    const run = await locket(['compact', vault], {}, [PASSPHRASE], (text) => {
      // After the second shard is written, as a person pressing Ctrl-C would.
      if (!isInterrupted && /Compacting .* 2\/\d+ files/.test(text)) {
        isInterrupted = true;
        process.emit('SIGINT');
      }
    });
    expect(isInterrupted).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('Compacting was cancelled. The vault is exactly as it was before.');
    expect(new Set(versions(vault))).toEqual(new Set([1]));
    const info = await locket(['info', vault], { LOCKET_PASSPHRASE: PASSPHRASE });
    expect(info.stdout).toMatch(/900 messages in \d+ shards/);
    // And it compacts when run again.
    expect((await locket(['compact', vault, '--json'], { LOCKET_PASSPHRASE: PASSPHRASE })).code).toBe(0);
    expect(new Set(versions(vault))).toEqual(new Set([2, 3]));
  });
});
