import { basename } from 'node:path';
import type { ContactRecord, ImportRecord, SourceDescription, SourceMessage } from '../model';
import { throwIfCancelled } from './export-file';
import { isGroupUsername, standInUsername } from './export-ids';
import { ExportFileReader } from './export-file-reader';
import { localTimeToUtcSeconds } from './local-time';
import { memoTraceTxtBlocks, type MemoTraceTxtBlock } from './memotrace-txt-blocks';
import { readMemoTraceTxtContent } from './memotrace-txt-content';
import { memoTraceFileDisplayName, unescapeMemoTraceName } from './memotrace-names';
import { tallySkips, skipped, type Skipped } from './skipped-records';

interface Survey {
  conversation: string;
  displayName: string;
  isGroup: boolean;
  /** Display names of everyone who spoke, as written. */
  names: string[];
  messages: number;
}

/**
 * Reads a MemoTrace (WeChatMsg v2.0.5) TXT export (§8.3): local times, display names, rendered text. It holds no
 * usernames and no ids at all, so:
 * - the conversation is `options.conversation`, else a stand-in `name:<file name>` (export-ids.ts), the file name
 *   serving only as the conversation's display name;
 * - senders are stand-ins `name:<display name>`, each yielded as a contact so the archive shows the name;
 * - a message is sent by the owner only when its name equals `options.ownerName` (then its sender is
 *   `options.owner` when given); without it every message reads as received, names still right;
 * - it is a group when `conversation` is a chatroom, or more than one name other than `ownerName` speaks (without
 *   `ownerName`: more than two names, one of them being the owner's); a group where only two people spoke reads as
 *   a one-to-one chat unless `conversation` says otherwise;
 * - times are local (`options.timeZone`), `sourceId` and `localId` are null: the pipeline dedupes by fingerprint.
 */
export class MemoTraceTxtReader extends ExportFileReader<Survey> {
  readonly format = 'memotrace-txt' as const;

  async describe(): Promise<SourceDescription> {
    const { messages } = await this.prepare();
    return { format: this.format, owner: this.options.owner ?? null, ownerName: this.options.ownerName ?? null, files: [this.path], estimatedMessages: messages };
  }

  async *read(signal?: AbortSignal): AsyncGenerator<ImportRecord> {
    const what = basename(this.path);
    throwIfCancelled(signal, what);
    const survey = await this.prepare();
    for (const name of survey.names) {
      const username = this.senderOf(name, survey);
      if (username?.startsWith('name:')) {
        const contact: ContactRecord = { type: 'contact', username, alias: null, nickname: name, remark: null, avatarUrl: null };
        yield contact;
      }
    }
    yield { type: 'conversation', username: survey.conversation, displayName: survey.displayName, isGroup: survey.isGroup };
    const toMessage = (block: MemoTraceTxtBlock): SourceMessage | Skipped => this.toMessage(block, survey, what);
    const path = this.path;
    const messages = async function* () {
      for await (const item of memoTraceTxtBlocks(path)) {
        throwIfCancelled(signal, what);
        yield item.type === 'skipped' ? item : toMessage(item);
      }
    };
    yield* tallySkips(messages(), this.skipped, survey.conversation);
  }

  protected async survey(): Promise<Survey> {
    const names = new Set<string>();
    let messages = 0;
    for await (const item of memoTraceTxtBlocks(this.path)) {
      if (item.type === 'skipped') continue;
      messages++;
      if (item.body.length > 0) names.add(unescapeMemoTraceName(item.head));
    }
    const displayName = memoTraceFileDisplayName(this.path);
    const conversation = this.options.conversation ?? standInUsername(displayName);
    const others = [...names].filter((name) => name !== this.options.ownerName);
    const isGroup = isGroupUsername(conversation) || (this.options.ownerName === undefined ? names.size > 2 : others.length > 1);
    return { conversation, displayName, isGroup, names: [...names], messages };
  }

  /** The username standing for a display name: the owner's, the peer's when the person named the chat, or a stand-in. */
  private senderOf(name: string, survey: Survey): string | null {
    if (this.options.ownerName !== undefined && name === this.options.ownerName) return this.options.owner ?? standInUsername(name);
    if (!survey.isGroup && this.options.conversation) return this.options.conversation;
    return standInUsername(name);
  }

  private toMessage(block: MemoTraceTxtBlock, survey: Survey, sourceFile: string): SourceMessage | Skipped {
    const time = localTimeToUtcSeconds(block.time, this.timeZone);
    if (time === null) return skipped('invalid-time');
    const isSystem = block.body.length === 0;
    const name = isSystem ? null : unescapeMemoTraceName(block.head);
    const body = isSystem ? block.head : block.body.join('\n');
    const content = readMemoTraceTxtContent(body, isSystem);
    const isSent = name !== null && this.options.ownerName !== undefined && name === this.options.ownerName;
    return {
      type: 'message',
      sourceFile,
      sourceId: null,
      localId: null,
      conversation: survey.conversation,
      sender: name === null ? null : this.senderOf(name, survey),
      isSent,
      time,
      rawType: content.rawType,
      rawSubType: content.rawSubType,
      content: body,
      raw: { time: block.time, name, content: body },
      media: [],
      warnings: [],
      preclassified: content.preclassified,
    };
  }
}
