import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChatLabReader } from '../../../electron/core/importing/exports/read-chatlab';
import { ChatlogJsonReader } from '../../../electron/core/importing/exports/read-chatlog-json';
import { messageFingerprint } from '../../../electron/core/importing/message-fingerprint';
import type { SourceMessage } from '../../../electron/core/importing/model';
import {
  MEMBER_A,
  MEMBER_A_NAME,
  MEMBER_B,
  MEMBER_B_AVATAR,
  MEMBER_B_NAME,
  OWNER,
  OWNER_NAME,
  PEER,
  PEER_NICKNAME,
  PEER_REMARK,
  ROOM,
  ROOM_NAME,
  T0,
  id,
} from '../../fixtures/exports-fixture-facts';
import {
  CHATLAB_GROUP,
  CHATLAB_PRIVATE,
  CHATLOG_ITEMS,
  type ChatLabChatSpec,
} from '../../fixtures/exports-fixture-messages';
import { expectDirectoryFirst, readAll, type ReadResult } from '../../fixtures/exports-read-all';
import { generateExports, type GeneratedExports } from '../../fixtures/generate-exports';
import { sharedTempDir } from '../../helpers/temp-dir';

let root: string;
let files: GeneratedExports;
beforeAll(() => {
  root = sharedTempDir('locket-chatlab-');
  files = generateExports(root);
});

describe('reading a chatlog JSON export', () => {
  let reader: ChatlogJsonReader;
  let result: ReadResult;
  const readable = CHATLOG_ITEMS.filter((spec) => spec.expect);
  beforeAll(async () => {
    reader = new ChatlogJsonReader(files.chatlogJson);
    result = await readAll(reader);
  });

  it('describes the owner (the sender of its own messages) and the message count', async () => {
    expect(await new ChatlogJsonReader(files.chatlogJson).describe()).toEqual({
      format: 'chatlog-json',
      owner: OWNER,
      ownerName: OWNER_NAME,
      files: [files.chatlogJson],
      estimatedMessages: CHATLOG_ITEMS.length,
    });
  });

  it('yields contacts, the group with its members under their group names, and both conversations before any message', () => {
    expectDirectoryFirst(result.records);
    expect(result.contacts.map((c) => [c.username, c.nickname])).toEqual([
      [PEER, PEER_REMARK],
      [OWNER, OWNER_NAME],
    ]);
    expect(result.groups).toEqual([
      {
        type: 'group',
        username: ROOM,
        name: ROOM_NAME,
        owner: null,
        members: [
          { username: MEMBER_A, groupNickname: '花花 (领队)' },
          { username: MEMBER_B, groupNickname: MEMBER_B_NAME },
        ],
      },
    ]);
    expect(result.conversations).toEqual([
      { type: 'conversation', username: PEER, displayName: PEER_REMARK, isGroup: false },
      { type: 'conversation', username: ROOM, displayName: ROOM_NAME, isGroup: true },
    ]);
  });

  it('reads every message: RFC 3339 times to UTC, seq as the local id, no server id, kinds from type and subType', () => {
    expect(result.messages).toHaveLength(readable.length);
    readable.forEach((spec, i) => {
      const message = result.messages[i]!;
      const item = spec.item;
      expect(message).toMatchObject({
        sourceId: null,
        localId: String(item.seq),
        conversation: item.talker,
        sender: spec.expect!.sender,
        isSent: spec.expect!.isSent,
        rawType: item.type,
        rawSubType: item.subType,
        content: item.content,
      });
      expect(message.time).toBe(Number(item.seq) / 1000);
      expect(message.preclassified).toMatchObject({ kind: spec.expect!.kind, text: spec.expect!.text });
      if (spec.expect!.payload) expect(message.preclassified!.payload).toEqual(spec.expect!.payload);
    });
    expect(result.messages[0]!.time).toBe(T0);
  });

  it('skips the element that is not a chatlog message and counts it', () => {
    expect(reader.skipped).toEqual({ 'malformed-record': 1 });
    expect(result.skipped).toEqual([{ type: 'skipped', reason: 'malformed-record', conversation: null }]);
    expect(result.messages.flatMap((m) => m.warnings)).toEqual([]);
  });
});

