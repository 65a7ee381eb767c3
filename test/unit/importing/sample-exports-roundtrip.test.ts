import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, MessageView } from '../../../electron/ipc/contract';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import {
  SAMPLE_ACCOUNT_ROOT,
  writeExportsOfSample,
  type SampleExportFolders,
  type SampleExportKind,
} from '../../fixtures/generate-exports-of-sample';
import { sharedTempDir, tempDir } from '../../helpers/temp-dir';

/**
 * The product's promise for the bundled sample: importing it and an export of it made by another tool, in either
 * order, stores each message once. The exports are the sample as each tool writes it (generate-exports-of-sample.ts);
 * PyWxDump and ChatLab carry server ids, MemoTrace none, so those are matched across sources by conversation,
 * second, direction, family of kind and text (pipeline/cross-source-matches.ts).
 */

const TIME_ZONE = 'Asia/Shanghai';
const KINDS: readonly SampleExportKind[] = ['pyWxDumpCsv', 'pyWxDumpJson', 'memoTraceCsv', 'memoTraceTxt', 'chatLab'];

interface VaultCounts {
  total: number;
  /** Messages per conversation username. */
  byConversation: Record<string, number>;
}

async function newVault(): Promise<LocketService> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({
    path: join(tempDir(), 'Roundtrip.locket'),
    passphrase: 'sample round trip passphrase',
  });
  return service;
}

async function countsOf(service: LocketService): Promise<VaultCounts> {
  const conversations = await service['conversations.list']();
  return {
    total: (await service['vault.status']()).counts!.messages,
    byConversation: Object.fromEntries(
      conversations.filter((c) => c.messageCount > 0).map((c) => [c.username, c.messageCount]),
    ),
  };
}

const openVaults: LocketService[] = [];
afterEach(async () => {
  for (const service of openVaults.splice(0)) await service.dispose();
});

/** Imports `first`, then `second`, into a fresh vault (left open for the test to look into). */
async function importBoth(
  first: string,
  second: string,
): Promise<{ firstReport: ImportReport; secondReport: ImportReport; counts: VaultCounts; service: LocketService }> {
  const service = await newVault();
  openVaults.push(service);
  const firstReport = await service['import.run']({ paths: [first], timeZone: TIME_ZONE });
  const secondReport = await service['import.run']({ paths: [second], timeZone: TIME_ZONE });
  return { firstReport, secondReport, counts: await countsOf(service), service };
}

/** Every message of a conversation, oldest first. */
async function messagesOf(service: LocketService, username: string): Promise<MessageView[]> {
  const conversation = (await service['conversations.list']()).find((c) => c.username === username);
  if (!conversation) return [];
  const messages: MessageView[] = [];
  let cursor: { time: number; id: number } | undefined;
  for (;;) {
    const page = await service['messages.list']({
      conversationId: conversation.id,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    messages.push(...page.messages);
    if (!page.next) return messages;
    cursor = page.next;
  }
}

const GROUP = '20991234567@chatroom';
const OWNER_NAME_IN_TXT = '小林 Lin';
const sayings = (messages: readonly MessageView[]): string[] =>
  messages.map((m) => `${m.time} ${m.kind} ${m.text}`).sort();

let exports: SampleExportFolders;
let sampleAlone: VaultCounts;
/** What the owner sent in the family group, as the sample alone stores it. */
let ownerInGroup: MessageView[];

beforeAll(async () => {
  exports = await writeExportsOfSample(sharedTempDir('locket-sample-exports-'), TIME_ZONE);
  const service = await newVault();
  try {
    await service['import.run']({ paths: [SAMPLE_ACCOUNT_ROOT], timeZone: TIME_ZONE });
    sampleAlone = await countsOf(service);
    ownerInGroup = (await messagesOf(service, GROUP)).filter((m) => m.isSelf);
  } finally {
    await service.dispose();
  }
});

/**
 * MemoTrace TXT names people by display name only. Imported after the sample, it takes the owner's name the vault
 * knows ("小林 Lin") and tells the owner's group messages as sent. Imported first, it cannot: those messages read as
 * received, marked as guessed, and the sample then matches them whatever their direction and settles it. Either way
 * every message of the owner is the owner's, and no stand-in sender is left.
 */
async function expectOwnerMessagesAreTheOwners(service: LocketService): Promise<void> {
  const group = await messagesOf(service, GROUP);
  expect(group.filter((m) => m.sender === `name:${OWNER_NAME_IN_TXT}`)).toEqual([]);
  expect(sayings(group.filter((m) => m.isSelf))).toEqual(sayings(ownerInGroup));
  expect(group.some((m) => 'directionGuessed' in m.payload)).toBe(false);
  // MemoTrace's stray `]]>` after recalls never reaches the archive, whichever source stored the recall.
  for (const chat of ['wxid_demo_chen', 'wxid_demo_lena', GROUP])
    expect((await messagesOf(service, chat)).filter((m) => m.text.includes(']]>'))).toEqual([]);
}

describe('the bundled sample and exports of it by other tools', () => {
  it("is the sample the promise is about: three chats, every message, 45 of them the owner's in the group", () => {
    expect(Object.keys(sampleAlone.byConversation).sort()).toEqual([GROUP, 'wxid_demo_chen', 'wxid_demo_lena']);
    expect(sampleAlone.total).toBe(406);
    expect(ownerInGroup).toHaveLength(45);
  });

  describe.each(KINDS)('%s', (kind) => {
    it('adds no message when it comes after the sample', async () => {
      const { secondReport, counts, service } = await importBoth(SAMPLE_ACCOUNT_ROOT, exports[kind]);
      expect(secondReport.imported).toBe(0);
      expect(counts).toEqual(sampleAlone);
      await expectOwnerMessagesAreTheOwners(service);
    });

    it('holds every message, and the sample adds none after it', async () => {
      const { firstReport, secondReport, counts, service } = await importBoth(exports[kind], SAMPLE_ACCOUNT_ROOT);
      expect(firstReport.imported).toBe(sampleAlone.total);
      expect(secondReport.imported).toBe(0);
      expect(counts).toEqual(sampleAlone);
      await expectOwnerMessagesAreTheOwners(service);
    });
  });
});
