import type { MediaReference, MediaRole, SourceMessage } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import { isImpreciseId, serverIdOf, usernameOrNull } from './export-ids';
import { exportMedia } from './export-media';
import { localTimeToUtcSeconds } from './local-time';
import { preclassifyPyWxDump, pyWxDumpFileName } from './pywxdump-rendered-text';
import type { PyWxDumpRowItem } from './pywxdump-rows';
import { pyWxDumpType } from './pywxdump-type-names';
import { rawFieldsOf, textOf } from './raw-fields';
import { skipped, type Skipped } from './skipped-records';

export interface PyWxDumpContext {
  /** The export file's name, for the report. */
  sourceFile: string;
  /** The export's folder: `src` paths resolve inside it and nowhere else. */
  folder: string;
  timeZone: string;
  /** The account owner (read-pywxdump.ts says how it is found): the sender of every sent row. */
  owner: string | null;
}

/** One exported row (a CSV record by column name, or a JSON object) → a source message, or why it was skipped. */
export async function toPyWxDumpMessage(item: PyWxDumpRowItem, ctx: PyWxDumpContext): Promise<SourceMessage | Skipped> {
  const { row } = item;
  const conversation = usernameOrNull(row.room_name);
  if (!conversation) return skipped('missing-conversation');
  const time = timeOf(row.CreateTime, ctx.timeZone);
  if (time === null) return skipped('invalid-time', conversation);

  const warnings: string[] = [...(item.warnings ?? [])];
  const label = typeof row.type_name === 'string' ? row.type_name : '';
  const type = pyWxDumpType(label);
  if (!type.isKnownLabel) warnings.push('unknown-type-name');
  const msg = textOf(row.msg);
  const src = typeof row.src === 'string' ? row.src : '';
  const isSent = isSentRow(row);
  const sender = senderOf(row, {
    conversation,
    isSent,
    isSystemLine: type.type === 10000 || type.type === 10002,
    owner: ctx.owner,
  });
  if (isImpreciseId(row.MsgSvrID)) warnings.push('imprecise-id');

  const body = { label, msg, src, extra: row.extra, timeZone: ctx.timeZone };
  const preclassified = preclassifyPyWxDump(type, body);
  const media: MediaReference[] = [];
  const role = MEDIA_ROLES[type.kind];
  if (role) {
    const found = await exportMedia(ctx.folder, src, role, role === 'file' ? pyWxDumpFileName(body) || null : null);
    media.push(found.reference);
    if (found.warning) warnings.push(found.warning);
  }
  return {
    type: 'message',
    sourceFile: ctx.sourceFile,
    sourceId: serverIdOf(row.MsgSvrID),
    localId: row.id === undefined || row.id === null || row.id === '' ? null : textOf(row.id),
    conversation,
    sender,
    isSent,
    time,
    rawType: type.type,
    rawSubType: type.subType,
    content: msg,
    raw: rawFieldsOf(item.original ?? row),
    media,
    warnings,
    preclassified,
  };
}

const MEDIA_ROLES: Partial<Record<string, MediaRole>> = {
  image: 'image',
  video: 'video',
  voice: 'voice',
  file: 'file',
};

export const isSentRow = (row: Record<string, unknown>): boolean =>
  row.is_sender === 1 || row.is_sender === '1' || row.is_sender === true;

interface SenderFacts {
  conversation: string;
  isSent: boolean;
  isSystemLine: boolean;
  owner: string | null;
}

/**
 * Who sent a row. A sent row's sender is the owner, never its `talker`: PyWxDump writes "我" (me) there, and a
 * file that went through other hands may hold the peer (a spreadsheet-resaved page does), so the owner found for
 * the whole file decides. In a group `talker` is the member. In a one-to-one chat only the peer can have sent a
 * received row, so it is the chat itself whatever `talker` says, as the database readers have it; a received
 * system line (10000, revokes included) there has no sender, as they say too (PyWxDump names the peer, which would
 * give a line without a server id another fingerprint).
 */
function senderOf(row: Record<string, unknown>, facts: SenderFacts): string | null {
  if (facts.isSent) return facts.owner;
  if (isGroupChat(facts.conversation)) return usernameOrNull(row.talker);
  return facts.isSystemLine ? null : facts.conversation;
}

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
