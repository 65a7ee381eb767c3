import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import type { ConversationSummary, MessageView } from '../../../electron/ipc/contract';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { auditProblemText } from '../../../electron/common/audit-problems';
import { verifyAudit } from '../../../electron/core/audit/audit-log';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { ALICE, CAROL, DUPLICATE_TEXT, GROUP, generatePc3Backup } from '../../fixtures/generate-pc3-backup';
import { tempDir } from '../../helpers/temp-dir';

const PASSPHRASE = 'retention test passphrase';

async function importedVault(): Promise<{
  service: LocketService;
  vault: string;
  conversations: Map<string, ConversationSummary>;
}> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  const vault = join(tempDir(), 'Retention.locket');
  await service['vault.create']({ path: vault, passphrase: PASSPHRASE });
  const { accountRoot } = await generatePc3Backup(tempDir());
  await service['import.run']({ paths: [accountRoot] });
  const conversations = new Map((await service['conversations.list']()).map((c) => [c.username, c]));
  return { service, vault, conversations };
}

async function messagesOf(service: LocketService, conversationId: number): Promise<MessageView[]> {
  return (await service['messages.list']({ conversationId, limit: 1000 })).messages;
}

/** Every byte of the vault, decrypted with the passphrase (catalog, every shard, every media file), plus the raw files. */
async function everyByteOfTheVault(vault: string): Promise<Buffer[]> {
  const session = await VaultSession.open(vault, { passphrase: PASSPHRASE });
  try {
    const parts = [Buffer.from((session.catalog as Database).export())];
    for (const entry of session.listShards())
      parts.push(Buffer.from(((await session.shard(entry)) as Database).export()));
    for (const id of (session.catalog as Database)
      .exec('SELECT file_id FROM media')[0]
      ?.values.map((v) => String(v[0])) ?? [])
      parts.push(Buffer.from(await session.readMediaFile(id)));
    for (const file of readdirSync(vault, { recursive: true, withFileTypes: true }))
      if (file.isFile()) parts.push(readFileSync(join(file.parentPath, file.name)));
    return parts;
  } finally {
    await session.lock();
  }
}

