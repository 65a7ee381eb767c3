import { basename } from 'node:path';
import type { GroupRecord, ImportRecord, SourceDescription, SourceMessage } from '../model';
import { throwIfCancelled } from './export-file';
import { ExportFileReader } from './export-file-reader';
import { localTimeToUtcSeconds } from './local-time';
import { memoTraceFileDisplayName } from './memotrace-names';
import { withoutStrayCdataEnd } from './memotrace-system-lines';
import { MEMOTRACE_COLUMNS, memoTraceCsvRows, surveyMemoTraceCsv, type MemoTraceSurvey } from './memotrace-csv-survey';
import { tallySkips, skipped, type Skipped } from './skipped-records';

/**
 * Reads a MemoTrace (WeChatMsg v2.0.5) CSV export (§8.3): UTF-8 with BOM, one file per contact, PC 3.x columns with
 * `StrContent` raw (XML for non-text), so messages go to the shared classifier like database rows (no
 * `preclassified`). The conversation comes from the data, else from a `<remark>(<wxid>)` folder
 * (memotrace-csv-survey.ts); the file name is only a display name. There is no server id in the export: `sourceId` is null and the pipeline dedupes by fingerprint, so senders
 * follow the database readers' rules (`senderOf`) and a TXT export of the same chat yields the same ones.
 */
export class MemoTraceCsvReader extends ExportFileReader<MemoTraceSurvey> {
  readonly format = 'memotrace-csv' as const;

  async describe(): Promise<SourceDescription> {
    const survey = await this.prepare();
    const ownerContact = survey.contacts.find((c) => c.username === survey.owner);
    return {
      format: this.format,
      owner: survey.owner,
      ownerName: (ownerContact && (ownerContact.nickname ?? ownerContact.remark)) || (this.options.ownerName ?? null),
      files: [this.path],
      estimatedMessages: survey.messages,
    };
  }

  async *read(signal?: AbortSignal): AsyncGenerator<ImportRecord> {
    const what = basename(this.path);
    throwIfCancelled(signal, what);
    const survey = await this.prepare();
    yield* survey.contacts;
    if (survey.isGroup) {
      const group: GroupRecord = {
        type: 'group',
        username: survey.conversation,
        name: survey.displayName,
        owner: null,
        members: survey.senders.map((username) => ({ username, groupNickname: null })),
      };
      yield group;
    }
    yield {
      type: 'conversation',
      username: survey.conversation,
      displayName: survey.displayName,
      isGroup: survey.isGroup,
    };
    const toMessage = (row: Record<string, string>): SourceMessage | Skipped => this.toMessage(row, survey, what);
    const path = this.path;
    const messages = async function* () {
      for await (const item of memoTraceCsvRows(path)) {
        throwIfCancelled(signal, what);
        yield item.type === 'skipped' ? item : toMessage(item.row);
      }
    };
    yield* tallySkips(messages(), this.skipped, survey.conversation);
  }

  protected survey(): Promise<MemoTraceSurvey> {
    return surveyMemoTraceCsv(this.path, memoTraceFileDisplayName(this.path), this.options);
  }

  private toMessage(row: Record<string, string>, survey: MemoTraceSurvey, sourceFile: string): SourceMessage | Skipped {
    const rawType = integer(row.Type);
    if (rawType === null) return skipped('malformed-record');
    // CreateTime is UTC epoch seconds; StrTime is the same instant in local time, the fallback when CreateTime is damaged.
    const time = integer(row.CreateTime) ?? localTimeToUtcSeconds(row.StrTime ?? '', this.timeZone);
    if (time === null) return skipped('invalid-time');
    const isSent = row.IsSender?.trim() === '1';
    const content = rawType === SYSTEM_LINE ? withoutStrayCdataEnd(row.StrContent ?? '') : (row.StrContent ?? '');
    return {
      type: 'message',
      sourceFile,
      sourceId: null,
      localId: row.localId?.trim() || null,
      conversation: survey.conversation,
      sender: senderOf(row, rawType, isSent, survey),
      isSent,
      time,
      rawType,
      // As the PC 3.x reader does: the SubType column as it is (0 for most types).
      rawSubType: integer(row.SubType),
      content,
      raw: Object.fromEntries(MEMOTRACE_COLUMNS.map((name) => [name, row[name] ?? null])),
      media: [],
      warnings: [],
    };
  }
}

const SYSTEM_LINE = 10000;
const SYSTEM_XML = 10002;

/**
 * Who sent a row, as the database readers would say it (§1.3): a sent row is the owner's, whatever `Sender` holds
 * (some MemoTrace versions write the peer there); a received system line has no sender; any other received row is
 * its `Sender`, else in a one-to-one chat the peer.
 */
function senderOf(
  row: Record<string, string>,
  rawType: number,
  isSent: boolean,
  survey: MemoTraceSurvey,
): string | null {
  if (isSent) return survey.owner;
  if (rawType === SYSTEM_LINE || rawType === SYSTEM_XML) return null;
  return row.Sender?.trim() || (survey.isGroup ? null : survey.conversation);
}

function integer(value: string | undefined): number | null {
  const text = value?.trim() ?? '';
  return /^-?\d{1,15}$/.test(text) ? Number(text) : null;
}
