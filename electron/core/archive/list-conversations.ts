import type { ConversationSummary, GroupMemberName } from '../../ipc/contract';
import { readPreviewLine } from '../../common/message-kinds';
import { all } from '../db/sqlite';
import type { VaultReader } from '../store/vault-reader';

/** The conversation list, newest activity first. Read from the catalog alone, whatever the vault's size. */
export function listConversations(session: VaultReader): ConversationSummary[] {
  const members = groupMembers(session);
  return all<{
    id: number;
    username: string;
    display_name: string;
    is_group: number;
    message_count: number;
    first_message_time: number | null;
    last_message_time: number | null;
    last_message_preview: string | null;
    last_sender_name: string | null;
    avatar_url: string | null;
    retention_class_id: number | null;
    contact_class_id: number | null;
  }>(
    session.catalog,
    `SELECT v.id, v.username, v.display_name, v.is_group, v.message_count, v.first_message_time, v.last_message_time,
            v.last_message_preview, c.avatar_url,
            CASE WHEN v.is_group = 1 AND v.last_message_sender IS NOT NULL THEN
              coalesce((SELECT nullif(m.group_nickname, '') FROM group_members m
                        WHERE m.conversation_id = v.id AND m.username = v.last_message_sender),
                       (SELECT coalesce(nullif(s.remark, ''), nullif(s.nickname, '')) FROM contacts s
                        WHERE s.username = v.last_message_sender),
                       v.last_message_sender)
            END AS last_sender_name,
            coalesce(v.retention_class_id, CASE WHEN v.is_group = 0 THEN c.retention_class_id END) AS retention_class_id,
            CASE WHEN v.is_group = 0 THEN c.retention_class_id END AS contact_class_id
     FROM conversations v LEFT JOIN contacts c ON c.username = v.username
     WHERE v.message_count > 0
     ORDER BY v.last_message_time DESC, v.id`,
  ).map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    isGroup: r.is_group === 1,
    messageCount: r.message_count,
    firstMessageTime: r.first_message_time,
    lastMessageTime: r.last_message_time,
    lastMessagePreview: r.last_message_preview,
    lastMessageLine: r.last_message_preview === null ? null : readPreviewLine(r.last_message_preview),
    avatarUrl: r.avatar_url,
    retentionClassId: r.retention_class_id,
    contactRetentionClassId: r.contact_class_id,
    ...(r.is_group === 1 && members.has(r.id) ? { members: members.get(r.id) } : {}),
    ...(r.last_sender_name !== null ? { lastMessageSender: r.last_sender_name } : {}),
  }));
}

/** How many members a group's avatar draws (WeChat's grid is 3 × 3). */
const AVATAR_MEMBERS = 9;

/**
 * The first members of every group, by the name the group shows (group nickname, remark, nickname, username), in
 * the order the backup listed them. One query over the catalog's member table, whatever the number of groups.
 */
function groupMembers(session: VaultReader): Map<number, GroupMemberName[]> {
  const byGroup = new Map<number, GroupMemberName[]>();
  const rows = all<{ conversation_id: number; username: string; name: string }>(
    session.catalog,
    `SELECT m.conversation_id, m.username,
            coalesce(nullif(m.group_nickname, ''), nullif(c.remark, ''), nullif(c.nickname, ''), m.username) AS name
     FROM group_members m LEFT JOIN contacts c ON c.username = m.username
     ORDER BY m.conversation_id, m.rowid`,
  );
  for (const row of rows) {
    const list = byGroup.get(row.conversation_id) ?? [];
    if (list.length === 0) byGroup.set(row.conversation_id, list);
    if (list.length < AVATAR_MEMBERS) list.push({ username: row.username, name: row.name });
  }
  return byGroup;
}
