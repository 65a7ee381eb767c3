import type { ConversationParticipant } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all } from '../db/sqlite';
import type { VaultReader } from '../store/vault-reader';
import { SenderNames } from './sender-names';

const MAX_CONVERSATIONS = 1000;

/**
 * Everyone in these conversations: the senders their messages name (read from the shards their time range
 * covers) and the members the catalog lists. Both, because an export that pseudonymizes must not miss someone who
 * left a group (a sender, no longer a member) or never wrote (a member, no messages).
 */
export async function listParticipants(
  session: VaultReader,
  conversationIds: number[],
): Promise<ConversationParticipant[]> {
  if (
    !Array.isArray(conversationIds) ||
    conversationIds.length > MAX_CONVERSATIONS ||
    !conversationIds.every((id) => Number.isSafeInteger(id))
  ) {
    throw new LocketError('invalid-argument', 'Participants are listed for conversations chosen by their ids.');
  }
  const ids = [...new Set(conversationIds)];
  if (!ids.length) return [];
  const marks = ids.map(() => '?').join(',');
  const conversations = all<{
    id: number;
    username: string;
    is_group: number;
    first_message_time: number | null;
    last_message_time: number | null;
  }>(
    session.catalog,
    `SELECT id, username, is_group, first_message_time, last_message_time FROM conversations WHERE id IN (${marks})`,
    ids,
  );
  if (conversations.length !== ids.length)
    throw new LocketError('invalid-argument', 'One of those conversations is not in this vault.');

  const names = new SenderNames(session.catalog);
  const owner = names.ownerUsername;
  const found = new Map<string, { conversationId: number; messages: number }>();
  const add = (username: string, conversationId: number, messages: number) => {
    const seen = found.get(username);
    if (seen) seen.messages += messages;
    else found.set(username, { conversationId, messages });
  };

  // Only shards whose time range meets one of the conversations: a chat of last month loads last month's shards.
  const times = conversations.filter((c) => c.first_message_time !== null && c.last_message_time !== null);
  if (times.length) {
    const from = Math.min(...times.map((c) => c.first_message_time!));
    const to = Math.max(...times.map((c) => c.last_message_time!));
    for (const entry of session.listShards()) {
      if (entry.endTime <= from || entry.startTime > to) continue;
      const db = await session.shard(entry);
      const rows = all<{ conversation_id: number; sender: string | null; is_sent: number; n: number }>(
        db,
        `SELECT conversation_id, sender, is_sent, count(*) AS n FROM messages WHERE conversation_id IN (${marks}) AND kind <> 'system'
         GROUP BY conversation_id, sender, is_sent`,
        ids,
      );
      for (const r of rows) {
        const username = r.sender ?? (r.is_sent ? owner : null);
        if (username) add(username, r.conversation_id, r.n);
      }
    }
  }
  for (const c of conversations) {
    // The other person of a 1:1 chat is a participant even if every message in it was the owner's.
    if (!c.is_group) add(c.username, c.id, 0);
  }
  for (const m of all<{ conversation_id: number; username: string }>(
    session.catalog,
    `SELECT conversation_id, username FROM group_members WHERE conversation_id IN (${marks})`,
    ids,
  )) {
    add(m.username, m.conversation_id, 0);
  }

  return [...found]
    .map(([username, f]) => ({
      username,
      displayName: names.nameOf(username, f.conversationId, username === owner) ?? username,
      isOwner: username === owner,
      messages: f.messages,
    }))
    .sort(
      (a, b) =>
        Number(a.isOwner) - Number(b.isOwner) || b.messages - a.messages || a.displayName.localeCompare(b.displayName),
    );
}