function expectChat(result: ReadResult, chat: ChatLabChatSpec): void {
  expect(result.messages).toHaveLength(chat.messages.length);
  chat.messages.forEach((spec, i) => {
    const message = result.messages[i]!;
    expect(message).toMatchObject({
      conversation: chat.conversation,
      sender: spec.record.sender,
      isSent: spec.expect.isSent,
      time: spec.record.timestamp,
      sourceId: spec.expect.sourceId,
      media: [],
    });
    expect(message.content).toBe(spec.record.content ?? '');
    expect(message.preclassified).toMatchObject({ kind: spec.expect.kind, text: spec.expect.text });
    if (spec.expect.payload) expect(message.preclassified!.payload).toEqual(expectedPayload(chat, spec));
  });
}

/**
 * The fixtures' replies quote a message of the same file, which the reader shows (its sender, name, kind and
 * text) rather than the '[Message]' placeholder the shared fixture table lists for a quote it cannot see.
 */
function expectedPayload(chat: ChatLabChatSpec, spec: ChatLabChatSpec['messages'][number]): Record<string, unknown> {
  const payload = spec.expect.payload!;
  const quoted = chat.messages.find(
    (m) => spec.record.replyToMessageId !== undefined && m.record.platformMessageId === spec.record.replyToMessageId,
  );
  if (spec.expect.kind !== 'quote' || !quoted) return payload;
  const senderName = quoted.record.groupNickname ?? quoted.record.accountName;
  return {
    ...payload,
    quoted: {
      ...(payload.quoted as Record<string, unknown>),
      sender: quoted.record.sender,
      senderName,
      kind: quoted.expect.kind,
      text: quoted.expect.text,
      time: quoted.record.timestamp,
    },
  };
}

