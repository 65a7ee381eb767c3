import { describe, expect, it } from 'vitest';
import type { Hold, WipePreview } from '../../../../electron/ipc/contract';
import { fakeClient, settle, testStore } from '../../store/fake-client';
import {
  certificateFile,
  classForConversation,
  contactsWithClasses,
  holdsKeeping,
  isConversationHeld,
  selectExpiredReview,
} from './retention-slice';
import { toSeconds } from './retention-time';

const PREVIEW: WipePreview = {
  selection: { kind: 'expired' },
  evaluatedAt: 0,
  messages: 12,
  byClass: [{ classId: 1, name: 'Short', messages: 12 }],
  byConversation: [{ conversationId: 3, displayName: 'Lena', messages: 12, oldest: 100, newest: 200 }],
  media: { files: 1, bytes: 100 },
  held: { messages: 2, byHold: [{ holdId: 1, name: 'Matter', messages: 2 }] },
};

function hold(conversationIds: number[], releasedAt: number | null = null): Hold {
  return {
    id: 1,
    name: 'Matter',
    reason: 'r',
    placedBy: 'Li',
    placedAt: 0,
    releasedAt,
    releasedBy: null,
    releaseReason: null,
    scope: { conversationIds, from: null, to: null },
  };
}

describe('retention slice', () => {
  it('wipes exactly the previewed count and keeps the certificate', async () => {
    const client = fakeClient();
    client.handle('wipe.preview', () => PREVIEW);
    client.handle('wipe.execute', () => ({
      body: { type: 'locket-wipe-certificate' },
      signature: 'sig',
      text: 'LOCKET WIPE CERTIFICATE',
    }));
    client.handle('certificates.verify', () => ({
      isValid: true,
      fingerprint: 'ab',
      problemCode: null,
      problem: null,
    }));
    client.handle('audit.list', () => []);
    client.handle('conversations.list', () => []);
    client.handle('vault.status', () => ({ state: 'unlocked' }) as never);
    const store = testStore(client);
    const preview = await store.getState().retention.previewWipe({ kind: 'expired' });
    await store.getState().retention.executeWipe(preview!);
    await settle();
    expect(client.calls.find((c) => c.name === 'wipe.execute')?.args).toEqual({
      selection: { kind: 'expired' },
      expectedMessages: 12,
    });
    expect(store.getState().retention.certificate?.text).toBe('LOCKET WIPE CERTIFICATE');
    expect(store.getState().retention.certificateCheck?.isValid).toBe(true);
    expect(JSON.parse(certificateFile(store.getState().retention.certificate!))).toMatchObject({ signature: 'sig' });

    // A name given in the confirmation is who the certificate says wiped.
    await store.getState().retention.executeWipe(preview!, '林晓');
    expect(client.calls.filter((c) => c.name === 'wipe.execute').at(-1)?.args).toEqual({
      selection: { kind: 'expired' },
      expectedMessages: 12,
      wipedBy: '林晓',
    });
  });

  it('asks about expired messages on unlock only when the setting is on, and never wipes', async () => {
    for (const [isOn, expected] of [
      [true, 12],
      [false, undefined],
    ] as const) {
      const client = fakeClient();
      client.handle('settings.get', () => ({
        autoLockMinutes: 10,
        reviewExpiredOnUnlock: isOn,
        backupReminderDays: 0,
      }));
      client.handle('wipe.preview', () => PREVIEW);
      const store = testStore(client);
      await store.getState().retention.reviewExpired();
      expect(selectExpiredReview(store.getState())?.messages).toBe(expected);
      expect(client.calls.some((c) => c.name === 'wipe.execute')).toBe(false);
    }
  });

  it('remembers assignments, falls back to the default class, and knows which chats are held', async () => {
    const client = fakeClient();
    client.handle('retention.assign', () => ({ assigned: 5 }));
    client.handle('retention.listClasses', () => [
      { id: 1, name: 'Default', keepAmount: null, keepUnit: null, color: '#000', description: '', isDefault: true },
      { id: 2, name: 'Short', keepAmount: 1, keepUnit: 'days', color: '#f00', description: '', isDefault: false },
    ]);
    client.handle('holds.list', () => [hold([3]), hold([4], 99)]);
    client.handle('audit.list', () => []);
    const store = testStore(client);
    await store.getState().retention.load();
    expect(classForConversation(store.getState(), 3)?.name).toBe('Default');
    await store.getState().retention.assignConversation(3, 2);
    expect(classForConversation(store.getState(), 3)?.name).toBe('Short');
    expect(isConversationHeld(store.getState().retention.holds, 3)).toBe(true);
    expect(isConversationHeld(store.getState().retention.holds, 4)).toBe(false);
    expect(isConversationHeld([hold([])], 9)).toBe(true);
  });

  it('counts class coverage and hold counts after loading, and releases a hold with its reason', async () => {
    const client = fakeClient();
    client.handle('retention.listClasses', () => []);
    client.handle('holds.list', () => [hold([3])]);
    client.handle('audit.list', () => []);
    client.handle('retention.coverage', () => [{ classId: 1, conversations: 2, messages: 40, expiredNow: 7 }]);
    client.handle('holds.counts', () => [{ holdId: 1, messages: 12 }]);
    client.handle('retention.classChanges', () => [{ classId: 1, changedAt: 5000 }]);
    client.handle('holds.release', () => hold([3], 99));
    const store = testStore(client);
    await store.getState().retention.load();
    expect(store.getState().retention.coverage).toEqual([
      { classId: 1, conversations: 2, messages: 40, expiredNow: 7 },
    ]);
    expect(store.getState().retention.holdCounts).toEqual({ 1: 12 });
    expect(store.getState().retention.classChanges).toEqual({ 1: 5000 });
    expect(await store.getState().retention.releaseHold(1, 'Li', 'Settled')).toBe(true);
    expect(client.calls.find((c) => c.name === 'holds.release')?.args).toEqual({
      holdId: 1,
      releasedBy: 'Li',
      reason: 'Settled',
    });
  });

  it('weighs a change without making it, and reports a refusal as the slice error', async () => {
    const client = fakeClient();
    const impact = { conversations: 1, messages: 9, expiredNow: 4, newlyExpired: 4, held: 1 };
    client.handle('retention.previewChange', (args) => {
      if ((args as { change: { kind: string } }).change.kind === 'default') return impact;
      throw Object.assign(new Error('no'), { code: 'invalid-argument' });
    });
    const store = testStore(client);
    expect(await store.getState().retention.previewChange({ kind: 'default', classId: 2 })).toEqual(impact);
    expect(client.calls.some((c) => c.name === 'retention.setDefaultClass')).toBe(false);
    expect(await store.getState().retention.previewChange({ kind: 'class', keepAmount: 1, keepUnit: 'days' })).toBe(
      null,
    );
    expect(store.getState().retention.error).not.toBe(null);
  });

  it('knows which holds keep a message by its chat and time', () => {
    const dated = { ...hold([3]), scope: { conversationIds: [3], from: 100, to: 200 } };
    expect(holdsKeeping([dated], 3, 100)).toHaveLength(1);
    expect(holdsKeeping([dated], 3, 200)).toHaveLength(0);
    expect(holdsKeeping([dated], 4, 150)).toHaveLength(0);
    expect(holdsKeeping([{ ...dated, releasedAt: 1 }], 3, 150)).toHaveLength(0);
  });

  it('reads hold and audit times in milliseconds or seconds', () => {
    expect(toSeconds(1_790_000_000_000)).toBe(1_790_000_000);
    expect(toSeconds(1_790_000_000)).toBe(1_790_000_000);
  });
});

