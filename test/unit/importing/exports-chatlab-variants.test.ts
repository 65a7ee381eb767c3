import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReplyIndex } from '../../../electron/core/importing/exports/chatlab-survey';
import {
  parseChatLabHeader,
  parseChatLabMessage,
  type ChatLabMessage,
} from '../../../electron/core/importing/exports/chatlab-shape';
import type { ExportReaderOptions } from '../../../electron/core/importing/exports/export-options';
import { ChatLabReader } from '../../../electron/core/importing/exports/read-chatlab';
import type { SourceMessage } from '../../../electron/core/importing/model';
import type { StoredPayload } from '../../../electron/common/message-kinds';
import { readAll, type ReadResult } from '../../fixtures/exports-read-all';
import {
  GROUP,
  JSONL,
  MS,
  NO_OWNER,
  SELF_ONLY,
  SPEC_PRIVATE,
  T,
  WEFLOW,
  generateChatLabVariants,
  type ChatLabVariants,
} from '../../fixtures/generate-chatlab-variants';
import { sharedTempDir } from '../../helpers/temp-dir';

let root: string;
let files: ChatLabVariants;
beforeAll(() => {
  root = sharedTempDir('locket-chatlab-variants-');
  files = generateChatLabVariants(root);
});

const read = (path: string, options?: ExportReaderOptions): Promise<ReadResult & { reader: ChatLabReader }> => {
  const reader = new ChatLabReader(path, options);
  return readAll(reader).then((result) => ({ ...result, reader }));
};
const byContent = (messages: SourceMessage[], content: string): SourceMessage => {
  const found = messages.find((m) => m.content === content);
  if (!found) throw new Error(`no message "${content}"`);
  return found;
};
/** A reply's `quoted`: the payload is typed by kind, and these messages are quotes. */
const quotedOf = (message: SourceMessage): unknown => (message.preclassified!.payload as StoredPayload<'quote'>).quoted;

describe('ChatLab times in milliseconds (WeFlow)', () => {
  it('reads millisecond timestamps, numbers or numeric text, as whole seconds', async () => {
    const { messages } = await read(files.weflowMsJson);
    expect(messages.map((m) => [m.content, m.time])).toEqual([
      ['ms', T],
      ['ms as text', T + 1],
    ]);
    expect(new Date(messages[0]!.time * 1000).getUTCFullYear()).toBe(2025);
  });

  it('reads a millisecond exportedAt as seconds', () => {
    const header = parseChatLabHeader(JSON.parse(readFileSync(files.weflowMsJson, 'utf8')));
    expect(header?.exportedAt).toBe(MS.exportedAtMs / 1000);
    expect(parseChatLabHeader(JSON.parse(readFileSync(files.specGroupJson, 'utf8')))?.exportedAt).toBe(T + 3600);
  });

  it('skips times outside 1990-2100 as time-out-of-range in the conversation, and a time that is no number as invalid-time', async () => {
    const { skipped, reader } = await read(files.weflowMsJson);
    expect(skipped).toEqual([
      { type: 'skipped', reason: 'time-out-of-range', conversation: MS.friend },
      { type: 'skipped', reason: 'time-out-of-range', conversation: MS.friend },
      { type: 'skipped', reason: 'invalid-time', conversation: MS.friend },
    ]);
    expect(reader.skipped).toEqual({ 'time-out-of-range': 2, 'invalid-time': 1 });
  });
});

describe('ChatLab JSONL message lines without accountName (a QQNT exporter)', () => {
  let result: ReadResult & { reader: ChatLabReader };
  beforeAll(async () => {
    result = await read(files.qqntJsonl);
  });

  it('reads them: the sender is the platformId, the name comes from the member line, else from a later message, else none', () => {
    expect(result.messages.map((m) => [m.content, m.sender])).toEqual([
      ['今晚八点开讲', JSONL.host],
      ['收到', JSONL.ghost],
      ['几点来着？', JSONL.late],
      ['看上面', JSONL.host],
      ['我迟到了', JSONL.late],
    ]);
    expect(result.contacts.map((c) => [c.username, c.nickname])).toEqual([
      [JSONL.host, JSONL.hostName],
      [JSONL.ghost, null],
      [JSONL.late, JSONL.lateName],
    ]);
    expect(result.messages.every((m) => m.warnings.length === 0 && !m.isSent)).toBe(true);
  });

  it('skips only the lines with no sender, no integer type or no timestamp', () => {
    expect(result.reader.skipped).toEqual({ 'malformed-line': 3 });
    expect(result.skipped).toHaveLength(3);
  });
});

