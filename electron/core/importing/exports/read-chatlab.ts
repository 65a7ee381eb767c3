import { basename } from 'node:path';
import type { ContactRecord, GroupRecord, ImportRecord, SourceDescription, SourceReader } from '../model';
import { chatLabJsonItems, chatLabJsonlItems, chatLabLayout, type ChatLabItem } from './chatlab-records';
import { toChatLabMessage, type ChatLabContext } from './chatlab-message';
import type { ChatLabMember } from './chatlab-shape';
import { accountNameOf, surveyChatLab, type ChatLabSurvey } from './chatlab-survey';
import { throwIfCancelled } from './export-file';
import type { ExportReaderOptions } from './export-options';
import { tallySkips, type SkipTally } from './skipped-records';

interface Survey extends ChatLabSurvey {
  layout: 'json' | 'jsonl';
}

/**
 * Reads ChatLab's exchange format v0.0.2 (§8.5), JSON or JSONL (told apart by the first line, not the file name),
 * as the spec's examples and real writers (WeFlow, QQNT exporters) have it. One conversation per file; its id is
 * worked out in chatlab-survey.ts. Senders are platformIds as written (WeChat exporters put usernames there). The
 * owner is `options.owner`, else the file's `meta.ownerId` (without WeFlow's account-folder suffix) or its one
 * participant named "我", else `options.knownOwner`; a message is sent when its sender is the owner or it is
 * named "我". Times may be seconds or milliseconds. Replies show the message they quote when the file holds it.
 * JSONL is streamed in two passes (members, which may be omitted, are gathered first so contacts precede
 * messages); JSON is read whole.
 */
export class ChatLabReader implements SourceReader {
  readonly format = 'chatlab' as const;
  readonly version = '2';
  readonly skipped: SkipTally = {};
  private survey: Promise<Survey> | null = null;

  constructor(
    private readonly path: string,
    private readonly options: ExportReaderOptions = {},
  ) {}

  async describe(): Promise<SourceDescription> {
    const { owner, members, messages, header } = await this.prepare();
    const ownerName = owner ? accountNameOf(members.get(owner)) : undefined;
    return {
      format: this.format,
      owner,
      ownerName: ownerName ?? this.options.ownerName ?? null,
      files: [this.path],
      estimatedMessages: messages,
      // The file's own word on its format, kept for provenance (never more than a short line).
      origin: {
        formatVersion: header.version.slice(0, 40),
        ...(header.generator ? { tool: header.generator.slice(0, 120) } : {}),
      },
    };
  }

  async *read(signal?: AbortSignal): AsyncGenerator<ImportRecord> {
    const what = basename(this.path);
    throwIfCancelled(signal, what);
    const survey = await this.prepare();
    const { header, members, conversation, owner, replies } = survey;
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

    const ctx: ChatLabContext = {
      sourceFile: what,
      conversation,
      owner,
      quotedMessage: (id) => replies.quoted(id, owner, members),
    };
    const items = this.items(survey.layout);
    const messages = async function* () {
      for await (const item of items) {
        throwIfCancelled(signal, what);
        if (item.type === 'skipped') yield item;
        else if (item.type === 'message') {
          replies.remember(item.message);
          yield toChatLabMessage(item.message, ctx);
        }
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
      return { layout, ...(await surveyChatLab(this.path, this.items(layout), this.options)) };
    })();
    return this.survey;
  }
}

/**
 * A member as a contact: accountName is their own name ("我" is no name, only a mark of the owner); aliases are
 * names the exporter gave them (a remark).
 */
function contactOf(member: ChatLabMember): ContactRecord {
  return {
    type: 'contact',
    username: member.platformId,
    alias: null,
    nickname: accountNameOf(member) ?? null,
    remark: member.aliases[0] ?? null,
    avatarUrl: member.avatarUrl,
  };
}