describe('reading ChatLab exchange files (v0.0.2)', () => {
  it('reads the group chat from JSON: members as contacts and group members, the owner role, a reply, a recall and a null image', async () => {
    const reader = new ChatLabReader(files.chatLabGroupJson);
    expect(await reader.describe()).toEqual({
      format: 'chatlab',
      owner: OWNER,
      ownerName: OWNER_NAME,
      files: [files.chatLabGroupJson],
      estimatedMessages: CHATLAB_GROUP.messages.length,
      // The file's own word on its format, kept as provenance.
      origin: { formatVersion: '0.0.2', tool: 'Locket fixture' },
    });
    const result = await readAll(reader);
    expectDirectoryFirst(result.records);
    expect(result.contacts).toEqual([
      { type: 'contact', username: OWNER, alias: null, nickname: OWNER_NAME, remark: null, avatarUrl: null },
      // A data-URL avatar is an image, not an address: it is not kept as one.
      { type: 'contact', username: MEMBER_A, alias: null, nickname: MEMBER_A_NAME, remark: null, avatarUrl: null },
      {
        type: 'contact',
        username: MEMBER_B,
        alias: null,
        nickname: MEMBER_B_NAME,
        remark: '王哥',
        avatarUrl: MEMBER_B_AVATAR,
      },
    ]);
    expect(result.groups).toEqual([
      {
        type: 'group',
        username: ROOM,
        name: ROOM_NAME,
        owner: MEMBER_A,
        members: [
          { username: OWNER, groupNickname: null },
          { username: MEMBER_A, groupNickname: '花花 (领队)' },
          { username: MEMBER_B, groupNickname: null },
        ],
      },
    ]);
    expect(result.conversations).toEqual([
      { type: 'conversation', username: ROOM, displayName: ROOM_NAME, isGroup: true },
    ]);
    expectChat(result, CHATLAB_GROUP);
    expect(result.messages.map((m) => [m.rawType, m.rawSubType])).toEqual([
      [1, null],
      [3, null],
      [49, 57],
      [10000, null],
      [49, 5],
      [10000, 4],
    ]);
    expect(reader.skipped).toEqual({});
  });

  it('reads the private chat from JSON under the one member who is not the owner', async () => {
    const result = await readAll(new ChatLabReader(files.chatLabPrivateJson));
    expect(result.conversations).toEqual([
      { type: 'conversation', username: PEER, displayName: '与小明的对话', isGroup: false },
    ]);
    expect(result.contacts.find((c) => c.username === PEER)).toEqual({
      type: 'contact',
      username: PEER,
      alias: null,
      nickname: PEER_NICKNAME,
      remark: PEER_REMARK,
      avatarUrl: null,
    });
    expectChat(result, CHATLAB_PRIVATE);
  });

  it('reads the same chats from JSONL, passing over # comments and skipping the two bad lines with a warning each', async () => {
    for (const [path, chat] of [
      [files.chatLabGroupJsonl, CHATLAB_GROUP],
      [files.chatLabPrivateJsonl, CHATLAB_PRIVATE],
    ] as const) {
      const reader = new ChatLabReader(path);
      const result = await readAll(reader);
      expectChat(result, chat);
      expect(reader.skipped).toEqual({ 'malformed-line': 2 });
      expect(result.skipped).toEqual([
        { type: 'skipped', reason: 'malformed-line', conversation: result.conversations[0]!.username },
        { type: 'skipped', reason: 'malformed-line', conversation: result.conversations[0]!.username },
      ]);
      const fromJson = await readAll(new ChatLabReader(path.replace(/\.jsonl$/, '.json')));
      expect(result.records.filter((r) => r.type !== 'message' && r.type !== 'skipped')).toEqual(
        fromJson.records.filter((r) => r.type !== 'message' && r.type !== 'skipped'),
      );
      // The same messages, but for the file they came from and the JSONL line's own `_type`.
      const comparable = (m: SourceMessage): SourceMessage => ({
        ...m,
        sourceFile: '',
        raw: Object.fromEntries(Object.entries(m.raw).filter(([key]) => key !== '_type')),
      });
      expect(result.messages.map(comparable)).toEqual(fromJson.messages.map(comparable));
    }
  });

  it('gathers members from the messages when a JSONL file has no member lines, and uses a name: stand-in without ids', async () => {
    const lines = readFileSync(files.chatLabPrivateJsonl, 'utf8').split('\n');
    const path = join(root, 'chatlab', 'no-members.jsonl');
    writeFileSync(
      path,
      lines
        .filter((l) => !l.includes('"_type":"member"'))
        .join('\n')
        .replace(`"ownerId":"${OWNER}"`, '"ownerId":null'),
    );
    const result = await readAll(new ChatLabReader(path));
    expect(result.contacts.map((c) => [c.username, c.nickname])).toEqual([
      [PEER, PEER_NICKNAME],
      [OWNER, OWNER_NAME],
    ]);
    expect(result.conversations).toEqual([
      { type: 'conversation', username: 'name:与小明的对话', displayName: '与小明的对话', isGroup: false },
    ]);
    expect(result.messages.some((m) => m.isSent)).toBe(false);
  });

  it('gives messages without a server id fields the fingerprint can tell apart', async () => {
    const { messages } = await readAll(new ChatLabReader(files.chatLabGroupJson));
    const recall = messages.find((m) => m.preclassified?.kind === 'revoke')!;
    expect(recall.sourceId).toBeNull();
    const fingerprint = messageFingerprint({
      conversation: recall.conversation,
      sender: recall.sender,
      time: recall.time,
      kind: recall.preclassified!.kind,
      text: recall.preclassified!.text,
    });
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(recall.time).toBe(T0 + 180);
    expect(messages.find((m) => m.sourceId === id(53))!.preclassified!.payload).toMatchObject({
      quoted: { sourceId: id(51) },
    });
  });
});
