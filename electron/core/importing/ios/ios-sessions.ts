import { promises as fs } from 'node:fs';
import { md5Hex } from '../reader-kit/md5-hex';
import type { SourceDb } from '../reader-kit/open-source-db';
import type { IosManifest } from './ios-manifest';
import { stringAtPath } from './ios-protobuf';

/**
 * Usernames from session.db `SessionAbstract` (docs/wechat-formats.md §5.5). They name chats whose contact row is gone,
 * so more `Chat_<md5>` tables can be given a username.
 */
export function readSessionUsernames(db: SourceDb): string[] {
  if (!db.tableNames().includes('SessionAbstract')) return [];
  return db
    .all<{ UsrName: unknown }>('SELECT UsrName FROM SessionAbstract')
    .map((r) => r.UsrName)
    .filter((u): u is string => typeof u === 'string' && u !== '');
}

const UNIVERSAL_SESSION_DB = /^UniversalSession\/[^/]+\/session\.db$/;

/**
 * The newer per-kind session lists, `Documents/<hash>/UniversalSession/<kind>/session.db` (BM
 * `parseUniversalSessions` reads BottleSession, SubscribeSession, SubscribeSessionList and WASession), sorted.
 */
export function universalSessionDbPaths(manifest: IosManifest, account: string): string[] {
  const prefix = `Documents/${account}/`;
  const paths: string[] = [];
  for (const path of manifest.relativePaths()) {
    if (path.startsWith(prefix) && UNIVERSAL_SESSION_DB.test(path.slice(prefix.length))) paths.push(path);
  }
  return paths.sort();
}

/** Usernames from a UniversalSession `SessionTable(sessionId, lastMsgUpdateTime, unreadCount)`: sessionId is one. */
export function readUniversalSessionUsernames(db: SourceDb): string[] {
  if (!db.tableNames().includes('SessionTable') || !db.columnNames('SessionTable').includes('sessionId')) return [];
  return db
    .all<{ sessionId: unknown }>('SELECT sessionId FROM SessionTable')
    .map((r) => r.sessionId)
    .filter((u): u is string => typeof u === 'string' && u !== '');
}

/** What a session's cell data file says about its chat. */
export interface SessionCell {
  username: string;
  /** The chat's name as the session list showed it (a group's name, a contact's remark or nickname). */
  displayName: string | null;
}

/** Cell data files are a few kilobytes; anything much larger is not one. */
const MAX_CELL_DATA_BYTES = 4 * 1024 * 1024;

/** `Documents/<hash>/session/data/<h[0:2]>/<h[2:]>`, h = md5(chat username) (§5.2). */
export const sessionCellDataPath = (account: string, chatHash: string): string =>
  `Documents/${account}/session/data/${chatHash.slice(0, 2)}/${chatHash.slice(2)}`;

/**
 * The username of a chat from its session cell data, a protobuf with the username at field 1.1.1 and the names at
 * 1.1.6 (display name) and 1.1.4 (nickname) (BM `SessionsParser::parseCellData`). The file outlives the
 * SessionAbstract row, so it names chats no other table does. Only a username whose md5 is the chat's hash is taken.
 */
export async function readSessionCell(
  manifest: IosManifest,
  account: string,
  chatHash: string,
): Promise<SessionCell | null> {
  const located = manifest.locate(sessionCellDataPath(account, chatHash));
  if (!('path' in located)) return null;
  let bytes: Buffer;
  try {
    const stat = await fs.stat(located.path);
    if (!stat.isFile() || stat.size > MAX_CELL_DATA_BYTES) return null;
    bytes = await fs.readFile(located.path);
  } catch {
    return null;
  }
  const username = stringAtPath(bytes, [1, 1, 1]);
  if (!username || md5Hex(username) !== chatHash) return null;
  return { username, displayName: stringAtPath(bytes, [1, 1, 6]) ?? stringAtPath(bytes, [1, 1, 4]) };
}
