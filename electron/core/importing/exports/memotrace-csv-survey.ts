import { basename } from 'node:path';
import { LocketError } from '../../errors';
import type { ContactRecord } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import { namedCsvRows, type NamedCsvItem } from './csv-records';
import { standInUsername } from './export-ids';
import type { ExportReaderOptions } from './export-options';
import { memoTraceChatFolder, sameDisplayName, type MemoTraceChatFolder } from './memotrace-names';

/** MemoTrace v2.0.5's CSV header, exactly (WM `exporter_csv.py`, §8.3). */
export const MEMOTRACE_COLUMNS = [
  'localId',
  'TalkerId',
  'Type',
  'SubType',
  'IsSender',
  'CreateTime',
  'Status',
  'StrContent',
  'StrTime',
  'Remark',
  'NickName',
  'Sender',
] as const;

export function memoTraceCsvRows(path: string): AsyncGenerator<NamedCsvItem> {
  return namedCsvRows(
    path,
    MEMOTRACE_COLUMNS,
    () =>
      new LocketError(
        'source-unrecognized',
        `${basename(path)} is not a MemoTrace CSV export: its first line is not MemoTrace's 12 columns (localId, TalkerId, …, Sender).`,
        { path },
      ),
  );
}

/** What one pass over a MemoTrace CSV learns before any message is yielded. */
export interface MemoTraceSurvey {
  conversation: string;
  isGroup: boolean;
  displayName: string;
  /** The owner's username: the sender of every row with `IsSender` 1. */
  owner: string | null;
  contacts: ContactRecord[];
  /** The group's members: the owner and everyone who sent to the chat. */
  senders: string[];
  messages: number;
}

