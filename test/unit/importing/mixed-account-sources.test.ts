import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport, MessageView } from '../../../electron/ipc/contract';
import { messageFingerprint } from '../../../electron/core/importing/message-fingerprint';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import {
  generateSameAccountSources,
  SAME_ACCOUNT_SOURCES,
  SHARED_MESSAGES,
} from '../../fixtures/generate-same-account-sources';
import { MEMBER_A, MEMBER_B, OWNER, PEER, PEER_REMARK, ROOM, ROOM_NAME } from '../../fixtures/ios-fixture-facts';
import { tempDir } from '../../helpers/temp-dir';

const union = (...lists: readonly (readonly number[])[]) => new Set(lists.flat());
const conversationOf = (n: number) => SHARED_MESSAGES.find((m) => m.n === n)!.conversation;

/** What one import must add and find already there, in total and per conversation. */
function expected(holds: readonly number[], before: ReadonlySet<number>, withinSource = 0) {
  const added = holds.filter((n) => !before.has(n));
  const perConversation = (c: string) => ({
    imported: added.filter((n) => conversationOf(n) === c).length,
    duplicates: holds.filter((n) => before.has(n) && conversationOf(n) === c).length,
  });
  return { imported: added.length, duplicates: holds.length - added.length + withinSource, perConversation };
}

function perConversation(report: ImportReport) {
  return Object.fromEntries(
    report.conversations.map((c) => [c.conversation, { imported: c.imported, duplicates: c.duplicates }]),
  );
}

describe('importing an iPhone backup, a PC 3.x backup and a PyWxDump export of the same account (issue #9)', () => {
  it('gives one merged history per conversation, in time order, with no duplicates, and says per source what it added', async () => {
    const sources = await generateSameAccountSources(tempDir());
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    await service['vault.create']({
      path: join(tempDir(), 'Same account.locket'),
      passphrase: 'same account passphrase',
    });

    const iphone = await service['import.run']({ paths: [sources.iphoneBackup] });
    const pc3 = await service['import.run']({ paths: [sources.pc3AccountRoot] });
    const pywxdump = await service['import.run']({ paths: [sources.pywxdumpFile] });
    expect([iphone.sources[0]!.format, pc3.sources[0]!.format, pywxdump.sources[0]!.format]).toEqual([
      'ios-backup',
      'pc3',
      'pywxdump-json',
    ]);

    // What each source added: 9 from the iPhone; 10..12 from the PC (4..9 were there, 8 is in both MSG files);
    // 13 and 14 from the export (2, 6, 9, 11, 12 were there).
    const pc3Holds = [...new Set([...SAME_ACCOUNT_SOURCES.pc3Msg0, ...SAME_ACCOUNT_SOURCES.pc3Msg1])];
    const want = [
      [iphone, expected(SAME_ACCOUNT_SOURCES.iphone, new Set())],
      [pc3, expected(pc3Holds, union(SAME_ACCOUNT_SOURCES.iphone), 1)],
      [pywxdump, expected(SAME_ACCOUNT_SOURCES.pywxdump, union(SAME_ACCOUNT_SOURCES.iphone, pc3Holds))],
    ] as const;
    expect(want.map(([, w]) => [w.imported, w.duplicates])).toEqual([
      [9, 0],
      [3, 7],
      [2, 5],
    ]);
    for (const [report, w] of want) {
      expect({ imported: report.imported, duplicates: report.duplicates, skipped: report.skipped }).toEqual({
        imported: w.imported,
        duplicates: w.duplicates,
        skipped: {},
      });
      const counted = perConversation(report);
      for (const c of [PEER, ROOM]) {
        const { imported, duplicates } = w.perConversation(c);
        if (imported + duplicates > 0)
          expect(counted[c], `${report.sources[0]!.format} ${c}`).toMatchObject({ imported });
      }
    }
    // The PC's second copy of message 8 is a duplicate too, in the group.
    expect(perConversation(pc3)[ROOM]).toEqual({ imported: 1, duplicates: 4 });
    expect(perConversation(pc3)[PEER]).toEqual({ imported: 2, duplicates: 3 });
    expect(perConversation(pywxdump)).toEqual({
      [PEER]: { imported: 1, duplicates: 3 },
      [ROOM]: { imported: 1, duplicates: 2 },
    });

    const conversations = await service['conversations.list']();
    const byUser = Object.fromEntries(conversations.map((c) => [c.username, c]));
    expect(byUser[PEER]).toMatchObject({ displayName: PEER_REMARK, isGroup: false, messageCount: 8 });
    expect(byUser[ROOM]).toMatchObject({ displayName: ROOM_NAME, isGroup: true, messageCount: 6 });

    for (const username of [PEER, ROOM]) {
      const messages: MessageView[] = (
        await service['messages.list']({ conversationId: byUser[username]!.id, limit: 1000 })
      ).messages;
      const want = SHARED_MESSAGES.filter((m) => m.conversation === username);
      // The union of the three sources, sorted by time, each message once.
      expect(messages.map((m) => m.time)).toEqual(want.map((m) => m.time));
      expect(messages.map((m) => m.serverId)).toEqual(want.map((m) => (m.svrId === 0n ? null : m.svrId.toString())));
      expect(messages.map((m) => m.kind)).toEqual(want.map((m) => m.kind));
      expect(messages.map((m) => m.sender)).toEqual(want.map((m) => m.sender));
      // Text bodies as WeChat wrote them (Chinese and emoji intact); server ids exact above 2^53.
      for (const [i, m] of want.entries()) if (m.kind !== 'image') expect(messages[i]!.text).toBe(m.body);
      expect(want.every((m) => m.svrId === 0n || m.svrId > 2n ** 53n)).toBe(true);
      // No duplicates, by server id and by the documented fingerprint.
      const ids = messages.flatMap((m) => (m.serverId ? [m.serverId] : []));
      expect(new Set(ids).size).toBe(ids.length);
      const fingerprints = messages.map((m) =>
        messageFingerprint({ conversation: username, sender: m.sender, time: m.time, kind: m.kind, text: m.text }),
      );
      expect(new Set(fingerprints).size).toBe(messages.length);
    }

    // Contact names resolved: the peer by remark, the group's members by their group nicknames or names.
    const room = (await service['messages.list']({ conversationId: byUser[ROOM]!.id, limit: 1000 })).messages;
    const nameOf = (sender: string) => room.find((m) => m.sender === sender)?.senderName;
    expect(nameOf(MEMBER_A)).toBeTruthy();
    expect(nameOf(MEMBER_B)).toBeTruthy();
    expect(nameOf(MEMBER_A)).not.toBe(MEMBER_A);
    expect(nameOf(MEMBER_B)).not.toBe(MEMBER_B);
    expect(room.find((m) => m.sender === OWNER)?.isSelf).toBe(true);
    const peer = (await service['messages.list']({ conversationId: byUser[PEER]!.id, limit: 1000 })).messages;
    expect(peer.find((m) => m.sender === PEER)?.senderName).toBe(PEER_REMARK);
    await service.dispose();
  });
});
