import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../electron/ipc/contract';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import {
  ALICE,
  GROUP,
  GROUP_TEXT,
  OWNER,
  PC3_FACTS,
  SENDER,
  generatePc3Backup,
  svrid,
} from '../../fixtures/generate-pc3-backup';
import { generateIosBackup, IOS_FIXTURE } from '../../fixtures/generate-ios-backup';
import { SAMPLE_JPEG } from '../../fixtures/pc3-media-samples';
import { generateExports } from '../../fixtures/generate-exports';
import { generatePc4Backup } from '../../fixtures/generate-pc4-backup';
import { generateAndroidBackup } from '../../fixtures/generate-android-backup';
import { tempDir } from '../../helpers/temp-dir';

async function newVault(): Promise<{ service: LocketService; vault: string }> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  const vault = join(tempDir(), 'Import.locket');
  await service['vault.create']({ path: vault, passphrase: 'import test passphrase' });
  return { service, vault };
}

async function allMessages(service: LocketService, conversationId?: number): Promise<MessageView[]> {
  const out: MessageView[] = [];
  let cursor;
  do {
    const page = await service['messages.list']({
      ...(conversationId ? { conversationId } : {}),
      ...(cursor ? { cursor } : {}),
      limit: 7,
    });
    out.push(...page.messages);
    cursor = page.next ?? undefined;
  } while (cursor);
  return out;
}

describe('the import pipeline with a PC WeChat 3.x backup', () => {
  it('stores every message once, with exact ids, senders, kinds and media, and a report that adds up', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const { service } = await newVault();
    const report = await service['import.run']({ paths: [accountRoot] });
    expect(report.imported).toBe(PC3_FACTS.uniqueMessages);
    expect(report.duplicates).toBe(1);
    expect(report.skipped).toEqual({});
    expect(report.notes['malformed-xml']).toBe(1);
    expect(report.notes['null-content']).toBe(1);
    expect(report.sources[0]!.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['Msg/MicroMsg.db', 'Msg/Multi/MSG0.db', 'Msg/Multi/MSG1.db']),
    );
    expect(report.sources[0]!.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(report.media.missing['path-outside-backup']).toBe(1);
    expect(report.media.stored).toBeGreaterThanOrEqual(5);
    expect(report.conversations.reduce((n, c) => n + c.imported, 0)).toBe(report.imported);

    const conversations = await service['conversations.list']();
    expect(conversations.map((c) => c.username).sort()).toEqual(PC3_FACTS.conversations.slice().sort());
    const group = conversations.find((c) => c.username === GROUP)!;
    expect(group.isGroup).toBe(true);
    // A group's list line names who wrote its last message (the owner's own messages name no one).
    const groupLast = (await allMessages(service)).filter((m) => m.conversation === GROUP).at(-1)!;
    expect(group.lastMessageSender).toBe(groupLast.isSelf ? undefined : groupLast.senderName);

    const messages = await allMessages(service);
    expect(messages).toHaveLength(PC3_FACTS.uniqueMessages);
    // Time order, 64-bit ids exact, the group sender from BytesExtra, the body's ':\n' kept.
    expect(messages.map((m) => m.time)).toEqual([...messages.map((m) => m.time)].sort((a, b) => a - b));
    const groupText = messages.find((m) => m.serverId === svrid(1))!;
    expect(groupText).toMatchObject({
      conversation: GROUP,
      sender: SENDER,
      isSelf: false,
      kind: 'text',
      text: GROUP_TEXT,
    });
    const sentQuote = messages.find((m) => m.serverId === svrid(5))!;
    expect(sentQuote).toMatchObject({ kind: 'quote', isSelf: true, sender: OWNER });
    // The quote carries the time of the message it quotes, found by its server id in the same chat.
    expect(sentQuote.kind === 'quote' ? sentQuote.quotedTime : null).toBe(groupText.time);
    expect(messages.filter((m) => m.kind === 'quote' && m.quotedTime === undefined)).toEqual([]);
    const image = messages.find((m) => m.serverId === svrid(3))!;
    expect(image.kind).toBe('image');
    expect(image.media.find((m) => m.role === 'image')?.mediaId).toMatch(/^[0-9a-f]{32}$/);
    const voice = messages.find((m) => m.serverId === svrid(4))!;
    expect(voice).toMatchObject({ kind: 'voice', sender: ALICE });
    expect(voice.media[0]?.mediaId).toBeTruthy();
    expect(new Set(messages.map((m) => m.serverId)).size).toBe(messages.length);

    const status = await service['vault.status']();
    expect(status.counts).toMatchObject({
      messages: PC3_FACTS.uniqueMessages,
      conversations: PC3_FACTS.conversations.length,
    });

    // Newest first, page by page, gives the same messages in reverse.
    const newestFirst: MessageView[] = [];
    let cursor;
    do {
      const page = await service['messages.list']({ order: 'desc', limit: 5, ...(cursor ? { cursor } : {}) });
      newestFirst.push(...page.messages);
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(newestFirst.map((m) => m.id)).toEqual(messages.map((m) => m.id).reverse());

    // The stored image decrypts to the original JPEG (the .dat file's XOR undone).
    const media = await service['media.get']({ mediaId: image.media.find((m) => m.role === 'image')!.mediaId! });
    expect(media.mime).toBe('image/jpeg');
    expect(Buffer.from(media.bytes).equals(SAMPLE_JPEG)).toBe(true);
    await service.dispose();
  });

  it('adds nothing when the same backup is imported again', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const { service, vault } = await newVault();
    await service['import.run']({ paths: [accountRoot] });
    const mediaFiles = readdirSync(join(vault, 'media'), { recursive: true }).length;
    // Unchanged, it is not read again (incremental-import.test.ts); read in full, every message is a duplicate.
    const again = await service['import.run']({ paths: [accountRoot], full: true });
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(PC3_FACTS.messages);
    expect(again.media.stored).toBe(0);
    expect(readdirSync(join(vault, 'media'), { recursive: true }).length).toBe(mediaFiles);
    expect((await service['vault.status']()).counts?.messages).toBe(PC3_FACTS.uniqueMessages);
    await service.dispose();
  });

  it('refuses an encrypted database with source-encrypted and leaves the vault unchanged', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir(), { encryptedMsg0: true });
    const { service, vault } = await newVault();
    const before = readdirSync(vault, { recursive: true }).sort();
    await expect(service['import.run']({ paths: [accountRoot] })).rejects.toMatchObject({ code: 'source-encrypted' });
    expect(readdirSync(vault, { recursive: true }).sort()).toEqual(before);
    expect((await service['vault.status']()).counts?.messages).toBe(0);
    await service.dispose();
  });

  it('refuses a truncated database with source-damaged naming it, and a lone encrypted .db file', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir(), { truncateMsg1: true });
    const { service } = await newVault();
    await expect(service['import.run']({ paths: [accountRoot] })).rejects.toMatchObject({
      code: 'source-damaged',
      details: { file: 'Msg/Multi/MSG1.db' },
    });
    const lone = join(tempDir(), 'EnMicroMsg.db');
    writeFileSync(lone, Buffer.alloc(4096, 0x5c));
    await expect(service['import.detect']({ paths: [lone] })).rejects.toMatchObject({ code: 'source-encrypted' });
    await expect(service['import.detect']({ paths: [tempDir()] })).rejects.toMatchObject({
      code: 'source-unrecognized',
    });
    expect((await service['vault.status']()).counts?.messages).toBe(0);
    await service.dispose();
  });

  it('cancelling mid-import leaves the vault exactly as before', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const events: string[] = [];
    const service = createLocketService({
      sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS },
      emit: (event, payload) => {
        events.push(`${event}:${(payload as { phase?: string }).phase ?? ''}`);
        // Cancel as soon as messages start to be read.
        if ((payload as { phase?: string }).phase === 'reading') void service['import.cancel']();
      },
    });
    const vault = join(tempDir(), 'Cancel.locket');
    await service['vault.create']({ path: vault, passphrase: 'import test passphrase' });
    const before = readdirSync(vault, { recursive: true }).sort();
    await expect(service['import.run']({ paths: [accountRoot] })).rejects.toMatchObject({ code: 'cancelled' });
    expect(events).toContain('import.progress:hashing');
    expect(readdirSync(vault, { recursive: true }).sort()).toEqual(before);
    expect((await service['vault.status']()).counts).toMatchObject({ messages: 0, conversations: 0 });
    await service.dispose();
  });
});

