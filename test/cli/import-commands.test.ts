import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary, ImportReport } from '../../electron/ipc/contract';
import { generateIosBackup } from '../fixtures/generate-ios-backup';
import { ALICE, PC3_FACTS, generatePc3Backup, svrid } from '../fixtures/generate-pc3-backup';
import { createLocketService } from '../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { pc3Rows, writePyWxDumpJson } from '../fixtures/generate-pywxdump-of-pc3';
import { OWNER } from '../fixtures/pc3-messages';
import { locket } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const PASS = { LOCKET_PASSPHRASE: 'a long enough passphrase' };

async function vaultWithBackup(options = {}): Promise<{ vault: string; backup: string }> {
  const vault = join(tempDir(), 'Cli.locket');
  expect((await locket(['init', vault], PASS)).code).toBe(0);
  const { accountRoot } = await generatePc3Backup(tempDir(), options);
  return { vault, backup: accountRoot };
}

describe('locket import, conversations and messages', () => {
  it('import reports what it stored, and importing again adds nothing', async () => {
    const { vault, backup } = await vaultWithBackup();
    const first = await locket(['import', vault, backup, '--json'], PASS);
    expect(first.code).toBe(0);
    expect(first.json<ImportReport>()).toMatchObject({ imported: PC3_FACTS.uniqueMessages, duplicates: 1 });
    // Unchanged since the first import: not read, and the report says so.
    const text = await locket(['import', vault, backup], PASS);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Imported 0 messages (0 already in the vault)');
    expect(text.stdout).toContain(`Unchanged, not read: ${PC3_FACTS.messages} messages read by earlier imports`);
    expect(text.stdout).toContain('Msg/Multi/MSG0.db: unchanged, not read');
    expect(text.stdout).toContain('Search index: complete.');
    expect(first.json<ImportReport>().searchIndexPending).toBe(0);
    expect(text.stderr).toContain('WeChat for Windows 3.x databases');
    // --full reads it all again: every message already in the vault.
    const full = await locket(['import', vault, backup, '--full', '--json'], PASS);
    expect(full.code).toBe(0);
    expect(full.json<ImportReport>()).toMatchObject({ imported: 0, duplicates: PC3_FACTS.messages, full: true });
    expect(full.json<ImportReport>().unchanged).toBeUndefined();
    const again = await locket(['import', vault, backup, '--json'], PASS);
    expect(again.json<ImportReport>().unchanged).toMatchObject({ rows: PC3_FACTS.messages });
  });

  it('import says which phone, iOS and WeChat an iPhone backup came from, as the evidence bags will', async () => {
    const vault = join(tempDir(), 'Cli.locket');
    expect((await locket(['init', vault], PASS)).code).toBe(0);
    const backup = await generateIosBackup(join(tempDir(), 'iphone-backup'));
    const text = await locket(['import', vault, backup.root], PASS);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      'iphone-backup [ios-backup]: device "林晓的 iPhone" (iPhone14,5), iOS 17.4.1, WeChat 8.0.47.32.',
    );
  });

  it('conversations lists each chat with its message count', async () => {
    const { vault, backup } = await vaultWithBackup();
    await locket(['import', vault, backup], PASS);
    const list = (await locket(['conversations', vault, '--json'], PASS)).json<ConversationSummary[]>();
    expect(list.map((c) => c.username).sort()).toEqual(PC3_FACTS.conversations.slice().sort());
    expect(list.reduce((n, c) => n + c.messageCount, 0)).toBe(PC3_FACTS.uniqueMessages);
  });

  it('messages prints JSON lines with exact 64-bit ids, filtered by conversation and dates', async () => {
    const { vault, backup } = await vaultWithBackup();
    await locket(['import', vault, backup], PASS);
    const run = await locket(['messages', vault, '--conversation', ALICE, '--json'], PASS);
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.every((l) => l.conversation === ALICE)).toBe(true);
    for (const key of ['conversation', 'sender', 'senderName', 'isSelf', 'time', 'kind', 'text', 'serverId'])
      expect(lines[0]).toHaveProperty(key);
    expect(lines.find((l) => l.serverId === svrid(3))).toMatchObject({ kind: 'image', sender: ALICE, isSelf: false });
    // The raw JSON text carries the id as a string, digit for digit.
    expect(run.stdout).toContain(`"serverId":"${svrid(3)}"`);
    const windowed = await locket(
      ['messages', vault, '--after', '2024-01-02T00:00:00Z', '--before', '2024-01-02T00:03:00Z', '--json'],
      PASS,
    );
    const times = windowed.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { time: number }).time);
    expect(times.length).toBe(2);
    expect(times.every((t) => t >= 1704153600 && t < 1704153780)).toBe(true);
    // A year before 1000 would be read as 19xx by Date: refused instead.
    for (const date of ['0024-01-02', '0099-12-31T00:00:00Z'])
      expect((await locket(['messages', vault, '--after', date], PASS)).code).toBe(2);
  });

  it('an encrypted database exits 8 and leaves the vault empty', async () => {
    const { vault, backup } = await vaultWithBackup({ encryptedMsg0: true });
    const run = await locket(['import', vault, backup], PASS);
    expect(run.code).toBe(8);
    expect(run.stderr).toContain('still encrypted by WeChat');
    expect((await locket(['info', vault, '--json'], PASS)).json()).toMatchObject({ counts: { messages: 0 } });
  });
});

