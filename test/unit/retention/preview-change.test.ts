import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary, MessageView, RetentionChange } from '../../../electron/ipc/contract';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { ALICE, CAROL, GROUP, generatePc3Backup } from '../../fixtures/generate-pc3-backup';
import { tempDir } from '../../helpers/temp-dir';

async function importedVault(): Promise<{ service: LocketService; conversations: Map<string, ConversationSummary> }> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({ path: join(tempDir(), 'Impact.locket'), passphrase: 'impact test passphrase' });
  const { accountRoot } = await generatePc3Backup(tempDir());
  await service['import.run']({ paths: [accountRoot] });
  const conversations = new Map((await service['conversations.list']()).map((c) => [c.username, c]));
  return { service, conversations };
}

async function messagesOf(service: LocketService, conversationId: number): Promise<MessageView[]> {
  return (await service['messages.list']({ conversationId, limit: 1000 })).messages;
}

async function expiredIds(service: LocketService): Promise<number> {
  return (await service['wipe.preview']({ selection: { kind: 'expired' } })).messages;
}

/**
 * The impact a preview promises must be what the change then does: the expired count a wipe preview makes after
 * the change, minus the one before, is exactly `newlyExpired` (no change here makes anything live longer).
 */
async function weighThenMake(
  service: LocketService,
  change: RetentionChange,
  make: () => Promise<unknown>,
): Promise<{ impact: Awaited<ReturnType<LocketService['retention.previewChange']>>; gained: number; held: number }> {
  const before = await expiredIds(service);
  const auditBefore = (await service['audit.list']()).length;
  const impact = await service['retention.previewChange']({ change });
  // Weighing changes nothing.
  expect((await service['audit.list']()).length).toBe(auditBefore);
  expect(await expiredIds(service)).toBe(before);
  await make();
  const after = await service['wipe.preview']({ selection: { kind: 'expired' } });
  return { impact, gained: after.messages - before, held: after.held.messages };
}

