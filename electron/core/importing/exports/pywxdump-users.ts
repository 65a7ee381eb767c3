import { join } from 'node:path';
import type { ContactRecord } from '../model';
import { isFile } from '../reader-kit/source-files';
import { isRecord, readWholeText } from './export-file';

export interface PyWxDumpUsers {
  /** Absolute path of users.json, or null when the export has none. */
  file: string | null;
  contacts: ContactRecord[];
}

/**
 * `users.json` beside PyWxDump's CSV and JSON files (§8.2): wxid → {wxid, nickname, remark, account, headImgUrl, …}.
 * It only adds names, so a missing or unreadable one leaves the messages importable without them.
 */
export async function readPyWxDumpUsers(folder: string): Promise<PyWxDumpUsers> {
  const file = join(folder, 'users.json');
  if (!(await isFile(file))) return { file: null, contacts: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readWholeText(file));
  } catch {
    return { file: null, contacts: [] };
  }
  if (!isRecord(parsed)) return { file: null, contacts: [] };
  const contacts: ContactRecord[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (!isRecord(value)) continue;
    const username = text(value.wxid) ?? text(key);
    if (!username) continue;
    contacts.push({
      type: 'contact',
      username,
      alias: text(value.account),
      nickname: text(value.nickname),
      remark: text(value.remark),
      avatarUrl: text(value.headImgUrl),
    });
  }
  return { file, contacts };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
