import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { generateMemoTraceVariants, PAIRED_MESSAGES, VARIANT_PEER } from '../../fixtures/generate-memotrace-variants';
import { generatePc3Backup, PC3_FACTS } from '../../fixtures/generate-pc3-backup';
import { OWNER } from '../../fixtures/pc3-messages';
import { expectLocketError } from '../../helpers/read-source';
import { tempDir } from '../../helpers/temp-dir';

async function newVault(): Promise<LocketService> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({ path: join(tempDir(), 'Folders.locket'), passphrase: 'folders test passphrase' });
  return service;
}

/** A MemoTrace export folder as the tool leaves it: chats as CSV and TXT, an HTML page, images, and a stray link. */
function memoTraceFolder(): { root: string; chats: string } {
  const root = tempDir();
  generateMemoTraceVariants(root);
  const chats = join(root, 'data', '聊天记录');
  const paired = join(chats, `阿杰(${VARIANT_PEER})`);
  writeFileSync(join(paired, '阿杰.html'), '<!doctype html><title>阿杰</title>');
  mkdirSync(join(paired, 'image'), { recursive: true });
  writeFileSync(join(paired, 'image', 'a1.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
  writeFileSync(join(chats, 'notes.txt'), 'not a chat: just some notes\nsecond line');
  const outside = tempDir();
  writeFileSync(join(outside, 'secret.csv'), 'a,b\n1,2\n');
  symlinkSync(outside, join(chats, 'elsewhere'));
  if (process.platform !== 'win32') execFileSync('mkfifo', [join(chats, 'pipe.csv')]);
  return { root, chats };
}

describe('importing a folder that another tool exported', () => {
  it('imports every chat export in it as one import, a section per file, and lists the files that are not chats', async () => {
    const { root } = memoTraceFolder();
    const service = await newVault();
    const [detected] = await service['import.detect']({ paths: [root] });
    expect(detected).toMatchObject({
      format: 'export-folder',
      storesLocalTimes: true,
      contents: { formats: { 'memotrace-csv': 6, 'memotrace-txt': 2 } },
    });
    expect(detected!.formatName).toContain('MemoTrace (WeChatMsg) CSV export');

    const report = await service['import.run']({ paths: [root], timeZone: 'Asia/Shanghai' });
    expect(report.sources).toHaveLength(8);
    expect(report.sources.every((s) => s.folder === root)).toBe(true);
    // Every source row is accounted for, per file.
    const perFile = report.sources.reduce(
      (n, s) => n + s.imported + s.duplicates + Object.values(s.skipped).reduce((a, b) => a + b, 0),
      0,
    );
    expect(perFile).toBe(
      report.imported + report.duplicates + Object.values(report.skipped).reduce((a, b) => a + b, 0),
    );
    expect(report.sources.reduce((n, s) => n + s.imported, 0)).toBe(report.imported);
    const reasons = Object.fromEntries(report.unrecognized!.map((u) => [u.path.slice(root.length + 1), u.reason]));
    expect(reasons).toMatchObject({
      [join('data', '聊天记录', `阿杰(${VARIANT_PEER})`, '阿杰.html')]: 'media-or-page',
      [join('data', '聊天记录', `阿杰(${VARIANT_PEER})`, 'image', 'a1.jpg')]: 'media-or-page',
      [join('data', '聊天记录', 'notes.txt')]: 'not-a-chat-export',
      [join('data', '聊天记录', 'elsewhere')]: 'link-not-followed',
    });
    if (process.platform !== 'win32') expect(reasons[join('data', '聊天记录', 'pipe.csv')]).toBe('unreadable');
    expect(report.unrecognizedCount).toBe(process.platform === 'win32' ? 4 : 5);

    // The TXT and the CSV of one chat are one conversation holding each message once.
    const conversation = (await service['conversations.list']()).find((c) => c.username === VARIANT_PEER)!;
    expect(conversation.messageCount).toBe(PAIRED_MESSAGES.length);

    // The whole folder again adds nothing.
    const again = await service['import.run']({ paths: [root], timeZone: 'Asia/Shanghai' });
    expect(again.imported).toBe(0);
    await service.dispose();
  });

  it('refuses a folder holding no backup and no export, naming what it is', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8]));
    const service = await newVault();
    const error = await expectLocketError(service['import.detect']({ paths: [dir] }), 'source-unrecognized');
    expect(error.message).toContain('found no backup and no export file');
    await service.dispose();
  });
});

describe("importing PC WeChat's WeChat Files folder", () => {
  it('lists its accounts, asks for one, and imports the chosen one', async () => {
    const wechatFiles = join(tempDir(), 'WeChat Files');
    mkdirSync(wechatFiles, { recursive: true });
    const { accountRoot } = await generatePc3Backup(wechatFiles);
    cpSync(accountRoot, join(wechatFiles, 'wxid_second'), { recursive: true });
    mkdirSync(join(wechatFiles, 'All Users'));
    const service = await newVault();
    const [detected] = await service['import.detect']({ paths: [wechatFiles] });
    expect(detected!.format).toBe('pc3');
    expect(detected!.accounts.map((a) => a.id)).toEqual([OWNER, 'wxid_second']);
    await expectLocketError(service['import.run']({ paths: [wechatFiles] }), 'source-account-ambiguous');
    await expectLocketError(
      service['import.run']({ paths: [wechatFiles], account: 'wxid_nobody' }),
      'source-account-ambiguous',
    );
    expect((await service['vault.status']()).counts!.messages).toBe(0);
    const report = await service['import.run']({ paths: [wechatFiles], account: OWNER });
    expect(report.imported).toBe(PC3_FACTS.uniqueMessages);
    expect(report.sources[0]!.path).toBe(accountRoot);
    await service.dispose();
  });
});
