import { basename } from 'node:path';
import { LocketError } from '../../errors';
import type { ContactRecord, GroupRecord, ImportRecord, SourceDescription, SourceReader } from '../model';
import { chatLabJsonItems, chatLabJsonlItems, chatLabLayout, type ChatLabItem } from './chatlab-records';
import { toChatLabMessage } from './chatlab-message';
import type { ChatLabHeader, ChatLabMember } from './chatlab-shape';
import { throwIfCancelled } from './export-file';
import { standInUsername } from './export-ids';
import type { ExportReaderOptions } from './export-options';
import { tallySkips, type SkipTally } from './skipped-records';

interface Survey {
  layout: 'json' | 'jsonl';
  header: ChatLabHeader;
  /** Members by platformId: the member lines, then anyone who sent a message without one. */
  members: Map<string, ChatLabMember>;
  conversation: string;
  owner: string | null;
  messages: number;
}

/**
 * Reads ChatLab's exchange format v0.0.2 (§8.5), JSON or JSONL (told apart by the first line, not the file name).
 * One conversation per file. Its id, in order: `options.conversation`; for a group `meta.groupId`; for a private chat
 * the one participant who is not `meta.ownerId`; else a stand-in `name:<meta.name>` (export-ids.ts). Senders are
 * platformIds as written (WeChat exporters put usernames there); the owner is `options.owner` or `meta.ownerId`, and
 * a message is sent when its sender is the owner. JSONL is streamed in two passes (members, which may be omitted,
 * are gathered first so contacts precede messages); JSON is read whole.
 */
export class ChatLabReader implements SourceReader {
  readonly format = 'chatlab' as const;
  readonly version = '1';
  readonly skipped: SkipTally = {};
  private survey: Promise<Survey> | null = null;

  constructor(
    private readonly path: string,
    private readonly options: ExportReaderOptions = {},
  ) {}

  async describe(): Promise<SourceDescription> {
    const { owner, members, messages } = await this.prepare();
    const ownerName = owner ? (members.get(owner)?.accountName ?? null) : null;
    return { format: this.format, owner, ownerName: ownerName ?? this.options.ownerName ?? null, files: [this.path], estimatedMessages: messages };
  }

  async *read(signal?: AbortSignal): AsyncGenerator<ImportRecord> {
    const what = basename(this.path);
    throwIfCancelled(signal, what);
    const survey = await this.prepare();
    const { header, members, conversation, owner } = survey;
    const isGroup = header.meta.type === 'group';
    for (const member of members.values()) yield contactOf(member);
    if (isGroup) {
      const group: GroupRecord = {
        type: 'group',
        username: conversation,
        name: header.meta.name || null,
        owner: [...members.values()].find((m) => m.isOwner)?.platformId ?? null,
        members: [...members.values()].map((m) => ({ username: m.platformId, groupNickname: m.groupNickname })),
      };
      yield group;
    }
    yield { type: 'conversation', username: conversation, displayName: header.meta.name || null, isGroup };

    const ctx = { sourceFile: what, conversation, owner };
    const items = this.items(survey.layout);
    const messages = async function* () {
      for await (const item of items) {
        throwIfCancelled(signal, what);
        if (item.type === 'skipped') yield item;
        else if (item.type === 'message') yield toChatLabMessage(item.message, ctx);
      }
    };
    yield* tallySkips(messages(), this.skipped, conversation);
  }

  async close(): Promise<void> {
    this.survey = null;
  }

  private items(layout: 'json' | 'jsonl'): AsyncIterable<ChatLabItem> {
    return layout === 'jsonl' ? chatLabJsonlItems(this.path) : chatLabJsonItems(this.path);
  }

  private prepare(): Promise<Survey> {
    this.survey ??= (async () => {
      const layout = await chatLabLayout(this.path);
      let header: ChatLabHeader | null = null;
      const members = new Map<string, ChatLabMember>();
      const senders = new Map<string, ChatLabMember>();
      let messages = 0;
      for await (const item of this.items(layout)) {
        if (item.type === 'header') header = item.header;
        else if (item.type === 'member') members.set(item.member.platformId, item.member);
        else if (item.type === 'message') {
          messages++;
          const { sender, accountName, groupNickname } = item.message;
          if (!senders.has(sender)) senders.set(sender, { platformId: sender, accountName, groupNickname, aliases: [], avatarUrl: null, isOwner: false });
        }
      }
      // The item readers already refuse a file without a header; this keeps the type honest.
      if (!header) throw new LocketError('source-unrecognized', `${basename(this.path)} is not a ChatLab export: it has no header.`, { path: this.path });
      for (const [id, member] of senders) if (!members.has(id)) members.set(id, member);
      const owner = this.options.owner ?? header.meta.ownerId;
      return { layout, header, members, conversation: this.conversationOf(header, members, owner), owner, messages };
    })();
    return this.survey;
  }

  private conversationOf(header: ChatLabHeader, members: Map<string, ChatLabMember>, owner: string | null): string {
    if (this.options.conversation) return this.options.conversation;
    if (header.meta.type === 'group') return header.meta.groupId ?? standInUsername(header.meta.name);
    const others = [...members.keys()].filter((id) => id !== owner);
    return owner !== null && others.length === 1 ? others[0]! : standInUsername(header.meta.name);
  }
}

/** A member as a contact: accountName is their own name; aliases are names the exporter gave them (a remark). */
function contactOf(member: ChatLabMember): ContactRecord {
  return { type: 'contact', username: member.platformId, alias: null, nickname: member.accountName || null, remark: member.aliases[0] ?? null, avatarUrl: member.avatarUrl };
}
