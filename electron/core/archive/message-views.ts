import type { MediaRef, MessageView, MessageViewBody } from '../../ipc/contract';
import { readPreviewLine, type MessageKind, type PreviewLine, type StoredPayload } from '../../common/message-kinds';
import { SenderNames } from './sender-names';
import { all, type ReadOnlyDatabase } from '../db/sqlite';

/** The columns a view reads of a message (not `raw`, which can be large and is never shown). */
export const MESSAGE_COLUMNS = 'id, conversation_id, source_id, sender, is_sent, time, kind, text, payload, import_id';

export interface MessageRow {
  id: number;
  conversation_id: number;
  source_id: string | null;
  sender: string | null;
  is_sent: number;
  time: number;
  kind: string;
  text: string;
  payload: string | null;
  import_id: number | null;
}

/**
 * Shard rows as the MessageView the contract shows (browsing, search, export all use it); conversation usernames
 * and sender names are looked up in the catalog once per instance.
 */
export class MessageViews {
  private readonly usernames: Map<number, string>;
  private readonly names: SenderNames;

  constructor(catalog: ReadOnlyDatabase) {
    this.usernames = new Map(
      all<{ id: number; username: string }>(catalog, 'SELECT id, username FROM conversations').map((r) => [
        r.id,
        r.username,
      ]),
    );
    this.names = new SenderNames(catalog);
  }

  hasConversation(id: number): boolean {
    return this.usernames.has(id);
  }

  view(r: MessageRow): MessageView {
    const payload = r.payload ? (JSON.parse(r.payload) as StoredPayload<MessageKind>) : {};
    const media = Array.isArray(payload.media) ? (payload.media as MediaRef[]) : [];
    // The importer writes only the contract's kinds (classify-message.ts).
    const kind = r.kind as MessageKind;
    const isSelf = r.is_sent === 1;
    return {
      id: r.id,
      conversationId: r.conversation_id,
      conversation: this.usernames.get(r.conversation_id) ?? '',
      serverId: r.source_id,
      importId: r.import_id,
      sender: r.sender ?? (isSelf ? this.names.ownerUsername : null),
      senderName: this.names.nameOf(r.sender, r.conversation_id, isSelf),
      isSelf,
      time: r.time,
      text: r.text,
      line: messageLine(kind, r.text),
      media,
      ...viewBody(kind, payload),
    };
  }
}

/** A text message's words are never a placeholder, even when someone typed "[Image]". */
function messageLine(kind: MessageKind, text: string): PreviewLine {
  return kind === 'text' ? { kind: 'text', text } : readPreviewLine(text);
}

/**
 * The payload under its kind, as the vault stored it; quotes and records also get the lines they hold as data.
 * The payload is plain JSON written by the importer for this kind, so it is read as that kind's stored shape.
 */
function viewBody(kind: MessageKind, payload: StoredPayload<MessageKind>): MessageViewBody {
  if (kind === 'quote') {
    const quoted = (payload as StoredPayload<'quote'>).quoted;
    const text = typeof quoted?.text === 'string' ? quoted.text : null;
    return { kind, payload, quotedLine: text === null ? null : readPreviewLine(text) };
  }
  if (kind === 'record') {
    const items = (payload as StoredPayload<'record'>).items;
    const lines = Array.isArray(items) ? items.map((item: unknown) => readPreviewLine(textOf(item))) : [];
    return { kind, payload, itemLines: lines };
  }
  return { kind, payload } as MessageViewBody;
}

function textOf(item: unknown): string {
  const text = typeof item === 'object' && item !== null ? (item as { text?: unknown }).text : undefined;
  return typeof text === 'string' ? text : '';
}
