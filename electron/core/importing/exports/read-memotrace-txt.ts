import { basename } from 'node:path';
import type { ContactRecord, ImportRecord, SourceDescription, SourceMessage } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import { throwIfCancelled } from './export-file';
import { ExportFileReader } from './export-file-reader';
import { standInUsername } from './export-ids';
import { localTimeToUtcSeconds } from './local-time';
import {
  memoTraceChatFolder,
  memoTraceFileDisplayName,
  sameDisplayName,
  unescapeMemoTraceName,
} from './memotrace-names';
import { withoutStrayCdataEnd } from './memotrace-system-lines';
import { memoTraceTxtBlocks, type MemoTraceTxtBlock } from './memotrace-txt-blocks';
import { readMemoTraceTxtContent } from './memotrace-txt-content';
import { tallySkips, skipped, type Skipped } from './skipped-records';

interface Survey {
  conversation: string;
  displayName: string;
  isGroup: boolean;
  /** Whether `conversation` is a real username (named by the person or the folder), not a stand-in. */
  hasChatId: boolean;
  /** Display names of everyone who spoke, as written. */
  names: string[];
  /** The owner's display name: `options.ownerName`, else the one that is not the chat's name in a 1:1 chat. */
  ownerName: string | null;
  /** The other side's display name in a one-to-one chat, when it can be told. */
  peerName: string | null;
  messages: number;
}

/**
 * Reads a MemoTrace (WeChatMsg v2.0.5 and later) TXT export (§8.3): local times, display names, rendered text. It
 * holds no usernames and no ids at all, so:
 * - the conversation is `options.conversation`, else the id of a `<remark>(<wxid>)` folder around the file (later
 *   MemoTrace versions, memotrace-names.ts; a chatroom id means a group), else a stand-in `name:<file name>`
 *   (export-ids.ts); the folder's or file's name is the conversation's display name;
 * - the owner's messages are those of `options.ownerName`; without it, in a one-to-one chat (two names speak) the
 *   name that is the chat's name (MemoTrace names the file after the contact) is the peer and the other the owner;
 *   the owner's sender is `options.owner`, else `options.knownOwner`, else a stand-in;
 * - the peer's sender is the conversation when it is a real username, so a CSV of the same chat yields the same
 *   senders; other senders are stand-ins `name:<display name>`, each yielded as a contact so the archive shows it;
 * - it is a group when `conversation` is a chatroom, or more than one name other than `ownerName` speaks (without
 *   `ownerName`: more than two names, one of them being the owner's); a group where only two people spoke reads as
 *   a one-to-one chat unless `conversation` or the folder says otherwise;
 * - times are local (`options.timeZone`), `sourceId` and `localId` are null: the pipeline dedupes by fingerprint.
 */
export class MemoTraceTxtReader extends ExportFileReader<Survey> {
  readonly format = 'memotrace-txt' as const;

  async describe(): Promise<SourceDescription> {
    const { messages, ownerName } = await this.prepare();
    return {
      format: this.format,
      owner: this.options.owner ?? null,
      ownerName,
      files: [this.path],
      estimatedMessages: messages,
    };
  }

  async *read(signal?: AbortSignal): AsyncGenerator<ImportRecord> {
    const what = basename(this.path);
    throwIfCancelled(signal, what);
    const survey = await this.prepare();
    for (const name of survey.names) {
      const username = this.senderOf(name, survey);
      if (username.startsWith('name:')) {
        const contact: ContactRecord = {
          type: 'contact',
          username,
          alias: null,
          nickname: name,
          remark: null,
          avatarUrl: null,
        };
        yield contact;
      }
    }
    yield {
      type: 'conversation',
      username: survey.conversation,
      displayName: survey.displayName,
      isGroup: survey.isGroup,
    };
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
    const speakers = [...names];
    const fileName = memoTraceFileDisplayName(this.path);
    const known = this.options.knownOwnerName;
    const optionsOwner = this.options.ownerName ?? (known !== undefined && names.has(known) ? known : undefined);
    const others = speakers.filter((name) => name !== optionsOwner);
    const namesSayGroup = optionsOwner === undefined ? names.size > 2 : others.length > 1;
    const chat = this.chatOf(fileName, namesSayGroup);
    const isGroup = isGroupChat(chat.conversation) || namesSayGroup;
    const { ownerName, peerName } = isGroup
      ? { ownerName: optionsOwner ?? null, peerName: null }
      : oneToOneSides(speakers, optionsOwner, chat.chatNames);
    return {
      conversation: chat.conversation,
      displayName: chat.displayName,
      isGroup,
      hasChatId: chat.hasChatId,
      names: speakers,
      ownerName,
      peerName,
      messages,
    };
  }