const SYSTEM_TYPES = new Set(['10000', '10002']);
const STAND_IN_PREFIX = standInUsername('');
/** In groups a quote's `refermsg/fromusr` is the chatroom itself (§6.3): the one place the CSV names the group. */
const CHATROOM_IN_QUOTE = /<fromusr>\s*(?:<!\[CDATA\[)?\s*([A-Za-z0-9_.-]+@chatroom)/;

interface Names {
  remark: string | null;
  nickname: string | null;
  /** Whether a received row gave them: those describe their `Sender` for sure. */
  fromReceived: boolean;
}

/** What the rows say, tallied in the first pass. */
interface CsvTally {
  /** `Sender` of received, non-system rows, with counts. */
  received: Map<string, number>;
  /** `Sender` of sent, non-system rows, with counts: the owner, or in some MemoTrace versions the peer. */
  sent: Map<string, number>;
  names: Map<string, Names>;
  chatroom: string | null;
  messages: number;
}

/**
 * The export is one file per contact and has no conversation column: `TalkerId` is a per-database index, not a
 * username (§8.3, §7.10). So the conversation is found in the data and, for later MemoTrace versions, in the folder
 * `<remark>(<wxid>)` the file lies in (memotrace-names.ts):
 * 1. `options.conversation`, when the person names it;
 * 2. a `…@chatroom` id named by a quote inside the file: a group;
 * 3. the `Sender` of received messages: one distinct sender means a one-to-one chat with that username (MemoTrace
 *    fills `Sender` with the contact's wxid in 1:1 chats), unless the folder names a chatroom (a group where one
 *    member spoke); several mean a group, whose id only a chatroom folder can give;
 * 4. nothing received: the folder's id;
 * 5. otherwise a stand-in `name:<display name>` (export-ids.ts).
 * Data wins over the folder: a folder id the rows contradict is ignored, its name too. Sent rows never name the
 * conversation: some MemoTrace versions (2.1.1 seen) write the PEER in `Sender` of some sent rows.
 */
export async function surveyMemoTraceCsv(
  path: string,
  fileDisplayName: string,
  options: ExportReaderOptions,
): Promise<MemoTraceSurvey> {
  const tally = await tallyRows(path);
  const folder = memoTraceChatFolder(path);
  const { conversation, isGroup, folderAgrees } = chooseConversation(tally, folder, options, fileDisplayName);
  const chatNames = folderAgrees ? [folder!.name, fileDisplayName] : [fileDisplayName];
  const owner = options.owner ?? ownerFromRows(tally, conversation, chatNames) ?? options.knownOwner ?? null;
  const peerNames = !isGroup ? tally.names.get(conversation) : undefined;
  const displayName =
    (folderAgrees && folder!.name) || (peerNames && (peerNames.remark ?? peerNames.nickname)) || fileDisplayName;
  const contacts: ContactRecord[] = [...tally.names].map(([username, n]) => ({
    type: 'contact',
    username,
    alias: null,
    nickname: n.nickname,
    remark: n.remark,
    avatarUrl: null,
  }));
  const senders = [...new Set([...(owner ? [owner] : []), ...tally.received.keys()])];
  return { conversation, isGroup, displayName, owner, contacts, senders, messages: tally.messages };
}

async function tallyRows(path: string): Promise<CsvTally> {
  const tally: CsvTally = { received: new Map(), sent: new Map(), names: new Map(), chatroom: null, messages: 0 };
  for await (const item of memoTraceCsvRows(path)) {
    if (item.type === 'skipped') continue;
    const { row } = item;
    tally.messages++;
    const sender = row.Sender!.trim();
    if (sender) {
      const isReceived = row.IsSender!.trim() !== '1';
      const counts = isReceived ? tally.received : tally.sent;
      if (!SYSTEM_TYPES.has(row.Type!.trim())) counts.set(sender, (counts.get(sender) ?? 0) + 1);
      noteNames(tally.names, sender, row, isReceived);
    }
    tally.chatroom ??= CHATROOM_IN_QUOTE.exec(row.StrContent!)?.[1] ?? null;
  }
  return tally;
}

/**
 * Remark and nickname per `Sender`, first non-empty value wins. Names from received rows go first: a sent row that
 * carries the peer in `Sender` may carry anyone's names, so it only fills what received rows left empty.
 */
function noteNames(
  names: Map<string, Names>,
  sender: string,
  row: Record<string, string>,
  fromReceived: boolean,
): void {
  const fresh = { remark: nonEmpty(row.Remark), nickname: nonEmpty(row.NickName) };
  const known = names.get(sender);
  if (!known) {
    names.set(sender, { ...fresh, fromReceived });
  } else if (fromReceived && !known.fromReceived) {
    names.set(sender, {
      remark: fresh.remark ?? known.remark,
      nickname: fresh.nickname ?? known.nickname,
      fromReceived,
    });
  } else {
    names.set(sender, {
      remark: known.remark ?? fresh.remark,
      nickname: known.nickname ?? fresh.nickname,
      fromReceived: known.fromReceived,
    });
  }
}

function chooseConversation(
  tally: CsvTally,
  folder: MemoTraceChatFolder | null,
  options: ExportReaderOptions,
  fileDisplayName: string,
): { conversation: string; isGroup: boolean; folderAgrees: boolean } {
  const { received, chatroom } = tally;
  const folderRoom = folder && isGroupChat(folder.id) ? folder.id : null;
  const agrees = (conversation: string): boolean => folder?.id === conversation;
  if (options.conversation) {
    return {
      conversation: options.conversation,
      isGroup: isGroupChat(options.conversation) || received.size > 1,
      folderAgrees: agrees(options.conversation),
    };
  }
  if (chatroom) return { conversation: chatroom, isGroup: true, folderAgrees: agrees(chatroom) };
  // One received sender fits a group where only one member spoke as well as a 1:1 chat: a chatroom folder decides.
  if (received.size >= 1 && folderRoom) return { conversation: folderRoom, isGroup: true, folderAgrees: true };
  if (received.size === 1) {
    const peer = [...received.keys()][0]!;
    return { conversation: peer, isGroup: false, folderAgrees: agrees(peer) };
  }
  if (received.size === 0 && folder)
    return { conversation: folder.id, isGroup: isGroupChat(folder.id), folderAgrees: true };
  return { conversation: standInUsername(fileDisplayName), isGroup: received.size > 1, folderAgrees: false };
}

/**
 * The owner as the rows name it: the most frequent `Sender` of sent rows that is not the other side, since some
 * MemoTrace versions put the peer in `Sender` of sent rows and the peer must never become the owner. The other side
 * is anyone who sent to the chat and the conversation itself; when no id of the chat is known (a stand-in), also a
 * sender whose remark is the chat's name (MemoTrace names the file and folder after the contact's remark). Null
 * when no sent row names anyone else.
 */
function ownerFromRows(tally: CsvTally, conversation: string, chatNames: readonly string[]): string | null {
  const chatIdKnown = !conversation.startsWith(STAND_IN_PREFIX);
  const namedAsChat = (username: string): boolean => {
    const remark = tally.names.get(username)?.remark;
    return remark != null && chatNames.some((name) => sameDisplayName(name, remark));
  };
  const isOtherSide = (username: string): boolean =>
    username === conversation || tally.received.has(username) || (!chatIdKnown && namedAsChat(username));
  return mostFrequent([...tally.sent].filter(([username]) => !isOtherSide(username)));
}

function mostFrequent(entries: [string, number][]): string | null {
  let best: [string, number] | null = null;
  for (const entry of entries) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0] ?? null;
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value.trim() : null;
}