describe('retention.previewChange', () => {
  it('counts what making Transient the default expires, exactly as the wipe preview then counts it', async () => {
    const { service, conversations } = await importedVault();
    const transient = (await service['retention.listClasses']()).find((c) => c.name === 'Transient')!;
    const all = [...conversations.values()];
    const { impact, gained } = await weighThenMake(service, { kind: 'default', classId: transient.id }, () =>
      service['retention.setDefaultClass']({ classId: transient.id }),
    );
    expect(gained).toBeGreaterThan(0);
    expect(impact).toEqual({
      conversations: all.length,
      messages: all.reduce((n, c) => n + c.messageCount, 0),
      expiredNow: gained,
      newlyExpired: gained,
      held: 0,
    });
    // Already the default: nothing moves.
    expect(await service['retention.previewChange']({ change: { kind: 'default', classId: transient.id } })).toEqual({
      conversations: 0,
      messages: 0,
      expiredNow: 0,
      newlyExpired: 0,
      held: 0,
    });
    await service.dispose();
  });

  it('counts one chat moved to a short class, leaves out what a hold keeps, and reports the held', async () => {
    const { service, conversations } = await importedVault();
    const transient = (await service['retention.listClasses']()).find((c) => c.name === 'Transient')!;
    const group = conversations.get(GROUP)!;
    const groupMessages = await messagesOf(service, group.id);
    const sorted = groupMessages.map((m) => m.time).sort((a, b) => a - b);
    // The hold keeps the older half of the chat.
    const middle = sorted[Math.floor(sorted.length / 2)]!;
    await service['holds.place']({
      name: 'Half',
      reason: 'Dispute',
      placedBy: 'Legal',
      scope: { conversationIds: [group.id], from: null, to: middle },
    });
    const kept = sorted.filter((t) => t < middle).length;
    const change: RetentionChange = { kind: 'assign', classId: transient.id, target: { conversationId: group.id } };
    const { impact, gained, held } = await weighThenMake(service, change, () =>
      service['retention.assign']({ classId: transient.id, target: { conversationId: group.id } }),
    );
    expect(impact).toEqual({
      conversations: 1,
      messages: group.messageCount,
      expiredNow: gained,
      newlyExpired: gained,
      held: kept,
    });
    expect(held).toBe(kept);
    expect(gained).toBe(groupMessages.length - kept);
    // Back to the default (kept forever in a new vault): nothing expires, nothing newly.
    expect(
      await service['retention.previewChange']({
        change: { kind: 'assign', classId: null, target: { conversationId: group.id } },
      }),
    ).toMatchObject({ conversations: 1, expiredNow: 0, newlyExpired: 0 });
    await service.dispose();
  });

  it('counts chosen messages, a contact, and a class whose keep period is shortened', async () => {
    const { service, conversations } = await importedVault();
    const classes = await service['retention.listClasses']();
    const transient = classes.find((c) => c.name === 'Transient')!;
    const business = classes.find((c) => c.name === 'Business records')!;
    const alice = conversations.get(ALICE)!;
    const carol = conversations.get(CAROL)!;

    const chosen = (await messagesOf(service, alice.id)).slice(0, 3).map((m) => m.id);
    const messages = await weighThenMake(
      service,
      { kind: 'assign', classId: transient.id, target: { messageIds: chosen } },
      () => service['retention.assign']({ classId: transient.id, target: { messageIds: chosen } }),
    );
    expect(messages.impact).toMatchObject({ conversations: 1, messages: 3, expiredNow: 3, newlyExpired: 3 });
    expect(messages.gained).toBe(3);

    const contact = await weighThenMake(
      service,
      { kind: 'assign', classId: transient.id, target: { contact: CAROL } },
      () => service['retention.assign']({ classId: transient.id, target: { contact: CAROL } }),
    );
    expect(contact.impact).toMatchObject({ conversations: 1, messages: carol.messageCount });
    expect(contact.impact.newlyExpired).toBe(contact.gained);

    // Business records shortened to one day, with Alice's chat in it: her messages (less the three already
    // expired by their own class) become expired.
    await service['retention.assign']({ classId: business.id, target: { conversationId: alice.id } });
    const shortened = await weighThenMake(
      service,
      { kind: 'class', id: business.id, keepAmount: 1, keepUnit: 'days' },
      () => service['retention.saveClass']({ ...business, keepAmount: 1, keepUnit: 'days' }),
    );
    expect(shortened.impact.newlyExpired).toBe(shortened.gained);
    expect(shortened.gained).toBe(alice.messageCount - 3);
    // The three with a class of their own do not move with their chat, and are not counted twice.
    expect(shortened.impact).toMatchObject({ conversations: 1, messages: alice.messageCount - 3 });
    const coverage = await service['retention.coverage']();
    expect(coverage.find((c) => c.classId === business.id)).toMatchObject({
      conversations: 1,
      messages: alice.messageCount - 3,
    });
    expect(coverage.find((c) => c.classId === transient.id)).toMatchObject({ conversations: 1 });
    expect(coverage.find((c) => c.classId === transient.id)?.messages).toBe(carol.messageCount + 3);
    expect(coverage.reduce((n, c) => n + c.messages, 0)).toBe(
      [...conversations.values()].reduce((n, c) => n + c.messageCount, 0),
    );
    // A new class covers nothing until it is assigned.
    expect(
      await service['retention.previewChange']({ change: { kind: 'class', keepAmount: 1, keepUnit: 'days' } }),
    ).toMatchObject({ conversations: 0, messages: 0, newlyExpired: 0 });
    await expect(
      service['retention.previewChange']({
        change: { kind: 'class', id: business.id, keepAmount: 0, keepUnit: 'days' },
      }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    await service.dispose();
  });
});

describe('class coverage, class changes, hold counts and release', () => {
  it('reports what each class covers, when its rule changed, what holds keep, and why a hold was released', async () => {
    const { service, conversations } = await importedVault();
    const transient = (await service['retention.listClasses']()).find((c) => c.name === 'Transient')!;
    const alice = conversations.get(ALICE)!;
    const group = conversations.get(GROUP)!;
    const started = Date.now();
    await service['retention.assign']({ classId: transient.id, target: { conversationId: alice.id } });
    const coverage = await service['retention.coverage']();
    expect(coverage.find((c) => c.classId === transient.id)).toEqual({
      classId: transient.id,
      conversations: 1,
      messages: alice.messageCount,
      expiredNow: (await service['wipe.preview']({ selection: { kind: 'expired' } })).messages,
    });
    expect(coverage.reduce((n, c) => n + c.conversations, 0)).toBe(conversations.size);
    const changed = (await service['retention.classChanges']()).find((c) => c.classId === transient.id);
    expect(changed?.changedAt).toBeGreaterThanOrEqual(started);

    const hold = await service['holds.place']({
      name: 'Matter 7',
      reason: 'Dispute',
      placedBy: 'Legal',
      scope: { conversationIds: [group.id, alice.id], from: null, to: null },
    });
    expect(await service['holds.counts']()).toEqual([
      { holdId: hold.id, messages: group.messageCount + alice.messageCount },
    ]);
    await expect(
      service['holds.release']({ holdId: hold.id, releasedBy: 'Li Wei', reason: '  ' }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    const released = await service['holds.release']({ holdId: hold.id, releasedBy: 'Li Wei', reason: 'Settled' });
    expect(released).toMatchObject({ releasedBy: 'Li Wei', releaseReason: 'Settled' });
    expect((await service['holds.list']())[0]).toMatchObject({ releaseReason: 'Settled' });
    expect((await service['audit.list']()).at(-1)).toMatchObject({
      action: 'hold-released',
      details: expect.objectContaining({ releasedBy: 'Li Wei', reason: 'Settled', name: 'Matter 7' }),
    });
    expect(await service['holds.counts']()).toEqual([]);
    await service.dispose();
  });
});