describe('WeFlow private chats', () => {
  let friend: ReadResult & { reader: ChatLabReader };
  beforeAll(async () => {
    friend = await read(files.weflowFriendJson);
  });

  it('takes the owner from ownerId without the account-folder suffix, and files the chat under the friend', async () => {
    expect(await new ChatLabReader(files.weflowFriendJson).describe()).toMatchObject({
      owner: WEFLOW.owner,
      ownerName: null,
      estimatedMessages: 8,
    });
    expect(friend.conversations).toEqual([
      { type: 'conversation', username: WEFLOW.friend, displayName: WEFLOW.friendName, isGroup: false },
    ]);
    expect(friend.messages.every((m) => m.conversation === WEFLOW.friend)).toBe(true);
  });

  it('drops a suffix that leaves a wxid even when the owner sent nothing in the file', async () => {
    const chat = JSON.parse(readFileSync(files.weflowFriendJson, 'utf8')) as { messages: { accountName?: string }[] };
    chat.messages = chat.messages.filter((m) => m.accountName !== '我');
    const path = join(root, 'weflow-friend-only.json');
    writeFileSync(path, JSON.stringify(chat));
    const result = await read(path);
    expect((await new ChatLabReader(path).describe()).owner).toBe(WEFLOW.owner);
    expect(result.conversations[0]!.username).toBe(WEFLOW.friend);
  });

  it.each([
    ['keeps an ownerId that is a participant, suffix or not', 'lin_beef', 'lin_beef', 'lin_beef'],
    ['drops a 4-hex suffix when that leaves a participant', 'lin_owner', 'lin_owner_a1b2', 'lin_owner'],
    [
      'keeps a suffixed ownerId that is no wxid and leaves no participant',
      NO_OWNER.a,
      'lin_other_a1b2',
      'lin_other_a1b2',
    ],
  ])('%s', async (_, member, ownerId, owner) => {
    const chat = JSON.parse(readFileSync(files.noOwnerJson, 'utf8')) as {
      meta: Record<string, unknown>;
      members: { platformId: string }[];
      messages: { sender: string }[];
    };
    chat.members[0]!.platformId = member;
    chat.messages[0]!.sender = member;
    chat.meta.ownerId = ownerId;
    const path = join(root, `owner-${ownerId}.json`);
    writeFileSync(path, JSON.stringify(chat));
    const result = await read(path);
    expect((await new ChatLabReader(path).describe()).owner).toBe(owner);
    expect(result.messages.map((m) => [m.sender, m.isSent])).toEqual([
      [member, member === owner],
      [NO_OWNER.b, false],
    ]);
    if (member === owner) expect(result.conversations[0]!.username).toBe(NO_OWNER.b);
  });

  it('takes a message named "我" for the owner\'s even when its sender is a stand-in such as "self"', async () => {
    const chat = JSON.parse(readFileSync(files.weflowFriendJson, 'utf8')) as {
      messages: { accountName?: string; sender: string }[];
    };
    for (const m of chat.messages) if (m.accountName === '我') m.sender = 'self';
    const path = join(root, 'weflow-self-sender.json');
    writeFileSync(path, JSON.stringify(chat));
    const result = await read(path);
    expect(result.conversations[0]!.username).toBe(WEFLOW.friend);
    expect(result.messages.filter((m) => m.isSent).map((m) => m.sender)).toEqual([
      WEFLOW.owner,
      WEFLOW.owner,
      WEFLOW.owner,
    ]);
    expect(result.contacts.map((c) => c.username)).toEqual([WEFLOW.friend]);
  });

  it('reads messages named "我" as the owner\'s: sent, with the owner as sender', () => {
    expect(friend.messages.map((m) => [m.sender, m.isSent])).toEqual([
      [WEFLOW.friend, false],
      [WEFLOW.owner, true],
      [WEFLOW.friend, false],
      [WEFLOW.friend, false],
      [WEFLOW.owner, true],
      [WEFLOW.friend, false],
      [WEFLOW.friend, false],
      [WEFLOW.owner, true],
    ]);
    // "我" is the owner's mark, not a name: no contact is named so.
    expect(friend.contacts.map((c) => [c.username, c.nickname])).toEqual([
      [WEFLOW.friend, WEFLOW.friendName],
      [WEFLOW.owner, null],
    ]);
  });

  it('leaves WeFlow labels out of file names, titles and details', () => {
    const kinds = friend.messages.map((m) => [m.preclassified!.kind, m.preclassified!.text, m.preclassified!.payload]);
    expect(kinds).toEqual([
      ['text', '报告发我一下', {}],
      ['file', WEFLOW.fileName, { fileName: WEFLOW.fileName }],
      ['quote', '收到，谢谢', expect.any(Object)],
      ['link', WEFLOW.linkTitle, { title: WEFLOW.linkTitle }],
      ['location', `[Location] ${WEFLOW.place}`, { label: WEFLOW.place }],
      ['transfer', `[Transfer] ${WEFLOW.fee}`, { feeDesc: WEFLOW.fee, amount: '88.00' }],
      ['image', '[Image]', {}],
      ['miniprogram', WEFLOW.miniProgram, { title: '共享单车' }],
    ]);
  });

  it('gives ids rounded through JavaScript numbers no server id, warns imprecise-id, and keeps them in raw', () => {
    const [rounded, file, reply, link] = friend.messages;
    for (const [message, value] of [
      [rounded!, WEFLOW.roundedIds[0]],
      [file!, WEFLOW.roundedIds[1]],
    ] as const) {
      expect(message).toMatchObject({ sourceId: null, localId: value, warnings: ['imprecise-id'] });
      expect(message.raw.platformMessageId).toBe(value);
    }
    // The reply's own id is exact; the id it quotes is not, so the reply is warned about too.
    expect(reply).toMatchObject({ sourceId: WEFLOW.exactBigId, localId: null, warnings: ['imprecise-id'] });
    expect(link).toMatchObject({ sourceId: WEFLOW.safeId, warnings: [] });
  });

  it("quotes the owner's file by its rounded id: the file name and the owner, but no server id", () => {
    expect(friend.messages[2]!.preclassified!.payload).toEqual({
      text: '收到，谢谢',
      // The quoted message's own timestamp: the file holds it.
      quoted: { sourceId: null, sender: WEFLOW.owner, kind: 'file', text: WEFLOW.fileName, time: T + 10 },
    });
  });

  it('files a chat whose only participant is the owner under name:<meta.name>: the file names no friend', async () => {
    const result = await read(files.weflowSelfOnlyJson);
    expect((await new ChatLabReader(files.weflowSelfOnlyJson).describe()).owner).toBe(SELF_ONLY.owner);
    expect(result.conversations).toEqual([
      { type: 'conversation', username: `name:${SELF_ONLY.name}`, displayName: SELF_ONLY.name, isGroup: false },
    ]);
    expect(result.messages.map((m) => [m.sender, m.isSent, m.sourceId, m.localId, m.warnings])).toEqual(
      SELF_ONLY.roundedIds.map((id) => [SELF_ONLY.owner, true, null, id, ['imprecise-id']]),
    );
    // WeFlow listed the owner under the chat's name, which is the friend's: the owner is not named after the friend.
    expect(result.contacts.find((c) => c.username === SELF_ONLY.owner)?.nickname ?? null).toBeNull();
    expect((await new ChatLabReader(files.weflowSelfOnlyJson).describe()).ownerName).toBeNull();
  });

  it('files a chat with a member named "我" and no ownerId under the other member', async () => {
    const result = await read(files.specPrivateJson, { knownOwner: 'wxid_somebody_else' });
    expect(result.conversations[0]!.username).toBe(SPEC_PRIVATE.friend);
    expect(result.messages.map((m) => [m.sender, m.isSent])).toEqual([
      [SPEC_PRIVATE.me, true],
      [SPEC_PRIVATE.friend, false],
    ]);
    expect(result.contacts.map((c) => [c.username, c.nickname])).toEqual([
      [SPEC_PRIVATE.me, null],
      [SPEC_PRIVATE.friend, SPEC_PRIVATE.friendName],
    ]);
  });
});