describe('contact classes', () => {
  it('assigns a class to a contact, lists contacts with classes from the vault and this session, and reloads the chat list', async () => {
    const client = fakeClient();
    const chats = [
      {
        id: 1,
        username: 'wxid_lena',
        displayName: 'Lena',
        isGroup: false,
        retentionClassId: 2,
        contactRetentionClassId: 2,
      },
      {
        id: 2,
        username: 'wxid_chen',
        displayName: 'Chen',
        isGroup: false,
        retentionClassId: null,
        contactRetentionClassId: null,
      },
      { id: 3, username: '1@chatroom', displayName: 'Family', isGroup: true, retentionClassId: null },
    ];
    client.handle('conversations.list', () => chats as never);
    client.handle('retention.assign', () => ({ assigned: 1 }));
    client.handle('audit.list', () => []);
    const store = testStore(client);
    await store.getState().archive.loadConversations();
    expect(
      contactsWithClasses(store.getState().archive.conversations, store.getState().retention.contactClass).map(
        (c) => c.displayName,
      ),
    ).toEqual(['Lena']);
    expect(await store.getState().retention.assignContact('wxid_chen', 5)).toBe(true);
    await settle();
    expect(client.calls.find((c) => c.name === 'retention.assign')?.args).toEqual({
      classId: 5,
      target: { contact: 'wxid_chen' },
    });
    expect(client.calls.filter((c) => c.name === 'conversations.list')).toHaveLength(2);
    expect(
      contactsWithClasses(store.getState().archive.conversations, store.getState().retention.contactClass).map((c) => [
        c.displayName,
        c.classId,
      ]),
    ).toEqual([
      ['Chen', 5],
      ['Lena', 2],
    ]);
    await store.getState().retention.assignContact('wxid_lena', null);
    expect(
      contactsWithClasses(store.getState().archive.conversations, store.getState().retention.contactClass).map(
        (c) => c.displayName,
      ),
    ).toEqual(['Chen']);
  });
});