describe('the import pipeline with an iPhone backup', () => {
  it('imports it, and the detector names the format', async () => {
    const root = tempDir();
    await generateIosBackup(root);
    const { service } = await newVault();
    const [detected] = await service['import.detect']({ paths: [root] });
    expect(detected).toMatchObject({ format: 'ios-backup' });
    const report = await service['import.run']({ paths: [root] });
    // One row of the 1:1 chat is in both MM.sqlite and message_1.sqlite.
    expect(report.imported + report.duplicates).toBe(IOS_FIXTURE.messageCount);
    expect(report.duplicates).toBe(1);
    const messages = await allMessages(service);
    expect(messages).toHaveLength(report.imported);
    await service.dispose();
  });
});

describe("the import pipeline with other tools' exports", () => {
  it('detects each export by its structure and imports it; importing it again adds nothing', async () => {
    const dir = tempDir();
    const { media: _media, ...files } = generateExports(dir);
    const { service } = await newVault();
    // JSON and JSONL copies of the same ChatLab chat are one chat: the second adds nothing.
    for (const [file, format] of [
      [files.pyWxDumpCsv, 'pywxdump-csv'],
      [files.pyWxDumpJson, 'pywxdump-json'],
      [files.memoTraceCsv, 'memotrace-csv'],
      [files.memoTraceTxt, 'memotrace-txt'],
      [files.chatlogJson, 'chatlog-json'],
      [files.chatLabGroupJson, 'chatlab'],
      [files.chatLabPrivateJsonl, 'chatlab'],
    ] as const) {
      const [detected] = await service['import.detect']({ paths: [file] });
      expect(detected!.format, file).toBe(format);
      const first = await service['import.run']({ paths: [file] });
      expect(first.imported).toBeGreaterThan(0);
      const again = await service['import.run']({ paths: [file] });
      expect(again.imported).toBe(0);
    }
    await service.dispose();
  });
});

describe('the import pipeline with WeChat 4.x and Android databases', () => {
  it.each([
    ['pc4', async (dir: string) => (await generatePc4Backup(dir)).accountRoot],
    ['android', async (dir: string) => (await generateAndroidBackup(dir)).userDir],
  ] as const)('detects and imports a %s source; importing it again adds nothing', async (format, make) => {
    const source = await make(tempDir());
    const { service } = await newVault();
    const [detected] = await service['import.detect']({ paths: [source] });
    expect(detected!.format).toBe(format);
    const first = await service['import.run']({ paths: [source] });
    expect(first.imported).toBeGreaterThan(5);
    const messages = await allMessages(service);
    expect(messages).toHaveLength(first.imported);
    expect(messages.every((m) => m.serverId === null || /^\d+$/.test(m.serverId))).toBe(true);
    const again = await service['import.run']({ paths: [source] });
    expect(again.imported).toBe(0);
    await service.dispose();
  });
});
