import type { SourceMessage } from '../model';
import type { ChatRow } from './ios-chat-rows';
import { findIosMedia } from './ios-media';
import type { IosManifest } from './ios-manifest';
import { unsignedServerId } from '../server-id';

/** What every row of one chat table shares. */
export interface ChatContext {
  manifest: IosManifest;
  /** Stored path of the database, relative to the backup root. */
  sourceFile: string;
  conversation: string;
  isGroup: boolean;
  /** The other party of a one-to-one chat; null for groups and for chats whose username is lost. */
  peer: string | null;
  owner: string | null;
  accountDir: string;
  chatHash: string;
}

/** `sender:\n` at the start of a received group message (§1.3). Usernames have no spaces, colons or markup. */
const GROUP_PREFIX = /^([A-Za-z0-9][A-Za-z0-9_.@-]{0,63}):\n/;
const SYSTEM_TYPES = new Set([10000, 10002]);
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

export async function toSourceMessage(row: ChatRow, ctx: ChatContext): Promise<SourceMessage> {
  const warnings: string[] = [];
  let body = bodyOf(row.Message, warnings);
  // Des: 0 = sent by the owner, 1 = received (§5.3, verified in BM and TS).
  const isSent = row.Des === 0;
  let sender: string | null = isSent ? ctx.owner : ctx.peer;
  if (ctx.isGroup && !isSent) {
    // Split on the first ':\n' only; the rest of the body may contain more.
    const match = GROUP_PREFIX.exec(body);
    if (match?.[1]) {
      sender = match[1];
      body = body.slice(match[0].length);
    } else {
      sender = null;
      // System lines in groups carry no sender; anything else should have.
      if (row.Message !== null && !SYSTEM_TYPES.has(row.Type)) warnings.push('missing-group-sender');
    }
  }
  // A received system line has no sender, as PC 3.x, 4.x and Android readers say: naming a 1:1 chat's peer here
  // would give the same line (no server id, so deduplicated by fingerprint) two identities across sources.
  if (!isSent && SYSTEM_TYPES.has(row.Type)) sender = null;
  const media = await findIosMedia(ctx.manifest, { accountDir: ctx.accountDir, chatHash: ctx.chatHash, localId: row.MesLocalID }, row.Type, body);
  return {
    type: 'message',
    sourceFile: ctx.sourceFile,
    sourceId: unsignedServerId(row.MesSvrID),
    localId: String(row.MesLocalID),
    conversation: ctx.conversation,
    sender,
    isSent,
    time: row.CreateTime,
    rawType: row.Type,
    rawSubType: null,
    content: body,
    raw: {
      TableVer: row.TableVer,
      MesLocalID: row.MesLocalID,
      MesSvrID: row.MesSvrID,
      CreateTime: row.CreateTime,
      Message: row.Message instanceof Uint8Array ? Buffer.from(row.Message).toString('base64') : row.Message,
      Status: row.Status,
      ImgStatus: row.ImgStatus,
      Type: row.Type,
      Des: row.Des,
    },
    media,
    warnings,
  };
}

function bodyOf(message: ChatRow['Message'], warnings: string[]): string {
  if (message === null) {
    warnings.push('null-content');
    return '';
  }
  if (typeof message === 'string') return message;
  // A BLOB where TEXT belongs: decode, and say so when the bytes are not valid UTF-8.
  try {
    return utf8Strict.decode(message);
  } catch {
    warnings.push('invalid-utf8');
    return utf8Lenient.decode(message);
  }
}
