import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALICE, GROUP, generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { locket } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const PASS = { LOCKET_PASSPHRASE: 'a long enough passphrase' };

async function importedVault(): Promise<{ vault: string; out: string }> {
  const root = tempDir();
  const vault = join(root, 'Cli.locket');
  await locket(['init', vault], PASS);
  const { accountRoot } = await generatePc3Backup(join(root, 'backup'));
  await locket(['import', vault, accountRoot], PASS);
  return { vault, out: join(root, 'exports') };
}

describe('locket export and locket verify', () => {
  it('exports two conversations as a bag, says where it is, and locket verify accepts it', async () => {
    const { vault, out } = await importedVault();
    const bag = join(out, 'Case 17');
    const exported = await locket(['export', vault, '--conversation', GROUP, '--conversation', ALICE, '--case', 'HK-2026-017', '--exporter', 'Lin Xiao', '--time-zone', 'Asia/Shanghai', '--out', bag], PASS);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^Exported 18 messages and \d+ media files\.$/m);
    expect(exported.stdout).toContain(`Bag: ${bag}`);
    expect(exported.stdout).toMatch(/Recorded in the audit log as entry #\d+/);
    expect(readFileSync(join(bag, 'bag-info.txt'), 'utf8')).toContain('External-Identifier: HK-2026-017');

    const verified = await locket(['verify', bag]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('The bag is intact');
    const fingerprint = (await locket(['info', vault, '--json'], PASS)).json<{ signingKeyFingerprint: string }>().signingKeyFingerprint;
    expect(verified.stdout).toContain(fingerprint);
  });

  it('verify exits non-zero on a tampered bag and lists each problem with its file', async () => {
    const { vault, out } = await importedVault();
    const bag = join(out, 'bag');
    expect((await locket(['export', vault, '--conversation', ALICE, '--out', bag], PASS)).code).toBe(0);
    const csv = join(bag, 'data/messages.csv');
    writeFileSync(csv, `${readFileSync(csv, 'utf8')}"forged"\r\n`);
    writeFileSync(join(bag, 'data', 'note.txt'), 'added');
    const verified = await locket(['verify', bag]);
    expect(verified.code).toBe(4);
    expect(verified.stdout).toContain('The bag is NOT intact');
    expect(verified.stdout).toMatch(/changed\s+data\/messages\.csv/);
    expect(verified.stdout).toMatch(/added\s+data\/note\.txt/);
    expect(verified.stderr).toContain('not intact');
    // With --json: the verification, then (as every failing command prints) the error.
    const json = await locket(['verify', bag, '--json']);
    const [verification, error] = json.stdout.split(/\n(?=\{)/).map((doc) => JSON.parse(doc) as Record<string, unknown>);
    expect((verification!.problems as { file: string }[]).map((p) => p.file)).toEqual(expect.arrayContaining(['data/messages.csv', 'data/note.txt']));
    expect(error).toMatchObject({ error: { code: 'vault-corrupt' } });
  });

  it('exports search results as one zip with pseudonyms, and reports when no PDF could be printed', async () => {
    const { vault, out } = await importedVault();
    const zip = join(out, 'search');
    const exported = await locket(['export', vault, '--query', '开会', '--format', 'zip', '--pdf', '--pseudonymize', 'wxid_sender', '--names', 'remark', '--out', zip, '--json'], {
      ...PASS,
    });
    expect(exported.code, exported.stderr).toBe(0);
    const result = exported.json<{ bags: { path: string }[]; messages: number; pdf: string }>();
    expect(result.bags[0]!.path).toBe(`${zip}.zip`);
    expect(result.messages).toBe(1);
    expect(result.pdf === 'written' || result.pdf === 'skipped: no Chromium found').toBe(true);
    expect((await locket(['verify', `${zip}.zip`])).code).toBe(0);
  });

  it('exports only the messages named with --message, as `locket messages --json` prints their ids', async () => {
    const { vault, out } = await importedVault();
    const listed = await locket(['messages', vault, '--conversation', ALICE, '--json'], PASS);
    const ids = listed.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { id: number }).id);
    const bag = join(out, 'chosen');
    const exported = await locket(['export', vault, '--message', String(ids[2]), '--message', `${ids[0]},${ids[1]}`, '--out', bag, '--json'], PASS);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json<{ messages: number }>().messages).toBe(3);
    const exportedIds = readFileSync(join(bag, 'data/messages.jsonl'), 'utf8').trimEnd().split('\n').map((line) => Number((JSON.parse(line) as { id: string }).id));
    expect(exportedIds).toEqual(ids.slice(0, 3));
    const refused = await locket(['export', vault, '--message', 'abc', '--out', join(out, 'x')], PASS);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--message takes a vault message id');
  });

  it('refuses to export without --out, or over a path that exists', async () => {
    const { vault, out } = await importedVault();
    const missing = await locket(['export', vault, '--conversation', ALICE], PASS);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out PATH');
    expect((await locket(['export', vault, '--conversation', ALICE, '--out', out], PASS)).code).toBe(0);
    const again = await locket(['export', vault, '--conversation', ALICE, '--out', out], PASS);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('splits a large export into parts named in order, each of which verifies', async () => {
    const { vault, out } = await importedVault();
    const exported = await locket(['export', vault, '--conversation', ALICE, '--split-messages', '4', '--out', out], PASS);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('in 3 bags');
    for (const n of ['001', '002', '003']) {
      expect(existsSync(join(out, `exports-part-${n}`))).toBe(true);
      expect((await locket(['verify', join(out, `exports-part-${n}`)])).code).toBe(0);
    }
  });

  it('verify names a path that is not a bag', async () => {
    const result = await locket(['verify', join(tempDir(), 'nowhere')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no bag at');
  });
});