  /**
   * The conversation: the person's, else the folder's id unless the speakers contradict it (a wxid folder around a
   * file where three or more people speak), else a stand-in. `chatNames` are the names the chat goes by, to find
   * the peer among the speakers.
   */
  private chatOf(
    fileName: string,
    namesSayGroup: boolean,
  ): { conversation: string; displayName: string; hasChatId: boolean; chatNames: string[] } {
    const folder = memoTraceChatFolder(this.path);
    const given = this.options.conversation;
    const usable =
      folder && (given === undefined || given === folder.id) && (isGroupChat(folder.id) || !namesSayGroup)
        ? folder
        : null;
    const chatNames = usable ? [usable.name, fileName] : [fileName];
    if (given) return { conversation: given, displayName: usable?.name ?? fileName, hasChatId: true, chatNames };
    if (usable) return { conversation: usable.id, displayName: usable.name, hasChatId: true, chatNames };
    return { conversation: standInUsername(fileName), displayName: fileName, hasChatId: false, chatNames };
  }

  /** The username standing for a display name: the owner's, the peer's when the chat's id is known, or a stand-in. */
  private senderOf(name: string, survey: Survey): string {
    if (name === survey.ownerName) return this.options.owner ?? this.options.knownOwner ?? standInUsername(name);
    if (!survey.isGroup && survey.hasChatId && name === survey.peerName) return survey.conversation;
    return standInUsername(name);
  }

  private toMessage(block: MemoTraceTxtBlock, survey: Survey, sourceFile: string): SourceMessage | Skipped {
    const time = localTimeToUtcSeconds(block.time, this.timeZone);
    if (time === null) return skipped('invalid-time');
    const isSystem = block.body.length === 0;
    const name = isSystem ? null : unescapeMemoTraceName(block.head);
    const written = isSystem ? block.head : block.body.join('\n');
    const body = isSystem ? withoutStrayCdataEnd(written) : written;
    const content = readMemoTraceTxtContent(body, isSystem);
    const isSent = name !== null && name === survey.ownerName;
    // Without the owner's name a group's messages all read as received: say so, so another source's copy still matches.
    const isDirectionGuessed = name !== null && survey.ownerName === null && name !== survey.peerName;
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
      raw: { time: block.time, name, content: written },
      media: [],
      warnings: [],
      preclassified: content.preclassified,
      ...(isDirectionGuessed ? { isDirectionGuessed } : {}),
    };
  }
}

/**
 * Who is who in a one-to-one chat. With `ownerName` given, it is the owner and anyone else the peer. Without it, a
 * speaker whose name is the chat's name is the peer, and when exactly two speak the other is the owner; a lone
 * speaker who is not the chat's name could be either, so nobody is told apart.
 */
function oneToOneSides(
  speakers: readonly string[],
  optionsOwner: string | undefined,
  chatNames: readonly string[],
): { ownerName: string | null; peerName: string | null } {
  if (optionsOwner !== undefined)
    return { ownerName: optionsOwner, peerName: speakers.find((name) => name !== optionsOwner) ?? null };
  const peerName = speakers.find((name) => chatNames.some((chatName) => sameDisplayName(name, chatName))) ?? null;
  const ownerName = peerName !== null && speakers.length === 2 ? speakers.find((name) => name !== peerName)! : null;
  return { ownerName, peerName };
}