describe('retention, holds and wipe', () => {
  it('wipes what expired, keeps what a hold covers, leaves no trace of the wiped text, and signs a certificate', async () => {
    const { service, vault, conversations } = await importedVault();
    const alice = conversations.get(ALICE)!;
    const group = conversations.get(GROUP)!;
    const transient = (await service['retention.listClasses']()).find((c) => c.name === 'Transient')!;
    await service['retention.assign']({ classId: transient.id, target: { conversationId: alice.id } });
    await service['retention.assign']({ classId: transient.id, target: { conversationId: group.id } });
    const hold = await service['holds.place']({
      name: 'Dispute 2026-17',
      reason: 'Customer dispute',
      placedBy: 'Legal',
      scope: { conversationIds: [group.id], from: null, to: null },
    });

    const aliceMessages = await messagesOf(service, alice.id);
    const groupMessages = await messagesOf(service, group.id);
    const preview = await service['wipe.preview']({ selection: { kind: 'expired' } });
    expect(preview.messages).toBe(aliceMessages.length);
    expect(preview.byConversation).toEqual([
      {
        conversationId: alice.id,
        displayName: alice.displayName,
        messages: aliceMessages.length,
        oldest: Math.min(...aliceMessages.map((m) => m.time)),
        newest: Math.max(...aliceMessages.map((m) => m.time)),
      },
    ]);
    expect(preview.held).toEqual({
      messages: groupMessages.length,
      byHold: [{ holdId: hold.id, name: 'Dispute 2026-17', messages: groupMessages.length }],
    });
    expect(preview.media.files).toBeGreaterThan(0);
    expect(
      JSON.stringify(
        await everyByteOfTheVault(vault).then((b) => b.map((x) => x.toString('utf8').includes(DUPLICATE_TEXT))),
      ),
    ).toContain('true');

    await expect(
      service['wipe.execute']({ selection: { kind: 'expired' }, expectedMessages: preview.messages + 1 }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    const certificate = await service['wipe.execute']({
      selection: { kind: 'expired' },
      expectedMessages: preview.messages,
    });
    expect(certificate.body).toMatchObject({
      type: 'locket-wipe-certificate',
      counts: { messages: aliceMessages.length, heldMessagesKept: groupMessages.length },
    });
    expect(certificate.text).toContain(`Destroyed:\n  ${aliceMessages.length} messages\n`);
    // The chat by its name, with its count and the days its wiped messages were sent.
    expect(certificate.body.chats).toEqual([
      expect.objectContaining({ conversationId: alice.id, messages: aliceMessages.length }),
    ]);
    expect(certificate.text).toMatch(
      new RegExp(`\\n  .+: ${aliceMessages.length} messages, sent \\d{4}-\\d\\d-\\d\\d`),
    );
    // The vault keeps it: listed (linked to its audit entry) and reopened exactly as signed.
    const [listed] = await service['certificates.list']();
    expect(listed).toMatchObject({ auditSequence: certificate.body.auditSequence, messages: aliceMessages.length });
    const reopened = await service['certificates.get']({ id: listed!.id });
    // Which backups still hold the data is the state now, not part of the stored certificate.
    const { backupsHoldingData: _now, ...stored } = certificate;
    expect(reopened).toEqual(stored);
    await expect(service['certificates.get']({ id: listed!.id + 1 })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    expect(JSON.stringify(certificate)).not.toContain(DUPLICATE_TEXT);

    // Gone from the archive, kept where the hold is.
    expect(await messagesOf(service, alice.id)).toEqual([]);
    expect((await messagesOf(service, group.id)).length).toBe(groupMessages.length);
    expect((await service['conversations.list']()).find((c) => c.id === alice.id)).toBeUndefined();

    // The certificate verifies; an altered one does not.
    const file = JSON.stringify({ body: certificate.body, signature: certificate.signature });
    expect(await service['certificates.verify']({ certificate: file })).toMatchObject({ isValid: true });
    expect(
      await service['certificates.verify']({
        certificate: file.replace(`"messages":${aliceMessages.length}`, '"messages":1'),
      }),
    ).toMatchObject({ isValid: false });

    // The audit log records it all, chained and signed.
    const audit = await service['audit.list']();
    expect(audit.map((e) => e.action)).toEqual(['import', 'class-assigned', 'class-assigned', 'hold-placed', 'wipe']);
    expect(await service['audit.verify']()).toEqual({
      isIntact: true,
      entries: 5,
      firstBadSequence: null,
      problemCode: null,
      problemEntry: null,
      problem: null,
    });
    await service.dispose();

    // Not one byte of the wiped text anywhere in the vault, decrypted or not; the superseded files are gone.
    const bytes = await everyByteOfTheVault(vault);
    for (const part of bytes) expect(part.includes(Buffer.from(DUPLICATE_TEXT))).toBe(false);
    const session = await VaultSession.open(vault, { passphrase: PASSPHRASE });
    const referenced =
      session.listShards().length +
      Number((session.catalog as Database).exec('SELECT count(*) FROM media')[0]!.values[0]![0]);
    await session.lock();
    expect(
      readdirSync(vault, { recursive: true, withFileTypes: true }).filter(
        (f) => f.isFile() && f.name.endsWith('.lkt') && f.name !== 'catalog.lkt',
      ).length,
    ).toBe(referenced);
  });

  it('refuses to wipe held messages by any path, and lets them go once the hold is released', async () => {
    const { service, conversations } = await importedVault();
    const group = conversations.get(GROUP)!;
    const carol = conversations.get(CAROL)!;
    const hold = await service['holds.place']({
      name: 'Audit',
      reason: 'Tax audit',
      placedBy: 'CFO',
      scope: { conversationIds: [group.id], from: null, to: null },
    });
    const groupIds = (await messagesOf(service, group.id)).map((m) => m.id);
    await expect(
      service['wipe.execute']({ selection: { kind: 'conversation', conversationId: group.id }, expectedMessages: 0 }),
    ).rejects.toMatchObject({ code: 'on-hold' });
    await expect(
      service['wipe.execute']({ selection: { kind: 'messages', messageIds: groupIds }, expectedMessages: 0 }),
    ).rejects.toMatchObject({ code: 'on-hold' });
    const transient = (await service['retention.listClasses']()).find((c) => c.name === 'Transient')!;
    await service['retention.setDefaultClass']({ classId: transient.id });
    const expired = await service['wipe.preview']({ selection: { kind: 'expired' } });
    expect(expired.held.messages).toBe(groupIds.length);
    await service['wipe.execute']({ selection: { kind: 'expired' }, expectedMessages: expired.messages });
    expect((await messagesOf(service, group.id)).length).toBe(groupIds.length);
    expect(await messagesOf(service, carol.id)).toEqual([]);

    await service['holds.release']({ holdId: hold.id, releasedBy: 'CFO', reason: 'Matter closed' });
    const released = await service['wipe.preview']({ selection: { kind: 'conversation', conversationId: group.id } });
    expect(released).toMatchObject({ messages: groupIds.length, held: { messages: 0 } });
    await service['wipe.execute']({
      selection: { kind: 'conversation', conversationId: group.id },
      expectedMessages: groupIds.length,
    });
    expect(await messagesOf(service, group.id)).toEqual([]);
    await service.dispose();
  });

  it("keeps a group's list line and its sender in step when its last message is wiped", async () => {
    const { service, conversations } = await importedVault();
    const group = conversations.get(GROUP)!;
    const before = await messagesOf(service, group.id);
    const last = before.at(-1)!;
    await service['wipe.execute']({ selection: { kind: 'messages', messageIds: [last.id] }, expectedMessages: 1 });
    const now = before.at(-2)!;
    // In the fixture someone else wrote it, so the line names them.
    expect(now.isSelf).toBe(false);
    const listed = (await service['conversations.list']()).find((c) => c.id === group.id)!;
    expect(listed.lastMessagePreview).toBe(now.text.slice(0, 120));
    expect(listed.lastMessageSender).toBe(now.isSelf ? undefined : now.senderName);
    await service.dispose();
  });

  it('a message-level class overrides its conversation, and the vault default applies to the unassigned', async () => {
    const { service, conversations } = await importedVault();
    const alice = conversations.get(ALICE)!;
    const classes = await service['retention.listClasses']();
    const forever = classes.find((c) => c.name === 'Keep forever')!;
    const transient = classes.find((c) => c.name === 'Transient')!;
    await service['retention.assign']({ classId: transient.id, target: { conversationId: alice.id } });
    // The conversation list reports the chat's class; a 1:1 chat without its own follows its contact's.
    expect((await service['conversations.list']()).find((c) => c.id === alice.id)?.retentionClassId).toBe(transient.id);
    const carol = conversations.get(CAROL)!;
    expect(carol.retentionClassId).toBeNull();
    await service['retention.assign']({ classId: forever.id, target: { contact: CAROL } });
    expect((await service['conversations.list']()).find((c) => c.id === carol.id)?.retentionClassId).toBe(forever.id);
    const [keep] = await messagesOf(service, alice.id);
    await service['retention.assign']({ classId: forever.id, target: { messageIds: [keep!.id] } });
    const preview = await service['wipe.preview']({ selection: { kind: 'expired' } });
    expect(preview.messages).toBe((await messagesOf(service, alice.id)).length - 1);
    const weekly = await service['retention.saveClass']({
      name: 'Weekly',
      keepAmount: 7,
      keepUnit: 'days',
      color: '#aa00ff',
    });
    await expect(
      service['retention.saveClass']({ name: 'Weekly', keepAmount: 1, keepUnit: 'days', color: '#aa00ff' }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(
      service['retention.saveClass']({ name: 'Bad', keepAmount: 2, keepUnit: 'weeks' as never, color: '#aa00ff' }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(weekly).toMatchObject({ keepAmount: 7, keepUnit: 'days', isDefault: false });
    await service.dispose();
  });

  it('reports a tampered audit entry with its position', async () => {
    const { service, vault } = await importedVault();
    const conversations = await service['conversations.list']();
    await service['holds.place']({
      name: 'H',
      reason: 'R',
      placedBy: 'P',
      scope: { conversationIds: [conversations[0]!.id], from: null, to: null },
    });
    await service.dispose();
    const session = await VaultSession.open(vault, { passphrase: PASSPHRASE });
    // Tampering in memory, past the read-only type and outside a write: never committed, seen only by this check.
    (session.catalog as Database).run(`UPDATE audit_log SET details = '{"holdId":99}' WHERE sequence = 2`);
    const verification = await verifyAudit(session.catalog, session.signingPublicKey);
    expect(verification).toMatchObject({
      isIntact: false,
      firstBadSequence: 2,
      problemCode: 'entry-altered',
      problemEntry: 2,
      problem: 'entry 2 was altered after it was written',
    });
    // The app and the CLI say it in the reader's language.
    expect(auditProblemText('zh-CN', verification)).toBe('第 2 条在写入后被改动');
    await session.lock();
  });
});
