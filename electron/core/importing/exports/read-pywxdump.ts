import { basename } from 'node:path';
import type { ConversationRecord, ImportRecord, SourceDescription } from '../model';
import { exportFolderOf, throwIfCancelled } from './export-file';
import { isGroupUsername, usernameOrNull } from './export-ids';
import { ExportFileReader } from './export-file-reader';
import { toPyWxDumpMessage } from './pywxdump-message';
import { pyWxDumpCsvRows, pyWxDumpJsonRows, type PyWxDumpItem } from './pywxdump-rows';
import { readPyWxDumpUsers, type PyWxDumpUsers } from './pywxdump-users';
import { tallySkips } from './skipped-records';

interface Survey {
  users: PyWxDumpUsers;
  /** room_name → is a group, in order of first appearance. */
  conversations: Map<string, boolean>;
  owner: string | null;
  messages: number;
}

/**
 * Reads one PyWxDump export file (§8.2) and the `users.json` beside it. A first pass counts rows and collects the
 * conversations (`room_name`) and the owner (the `talker` of sent rows, when PyWxDump wrote a wxid there rather than
 * "我"), so contacts and conversations are yielded before any message. `CreateTime` is local time: see
 * `ExportReaderOptions.timeZone`. Messages carry `preclassified` from PyWxDump's rendered text (pywxdump-rendered-text.ts).
 */
abstract class PyWxDumpReader extends ExportFileReader<Survey> {
  abstract override readonly format: 'pywxdump-csv' | 'pywxdump-json';

  protected abstract rows(path: string): AsyncIterable<PyWxDumpItem>;

  async describe(): Promise<SourceDescription> {
    const { users, owner, messages } = await this.prepare();
    const ownerContact = users.contacts.find((c) => c.username === owner);
    return {
      format: this.format,
      owner,
      ownerName: ownerContact?.nickname ?? this.options.ownerName ?? null,
      files: users.file ? [this.path, users.file] : [this.path],
      estimatedMessages: messages,
    };
  }

  async *read(signal?: AbortSignal): AsyncGenerator<ImportRecord> {
    const what = basename(this.path);
    throwIfCancelled(signal, what);
    const { users, conversations, owner } = await this.prepare();
    yield* users.contacts;
    const names = new Map(users.contacts.map((c) => [c.username, c.remark ?? c.nickname]));
    for (const [username, isGroup] of conversations) {
      const record: ConversationRecord = { type: 'conversation', username, displayName: names.get(username) ?? null, isGroup };
      yield record;
    }
    const ctx = { sourceFile: what, folder: exportFolderOf(this.path), timeZone: this.timeZone, owner };
    const rows = this.rows(this.path);
    const messages = async function* () {
      for await (const item of rows) {
        throwIfCancelled(signal, what);
        yield item.type === 'skipped' ? item : await toPyWxDumpMessage(item.row, ctx);
      }
    };
    yield* tallySkips(messages(), this.skipped);
  }

  protected async survey(): Promise<Survey> {
    const users = await readPyWxDumpUsers(exportFolderOf(this.path));
    const conversations = new Map<string, boolean>();
    let owner = this.options.owner ?? null;
    let messages = 0;
    for await (const item of this.rows(this.path)) {
      if (item.type === 'skipped') continue;
      const { row } = item;
      messages++;
      const room = usernameOrNull(row.room_name);
      if (room && !conversations.has(room)) conversations.set(room, isGroupUsername(room));
      if (!owner && (row.is_sender === 1 || row.is_sender === '1')) owner = usernameOrNull(row.talker);
    }
    return { users, conversations, owner, messages };
  }
}

/** PyWxDump's CSV pages, `<wxid>_<start>_<end>.csv` (UTF-8, no BOM). */
export class PyWxDumpCsvReader extends PyWxDumpReader {
  readonly format = 'pywxdump-csv' as const;
  protected rows(path: string): AsyncIterable<PyWxDumpItem> {
    return pyWxDumpCsvRows(path);
  }
}

/** PyWxDump's JSON export, `<wxid>_<start>_<end>.json`: one array of message objects, read whole. */
export class PyWxDumpJsonReader extends PyWxDumpReader {
  readonly format = 'pywxdump-json' as const;
  protected rows(path: string): AsyncIterable<PyWxDumpItem> {
    return pyWxDumpJsonRows(path);
  }
}