describe('ChatLab replies by id', () => {
  it('quote the message they point at in a JSON file, earlier or later in it, by string ids', async () => {
    const { messages } = await read(files.specGroupJson);
    expect(messages.map((m) => [m.localId, m.sourceId])).toEqual(
      ['m_001', 'm_002', 'm_003', 'm_004', 'm_005', 'm_006', 'm_007'].map((id) => [id, null]),
    );
    expect(byContent(messages, '去！几点？').preclassified!.payload).toEqual({
      text: '去！几点？',
      quoted: {
        sourceId: null,
        sender: GROUP.member,
        senderName: GROUP.memberName,
        kind: 'text',
        text: GROUP.firstText,
        time: T,
      },
    });
    expect(byContent(messages, '这张不错').preclassified!.payload).toEqual({
      text: '这张不错',
      quoted: {
        sourceId: null,
        sender: GROUP.owner,
        senderName: GROUP.ownerGroupNickname,
        kind: 'image',
        text: '[Image]',
        time: T + 15,
      },
    });
    expect(byContent(messages, '哪条？').preclassified!.payload).toEqual({
      text: '哪条？',
      quoted: { sourceId: null, text: '[Message]' },
    });
  });

  it('keep a quoted text to 200 characters', async () => {
    const { messages } = await read(files.specGroupJson);
    const quoted = quotedOf(byContent(messages, '太长不看')) as { text: string };
    expect(Array.from(quoted.text)).toHaveLength(200);
    expect(quoted.text).toBe(`${Array.from(GROUP.longText).slice(0, 199).join('')}…`);
  });

  it('quote the message they point at in a JSONL file, before or after the reply', async () => {
    const { messages } = await read(files.qqntJsonl);
    expect(quotedOf(byContent(messages, '几点来着？'))).toEqual({
      sourceId: null,
      sender: JSONL.host,
      senderName: JSONL.hostName,
      kind: 'text',
      text: '今晚八点开讲',
      time: T,
    });
    expect(quotedOf(byContent(messages, '看上面'))).toEqual({
      sourceId: null,
      sender: JSONL.late,
      senderName: JSONL.lateName,
      kind: 'text',
      text: '我迟到了',
      time: T + 25,
    });
  });

  it('remember only messages some reply points at', () => {
    const line = (fields: Record<string, unknown>): ChatLabMessage =>
      parseChatLabMessage({ sender: 'u1', accountName: 'U', timestamp: T, type: 0, ...fields })!;
    const index = new ReplyIndex();
    const messages = [
      line({ platformMessageId: 'a', content: 'first' }),
      line({ platformMessageId: 'b', content: 'second' }),
      line({ platformMessageId: 'c', content: 'third', replyToMessageId: 'a' }),
    ];
    for (const message of messages) index.survey(message);
    for (const message of messages) index.remember(message);
    expect(index.quoted('a', null, new Map())).toEqual({
      sender: 'u1',
      senderName: 'U',
      kind: 'text',
      text: 'first',
      time: T,
    });
    expect(index.quoted('b', null, new Map())).toBeUndefined();
    expect(index.quoted('c', null, new Map())).toBeUndefined();
  });
});

describe("the vault's known owner", () => {
  it('is used when neither the options nor the file name an owner', async () => {
    expect((await read(files.noOwnerJson)).conversations[0]!.username).toBe(`name:${NO_OWNER.name}`);
    const result = await read(files.noOwnerJson, { knownOwner: NO_OWNER.a });
    expect(result.conversations[0]!.username).toBe(NO_OWNER.b);
    expect(result.messages.map((m) => [m.sender, m.isSent])).toEqual([
      [NO_OWNER.a, true],
      [NO_OWNER.b, false],
    ]);
    expect((await new ChatLabReader(files.noOwnerJson, { knownOwner: NO_OWNER.a }).describe()).owner).toBe(NO_OWNER.a);
  });

  it('gives way to the owner the options or the file name', async () => {
    expect(
      (await read(files.noOwnerJson, { owner: NO_OWNER.b, knownOwner: NO_OWNER.a })).conversations[0]!.username,
    ).toBe(NO_OWNER.a);
    const result = await read(files.weflowFriendJson, { knownOwner: WEFLOW.friend });
    expect(result.conversations[0]!.username).toBe(WEFLOW.friend);
    expect(result.messages[0]!.isSent).toBe(false);
  });
});
