import type { SourceDb } from '../open-source-db';

/**
 * Usernames from session.db `SessionAbstract` (WECHAT-FORMATS.md §5.5). They name chats whose contact row is gone,
 * so more `Chat_<md5>` tables can be given a username.
 */
export function readSessionUsernames(db: SourceDb): string[] {
  if (!db.tableNames().includes('SessionAbstract')) return [];
  return db
    .all<{ UsrName: unknown }>('SELECT UsrName FROM SessionAbstract')
    .map((r) => r.UsrName)
    .filter((u): u is string => typeof u === 'string' && u !== '');
}
