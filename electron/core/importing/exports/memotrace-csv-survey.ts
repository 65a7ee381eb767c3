import { basename } from 'node:path';
import { LocketError } from '../../errors';
import type { ContactRecord } from '../model';
import { namedCsvRows, type NamedCsvItem } from './csv-records';
import { isGroupUsername, standInUsername } from './export-ids';
import type { ExportReaderOptions } from './export-options';

/** MemoTrace v2.0.5's CSV header, exactly (WM `exporter_csv.py`, §8.3). */
export const MEMOTRACE_COLUMNS = ['localId', 'TalkerId', 'Type', 'SubType', 'IsSender', 'CreateTime', 'Status', 'StrContent', 'StrTime', 'Remark', 'NickName', 'Sender'] as const;

export function memoTraceCsvRows(path: string): AsyncGenerator<NamedCsvItem> {
  return namedCsvRows(path, MEMOTRACE_COLUMNS, () => new LocketError('source-unrecognized', `${basename(path)} is not a MemoTrace CSV export: its first line is not MemoTrace's 12 columns (localId, TalkerId, …, Sender).`, { path }));
}

/** What one pass over a MemoTrace CSV learns before any message is yielded. */
export interface MemoTraceSurvey {
  conversation: string;
  isGroup: boolean;
  displayName: string;
  owner: string | null;
  contacts: ContactRecord[];
  /** Every sender seen, for the group's member list. */
  senders: string[];
  messages: number;
}

const SYSTEM_TYPES = new Set(['10000', '10002']);
/** In groups a quote's `refermsg/fromusr` is the chatroom itself (§6.3): the one place the CSV names the group. */
const CHATROOM_IN_QUOTE = /<fromusr>\s*(?:<!\[CDATA\[)?\s*([A-Za-z0-9_.-]+@chatroom)/;

/**
 * The export is one file per contact and has no conversation column: `TalkerId` is a per-database index, not a
 * username (§8.3, §7.10). So the conversation is found in the data, in this order:
 * 1. `options.conversation`, when the person names it;
 * 2. a `…@chatroom` id named by a quote inside the file: a group;
 * 3. the `Sender` of received messages: one distinct sender means a one-to-one chat with that username (MemoTrace
 *    fills `Sender` with the contact's wxid in 1:1 chats); several mean a group whose id the file does not hold;
 * 4. otherwise (a group, or a chat with nothing received) a stand-in `name:<display name>` (export-ids.ts).
 * A group where only one member ever spoke and nobody quoted looks like a one-to-one chat with that member; pass
 * `conversation` to say otherwise. The owner is the `Sender` of sent rows (`options.owner` wins).
 */
export async function surveyMemoTraceCsv(path: string, fileDisplayName: string, options: ExportReaderOptions): Promise<MemoTraceSurvey> {
  const received = new Map<string, number>();
  const sent = new Map<string, number>();
  const names = new Map<string, { remark: string | null; nickname: string | null }>();
  let chatroom: string | null = null;
  let messages = 0;
  for await (const item of memoTraceCsvRows(path)) {
    if (item.type === 'skipped') continue;
    const { row } = item;
    messages++;
    const sender = row.Sender!.trim();
    if (sender) {
      const tally = row.IsSender!.trim() === '1' ? sent : received;
      if (!SYSTEM_TYPES.has(row.Type!.trim())) tally.set(sender, (tally.get(sender) ?? 0) + 1);
      const known = names.get(sender);
      names.set(sender, { remark: known?.remark ?? nonEmpty(row.Remark), nickname: known?.nickname ?? nonEmpty(row.NickName) });
    }
    chatroom ??= CHATROOM_IN_QUOTE.exec(row.StrContent!)?.[1] ?? null;
  }

  const peer = received.size === 1 ? [...received.keys()][0]! : null;
  let conversation: string;
  let isGroup: boolean;
  if (options.conversation) {
    conversation = options.conversation;
    isGroup = isGroupUsername(conversation) || received.size > 1;
  } else if (chatroom) {
    conversation = chatroom;
    isGroup = true;
  } else if (peer) {
    conversation = peer;
    isGroup = false;
  } else {
    conversation = standInUsername(fileDisplayName);
    isGroup = received.size > 1;
  }
  const owner = options.owner ?? mostFrequent([...sent].filter(([username]) => !received.has(username)));
  const peerNames = !isGroup && names.get(conversation);
  const displayName = (peerNames && (peerNames.remark ?? peerNames.nickname)) || fileDisplayName;
  const contacts: ContactRecord[] = [...names].map(([username, n]) => ({ type: 'contact', username, alias: null, nickname: n.nickname, remark: n.remark, avatarUrl: null }));
  return { conversation, isGroup, displayName, owner, contacts, senders: [...new Set([...sent.keys(), ...received.keys()])], messages };
}

function mostFrequent(entries: [string, number][]): string | null {
  let best: [string, number] | null = null;
  for (const entry of entries) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0] ?? null;
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value.trim() : null;
}
