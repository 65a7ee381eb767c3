import { classifyMessage } from '../classify-message';
import type { SourceMessage } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import { peekSenderUsername } from '../reader-kit/peek-app-message';
import { unsignedServerId } from '../reader-kit/server-id';
import type { ChatRow } from './ios-chat-rows';
import type { IosManifest } from './ios-manifest';
import { findIosMedia } from './ios-media';
import { UNKNOWN_DICTIONARY, UNKNOWN_DICTIONARY_TEXT, decodeIosBody, type IosBody } from './ios-message-body';

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
export const GROUP_PREFIX = /^([A-Za-z0-9][A-Za-z0-9_.@-]{0,63}):\n/;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
export const SYSTEM_TYPES: ReadonlySet<number> = new Set([10000, 10002]);
const UNDECOMPRESSED_TEXT = '[Compressed by WeChat; Locket could not decompress it]';

export async function toSourceMessage(row: ChatRow, ctx: ChatContext): Promise<SourceMessage> {
  const decoded = decodeIosBody(row.Message, row.WCDB_CT_Message ?? null);
  const warnings = [...decoded.warnings];
  let body = decoded.readable ? decoded.text : '';
  // Des: 0 = sent by the owner, 1 = received (§5.3, verified in BM and TS).
  const isSent = row.Des === 0;
  let sender: string | null = isSent ? ctx.owner : ctx.peer;
  if (ctx.isGroup && !isSent) {
    // Split on the first ':\n' only; the rest of the body may contain more. A body that could not be decompressed
    // keeps its prefix inside the compressed bytes, so its sender is not known.
    const match = GROUP_PREFIX.exec(body);
    if (match?.[1]) {
      sender = match[1];
      body = body.slice(match[0].length);
    } else {
      sender = decoded.readable ? senderFromXml(body, row.Type, ctx.owner) : null;
      // System lines in groups carry no sender; anything else should have.
      if (sender === null && row.Message !== null && !SYSTEM_TYPES.has(row.Type)) warnings.push('missing-group-sender');
    }
  }
  // A received system line has no sender, as PC 3.x, 4.x and Android readers say: naming a 1:1 chat's peer here
  // would give the same line (no server id, so deduplicated by fingerprint) two identities across sources.
  if (!isSent && SYSTEM_TYPES.has(row.Type)) sender = null;
  // Media are found by MesLocalID, so an image whose XML could not be read still finds its picture.
  const media = await findIosMedia(
    ctx.manifest,
    { accountDir: ctx.accountDir, chatHash: ctx.chatHash, localId: row.MesLocalID },
    row.Type,
    body,
  );
  const raw: SourceMessage['raw'] = {
    TableVer: row.TableVer,
    MesLocalID: row.MesLocalID,
    MesSvrID: row.MesSvrID,
    CreateTime: row.CreateTime,
    // Compressed bodies are BLOBs: kept byte for byte, as base64.
    Message: row.Message instanceof Uint8Array ? Buffer.from(row.Message).toString('base64') : row.Message,
    Status: row.Status,
    ImgStatus: row.ImgStatus,
    Type: row.Type,
    Des: row.Des,
  };
  if (row.WCDB_CT_Message !== undefined) raw.WCDB_CT_Message = row.WCDB_CT_Message;
  const message: SourceMessage = {
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
    raw,
    media,
    warnings,
  };
  if (!decoded.readable) message.preclassified = unreadable(row.Type, decoded);
  return message;
}

/** A username the XML names as the sender, when it can be one: not the owner (the row was received), not a group. */
function senderFromXml(body: string, type: number, owner: string | null): string | null {
  const username = peekSenderUsername(body, type);
  if (username === null || !USERNAME.test(username) || username === owner || isGroupChat(username)) return null;
  return username;
}

/**
 * A body that could not be read. Its kind is what the type alone says (as the classifier names it for an empty
 * body: an image stays an image, so the picture found by its local id still shows), its text says why it cannot
 * be read, and its payload names the reason (and the dictionary the frame asks for) for the archive.
 */
function unreadable(
  type: number,
  body: Extract<IosBody, { readable: false }>,
): NonNullable<SourceMessage['preclassified']> {
  const { kind } = classifyMessage({ rawType: type, rawSubType: null, content: '' });
  const payload: Record<string, unknown> = { unreadable: body.reason };
  if (body.dictionaryId !== null) payload.dictionaryId = body.dictionaryId;
  return { kind, text: body.reason === UNKNOWN_DICTIONARY ? UNKNOWN_DICTIONARY_TEXT : UNDECOMPRESSED_TEXT, payload };
}
