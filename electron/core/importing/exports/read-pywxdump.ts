import { basename } from 'node:path';
import type { ConversationRecord, ImportRecord, SourceDescription } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import { exportFolderOf, throwIfCancelled } from './export-file';
import { ExportFileReader } from './export-file-reader';
import { usernameOrNull } from './export-ids';
import { isSentRow, toPyWxDumpMessage } from './pywxdump-message';
import { pyWxDumpCsvRows, pyWxDumpJsonRows, type PyWxDumpItem, type PyWxDumpRow } from './pywxdump-rows';
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
 * Reads one PyWxDump export file (§8.2) and the `users.json` beside it: the current 9-column CSV, the 8-column CSV
 * of PyWxDump 3.0 and earlier (pywxdump-rows.ts), or the JSON array. A first pass counts rows and collects the
 * conversations (`room_name`) and the owner (`TalkerSurvey`), so contacts and conversations are yielded before any
 * message. `CreateTime` is local time: see `ExportReaderOptions.timeZone`. Messages carry `preclassified` from
 * PyWxDump's rendered text (pywxdump-rendered-text.ts).
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
      const record: ConversationRecord = {
        type: 'conversation',
        username,
        displayName: names.get(username) ?? null,
        isGroup,
      };
      yield record;
    }
    const ctx = { sourceFile: what, folder: exportFolderOf(this.path), timeZone: this.timeZone, owner };
    const rows = this.rows(this.path);
    const messages = async function* () {
      for await (const item of rows) {
        throwIfCancelled(signal, what);
        yield item.type === 'skipped' ? item : await toPyWxDumpMessage(item, ctx);
      }
    };
    yield* tallySkips(messages(), this.skipped);
  }

  protected async survey(): Promise<Survey> {
    const users = await readPyWxDumpUsers(exportFolderOf(this.path));
    const conversations = new Map<string, boolean>();
    const talkers = new TalkerSurvey();
    let messages = 0;
    for await (const item of this.rows(this.path)) {
      if (item.type === 'skipped') continue;
      const { row } = item;
      messages++;
      const room = usernameOrNull(row.room_name);
      if (room && !conversations.has(room)) conversations.set(room, isGroupChat(room));
      talkers.add(row, room);
    }
    const owner = this.options.owner ?? talkers.owner() ?? this.options.knownOwner ?? null;
    return { users, conversations, owner, messages };
  }
}

/**
 * Who the owner is, as far as the `talker` column tells. PyWxDump writes "我" for sent rows (no username), but a
 * file may name the owner's wxid there (an export made with `my_wxid`), or the peer (a page that went through other
 * tools and a spreadsheet has been seen with the received rows' talker on sent rows). So a sent row's talker
 * counts only if it never talks in a received row and is no conversation, and only when the sent rows name one such
 * talker: two could be anyone's. The person's `owner` wins over it, and the vault's `knownOwner` stands in without it.
 */
class TalkerSurvey {
  private readonly sent = new Set<string>();
  private readonly others = new Set<string>();

  add(row: PyWxDumpRow, room: string | null): void {
    const talker = usernameOrNull(row.talker);
    if (room) this.others.add(room);
    if (talker) (isSentRow(row) ? this.sent : this.others).add(talker);
  }

  owner(): string | null {
    const candidates = [...this.sent].filter((talker) => !this.others.has(talker));
    return candidates.length === 1 ? candidates[0]! : null;
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
