import type { Database } from 'sql.js';
import { one, run } from '../../db/sqlite';
import type { ContactRecord, ConversationRecord, GroupRecord } from '../model';

/** Contacts: a newer import fills in what an older one lacked, and never blanks what is known. */
export function upsertContact(db: Database, c: ContactRecord): void {
  run(
    db,
    `INSERT INTO contacts (username, alias, nickname, remark, avatar_url) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(username) DO UPDATE SET
       alias = coalesce(excluded.alias, alias), nickname = coalesce(excluded.nickname, nickname),
       remark = coalesce(excluded.remark, remark), avatar_url = coalesce(excluded.avatar_url, avatar_url)`,
    [c.username, c.alias || null, c.nickname || null, c.remark || null, c.avatarUrl || null],
  );
}

/** The conversation's id, creating it on first sight. */
export function conversationId(db: Database, username: string, isGroup: boolean, displayName: string | null): number {
  const existing = one<{ id: number }>(db, 'SELECT id FROM conversations WHERE username = ?', [username]);
  if (existing) {
    if (displayName)
      run(db, 'UPDATE conversations SET display_name = ? WHERE id = ? AND display_name = username', [
        displayName,
        existing.id,
      ]);
    return existing.id;
  }
  run(db, 'INSERT INTO conversations (username, display_name, is_group) VALUES (?, ?, ?)', [
    username,
    displayName || username,
    isGroup ? 1 : 0,
  ]);
  return Number(one<{ id: number }>(db, 'SELECT last_insert_rowid() AS id')!.id);
}

export function upsertConversation(db: Database, c: ConversationRecord): void {
  conversationId(db, c.username, c.isGroup, c.displayName);
}

export function upsertGroup(db: Database, g: GroupRecord): void {
  const id = conversationId(db, g.username, true, g.name);
  for (const m of g.members) {
    run(
      db,
      `INSERT INTO group_members (conversation_id, username, group_nickname) VALUES (?, ?, ?)
       ON CONFLICT(conversation_id, username) DO UPDATE SET group_nickname = coalesce(excluded.group_nickname, group_nickname)`,
      [id, m.username, m.groupNickname || null],
    );
  }
}

/**
 * Gives conversations still named by their username a person's name: the contact's remark or nickname, or for a
 * group without a name, its first members' names (as WeChat shows it).
 */
export function nameUnnamedConversations(db: Database): void {
  run(
    db,
    `UPDATE conversations SET display_name = (
       SELECT coalesce(nullif(c.remark, ''), nullif(c.nickname, '')) FROM contacts c WHERE c.username = conversations.username)
     WHERE display_name = username
       AND EXISTS (SELECT 1 FROM contacts c WHERE c.username = conversations.username AND coalesce(nullif(c.remark, ''), nullif(c.nickname, '')) IS NOT NULL)`,
  );
  run(
    db,
    `UPDATE conversations SET display_name = (
       SELECT group_concat(name, '、') FROM (
         SELECT coalesce(nullif(m.group_nickname, ''), nullif(c.remark, ''), nullif(c.nickname, ''), m.username) AS name
         FROM group_members m LEFT JOIN contacts c ON c.username = m.username
         WHERE m.conversation_id = conversations.id ORDER BY m.rowid LIMIT 3))
     WHERE display_name = username AND is_group = 1 AND EXISTS (SELECT 1 FROM group_members m WHERE m.conversation_id = conversations.id)`,
  );
}

export interface ConversationTally {
  imported: number;
  duplicates: number;
  firstTime: number | null;
  lastTime: number | null;
  lastPreview: string | null;
  /** Who wrote the last message; null for the owner's own or an unknown sender. */
  lastSender: string | null;
}

/** Folds an import's counts into the conversation rows the list shows. */
export function applyConversationTally(db: Database, id: number, t: ConversationTally): void {
  if (t.imported === 0) return;
  run(
    db,
    `UPDATE conversations SET
       message_count = message_count + ?,
       first_message_time = min(coalesce(first_message_time, ?), ?),
       last_message_preview = CASE WHEN last_message_time IS NULL OR ? >= last_message_time THEN ? ELSE last_message_preview END,
       last_message_sender = CASE WHEN last_message_time IS NULL OR ? >= last_message_time THEN ? ELSE last_message_sender END,
       last_message_time = max(coalesce(last_message_time, ?), ?)
     WHERE id = ?`,
    [
      t.imported,
      t.firstTime,
      t.firstTime,
      t.lastTime,
      t.lastPreview,
      t.lastTime,
      t.lastSender,
      t.lastTime,
      t.lastTime,
      id,
    ],
  );
}