describe('locket index', () => {
  it('finishes the search index an import left when its indexing was cancelled, and says when nothing is left', async () => {
    const { vault, backup } = await vaultWithBackup();
    // An import whose indexing phase is cancelled, as Cancel or Ctrl+C would leave it.
    const service = createLocketService({
      sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS },
      emit: (event, payload) =>
        event === 'import.progress' &&
        (payload as { phase: string }).phase === 'indexing' &&
        void service['import.cancel'](),
    });
    await service['vault.unlock']({ path: vault, passphrase: PASS.LOCKET_PASSPHRASE });
    expect((await service['import.run']({ paths: [backup] })).searchIndexPending).toBe(PC3_FACTS.uniqueMessages);
    await service.dispose();
    // `info` says what is left, in both forms.
    expect((await locket(['info', vault, '--json'], PASS)).json()).toMatchObject({
      counts: { unindexedMessages: PC3_FACTS.uniqueMessages },
    });
    expect((await locket(['info', vault], PASS)).stdout).toContain(
      `Index      ${PC3_FACTS.uniqueMessages} messages still to index (search finds them all the same, more slowly; \`locket index\` or the next import indexes them)\n`,
    );

    const finished = await locket(['index', vault], PASS);
    expect(finished.code).toBe(0);
    expect(finished.stdout).toBe('Search index: complete.\n');
    expect((await locket(['index', vault, '--json'], PASS)).json()).toEqual({ searchIndexPending: 0 });
    expect((await locket(['info', vault, '--json'], PASS)).json()).toMatchObject({ counts: { unindexedMessages: 0 } });
    expect((await locket(['info', vault], PASS)).stdout).toContain('Index      complete\n');
  });
});

describe('the built `locket` reads each source in a thread of its own', () => {
  const env = { ...process.env, ...PASS, NODE_CHANNEL_FD: undefined };
  /** Runs bin/locket.cjs; a reading thread left running would keep the process alive past the timeout. */
  const bin = (args: string[]) => {
    const run = spawnSync(process.execPath, ['bin/locket.cjs', ...args], { env, encoding: 'utf8', timeout: 60_000 });
    expect(run.signal, `locket ${args[0]} did not exit by itself`).toBeNull();
    return run;
  };

  it("reads an export's local times in the zone given by --time-zone and says so; an unknown zone is a usage error, also in JSON", async () => {
    const { vault } = await vaultWithBackup();
    const file = writePyWxDumpJson(join(tempDir(), 'chat.json'), pc3Rows(), OWNER);
    const run = await locket(['import', vault, file, '--time-zone', 'Asia/Shanghai'], PASS);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Local times read as Asia/Shanghai (change with --time-zone).');
    const again = (
      await locket(['import', vault, file, '--time-zone', 'Asia/Shanghai', '--json'], PASS)
    ).json<ImportReport>();
    expect(again.sources[0]!.timeZone).toBe('Asia/Shanghai');
    const wrong = await locket(['import', vault, file, '--time-zone', 'Mars/Olympus_Mons', '--json'], PASS);
    expect(wrong.code).toBe(2);
    expect(wrong.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'invalid-argument',
    });
    const unknownOption = await locket(['import', vault, file, '--zone', 'UTC', '--json'], PASS);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.json<{ error: { code: string; message: string } }>().error.code).toBe('invalid-argument');
    expect(unknownOption.stderr).toContain('Usage: locket import');
  });

  it('gives sent messages of an export that writes "我" the owner named by --owner', async () => {
    const vault = join(tempDir(), 'Owner.locket');
    expect((await locket(['init', vault], PASS)).code).toBe(0);
    const file = writePyWxDumpJson(join(tempDir(), 'mine.json'), pc3Rows(), '我');
    expect((await locket(['import', vault, file, '--owner', 'wxid_given'], PASS)).code).toBe(0);
    const lines = (await locket(['messages', vault, '--json'], PASS)).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { isSelf: boolean; sender: string | null });
    const sent = lines.filter((l) => l.isSelf);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((l) => l.sender === 'wxid_given')).toBe(true);
  });

  it('exits 8 with the reasons when it reads rows but can import none, and the vault stays as it was', async () => {
    const { vault } = await vaultWithBackup();
    const file = writePyWxDumpJson(
      join(tempDir(), 'bad-times.json'),
      pc3Rows()
        .slice(0, 3)
        .map((r) => ({ ...r, time: Number.NaN })),
      OWNER,
    );
    const run = await locket(['import', vault, file, '--json'], PASS);
    expect(run.code).toBe(8);
    expect(run.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'source-damaged' });
    expect(run.stderr).toContain('None of the 3 messages');
    expect(run.stderr).toContain('3 invalid-time');
    expect((await locket(['conversations', vault, '--json'], PASS)).json<unknown[]>()).toEqual([]);
  });

  it('imports through out/cli/read-worker.cjs and exits when done', { timeout: 120_000 }, async () => {
    const vault = join(tempDir(), 'Bin.locket');
    expect(bin(['init', vault, '--kdf', 'interactive']).status).toBe(0);
    const { accountRoot } = await generatePc3Backup(tempDir());
    const imported = bin(['import', vault, accountRoot, '--json']);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: PC3_FACTS.uniqueMessages, duplicates: 1 });
    const info = JSON.parse(bin(['info', vault, '--json']).stdout) as { counts: { messages: number } };
    expect(info.counts.messages).toBe(PC3_FACTS.uniqueMessages);
  });
});
