import { basename } from 'node:path';
import { LocketError } from '../../errors';
import type { ContactRecord, GroupRecord, ImportRecord, SourceDescription } from '../model';
import { isRecord, readJsonFile, throwIfCancelled } from './export-file';
import { usernameOrNull } from './export-ids';
import { ExportFileReader } from './export-file-reader';
import { CHATLOG_REQUIRED_KEYS, toChatlogMessage } from './chatlog-message';
import { tallySkips, skipped } from './skipped-records';

interface Parsed {
  items: unknown[];
  owner: string | null;
  contacts: ContactRecord[];
  groups: GroupRecord[];
  conversations: { username: string; displayName: string | null; isGroup: boolean }[];
}

/**
 * Reads chatlog's JSON (§8.4): the array its HTTP API returns for `format=json`, saved to a file. Messages of any
 * number of conversations (`talker`); usernames are real, names come from `talkerName` and `senderName`. chatlog
 * keeps no server id (`seq` is time×1000 + a counter), so `sourceId` is null and `seq` is the local id. The file
 * is read whole.
 */
export class ChatlogJsonReader extends ExportFileReader<Parsed> {
  readonly format = 'chatlog-json' as const;

  async describe(): Promise<SourceDescription> {
    const { items, owner, contacts } = await this.prepare();
    const ownerContact = contacts.find((c) => c.username === owner);
    return {
      format: this.format,
      owner,
      ownerName: ownerContact?.nickname ?? this.options.ownerName ?? null,
      files: [this.path],
      estimatedMessages: items.length,
    };
  }

  async *read(signal?: AbortSignal): AsyncGenerator<ImportRecord> {
    const what = basename(this.path);
    throwIfCancelled(signal, what);
    const { items, owner, contacts, groups, conversations } = await this.prepare();
    yield* contacts;
    yield* groups;
    for (const c of conversations) yield { type: 'conversation', ...c };
    const ctx = { sourceFile: what, owner, timeZone: this.timeZone };
    const messages = function* () {
      for (const item of items) {
        throwIfCancelled(signal, what);
        yield isChatlogMessage(item) ? toChatlogMessage(item, ctx) : skipped('malformed-record');
      }
    };
    yield* tallySkips(messages(), this.skipped);
  }

  protected async survey(): Promise<Parsed> {
    const items = await readJsonFile(this.path);
    if (!Array.isArray(items) || !items.some(isChatlogMessage)) {
      throw new LocketError(
        'source-unrecognized',
        `${basename(this.path)} is not a chatlog JSON export: it is not an array of chatlog messages (seq, time, talker, sender, …).`,
        { path: this.path },
      );
    }
    return { items, ...directoryOf(items as unknown[], this.options.owner ?? null) };
  }
}

export function isChatlogMessage(item: unknown): item is Record<string, unknown> {
  return isRecord(item) && CHATLOG_REQUIRED_KEYS.every((key) => key in item);
}

/**
 * Contacts, groups and conversations from the messages' names: chatlog exports no contact list. A name seen in a
 * group may be the member's group nickname, so it is kept as that and never as the contact's own name.
 */
function directoryOf(items: unknown[], ownerOption: string | null): Omit<Parsed, 'items'> {
  const names = new Map<string, string | null>();
  const conversations = new Map<string, { username: string; displayName: string | null; isGroup: boolean }>();
  const members = new Map<string, Map<string, string | null>>();
  let owner = ownerOption;
  for (const item of items) {
    if (!isChatlogMessage(item)) continue;
    const talker = usernameOrNull(item.talker);
    if (!talker) continue;
    const isGroup = item.isChatRoom === true;
    const talkerName = nonEmpty(item.talkerName);
    if (!conversations.has(talker)) conversations.set(talker, { username: talker, displayName: talkerName, isGroup });
    if (!isGroup && !names.get(talker)) names.set(talker, talkerName);
    const sender = item.type === 10000 ? null : usernameOrNull(item.sender);
    if (!sender) continue;
    if (item.isSelf === true) owner ??= sender;
    const senderName = nonEmpty(item.senderName);
    if (isGroup) {
      const seen = members.get(talker) ?? new Map<string, string | null>();
      members.set(talker, seen);
      if (!seen.get(sender)) seen.set(sender, senderName);
    } else if (!names.get(sender)) {
      names.set(sender, senderName);
    }
  }
  const contacts: ContactRecord[] = [...names].map(([username, nickname]) => ({
    type: 'contact',
    username,
    alias: null,
    nickname,
    remark: null,
    avatarUrl: null,
  }));
  const groups: GroupRecord[] = [...conversations.values()]
    .filter((c) => c.isGroup)
    .map((c) => ({
      type: 'group',
      username: c.username,
      name: c.displayName,
      owner: null,
      members: [...(members.get(c.username) ?? [])].map(([username, groupNickname]) => ({ username, groupNickname })),
    }));
  return { owner, contacts, groups, conversations: [...conversations.values()] };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
