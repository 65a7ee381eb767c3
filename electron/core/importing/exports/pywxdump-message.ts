import type { MediaReference, MediaRole, SourceMessage } from '../model';
import { isImpreciseId, isGroupUsername, serverIdOf, usernameOrNull } from './export-ids';
import { exportMedia } from './export-media';
import { localTimeToUtcSeconds } from './local-time';
import { preclassifyPyWxDump } from './pywxdump-rendered-text';
import { pyWxDumpType } from './pywxdump-type-names';
import { rawFieldsOf } from './raw-fields';
import { skipped, type Skipped } from './skipped-records';

/** PyWxDump's CSV header, exactly (PWD `api/export/exportCSV.py`, §8.2); the JSON objects have these keys plus `extra`. */
export const PYWXDUMP_COLUMNS = ['id', 'MsgSvrID', 'type_name', 'is_sender', 'talker', 'room_name', 'msg', 'src', 'CreateTime'] as const;

export interface PyWxDumpContext {
  /** The export file's name, for the report. */
  sourceFile: string;
  /** The export's folder: `src` paths resolve inside it and nowhere else. */
  folder: string;
  timeZone: string;
  owner: string | null;
}

/** One exported row (a CSV record by column name, or a JSON object) → a source message, or why it was skipped. */
export async function toPyWxDumpMessage(row: Record<string, unknown>, ctx: PyWxDumpContext): Promise<SourceMessage | Skipped> {
  const conversation = usernameOrNull(row.room_name);
  if (!conversation) return skipped('missing-conversation');
  const time = timeOf(row.CreateTime, ctx.timeZone);
  if (time === null) return skipped('invalid-time', conversation);

  const warnings: string[] = [];
  const label = typeof row.type_name === 'string' ? row.type_name : '';
  const type = pyWxDumpType(label);
  if (!type.isKnownLabel) warnings.push('unknown-type-name');
  const msg = typeof row.msg === 'string' ? row.msg : row.msg === null || row.msg === undefined ? '' : String(row.msg);
  const src = typeof row.src === 'string' ? row.src : '';
  const isSent = row.is_sender === 1 || row.is_sender === '1' || row.is_sender === true;
  // `talker` is the sender; PyWxDump writes "我" (me) for sent rows unless it was given the owner's wxid (§8.2).
  const talker = usernameOrNull(row.talker);
  // A received system line (10000, revokes included) in a 1:1 chat has no sender, as the database readers say;
  // PyWxDump names the chat's peer there, which would give a line without a server id another fingerprint.
  const isSystemLine = type.type === 10000 || type.type === 10002;
  const sender = isSent ? (talker ?? ctx.owner) : isGroupUsername(conversation) ? talker : isSystemLine ? null : (talker ?? conversation);
  if (isImpreciseId(row.MsgSvrID)) warnings.push('imprecise-id');

  const preclassified = preclassifyPyWxDump(type, { label, msg, src, extra: row.extra });
  const media: MediaReference[] = [];
  const role = MEDIA_ROLES[type.kind];
  if (role) {
    const found = await exportMedia(ctx.folder, src, role, role === 'file' ? fileNameOf(msg, src) : null);
    media.push(found.reference);
    if (found.warning) warnings.push(found.warning);
  }
  return {
    type: 'message',
    sourceFile: ctx.sourceFile,
    sourceId: serverIdOf(row.MsgSvrID),
    localId: row.id === undefined || row.id === null || row.id === '' ? null : String(row.id),
    conversation,
    sender,
    isSent,
    time,
    rawType: type.type,
    rawSubType: type.subType,
    content: msg,
    raw: rawFieldsOf(row),
    media,
    warnings,
    preclassified,
  };
}

const MEDIA_ROLES: Partial<Record<string, MediaRole>> = { image: 'image', video: 'video', voice: 'voice', file: 'file' };

/**
 * `CreateTime` is local time 'YYYY-MM-DD HH:MM:SS' (§8.2). PyWxDump's `timestamp2str` passes through values it
 * cannot format, so 10-digit seconds and 13-digit milliseconds are accepted as UTC epochs.
 */
function timeOf(value: unknown, timeZone: string): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (/^\d{10}$/.test(text)) return Number(text);
  if (/^\d{13}$/.test(text)) return Math.floor(Number(text) / 1000);
  return localTimeToUtcSeconds(text, timeZone);
}

function fileNameOf(msg: string, src: string): string | null {
  const fromMsg = msg.trim();
  if (fromMsg && !fromMsg.includes('\n')) return fromMsg;
  const base = src.replace(/\\/g, '/').split('/').pop()?.trim();
  return base || null;
}
