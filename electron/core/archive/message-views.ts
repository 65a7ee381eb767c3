import type { MediaRef, MessageKind, MessageView } from '../../ipc/contract';
import { SenderNames } from './sender-names';
import { all } from '../store/sqlite';
import type { Database } from 'sql.js';

/** The columns a view reads of a message (not `raw`, which can be large and is never shown). */
export const MESSAGE_COLUMNS = 'id, conversation_id, source_id, sender, is_sent, time, kind, text, payload';

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
}

/**
 * Shard rows as the MessageView the contract shows (browsing, search, export all use it); conversation usernames
 * and sender names are looked up in the catalog once per instance.
 */
export class MessageViews {
  private readonly usernames: Map<number, string>;
  private readonly names: SenderNames;

  constructor(catalog: Database) {
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
    const payload = r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : {};
    const media = Array.isArray(payload.media) ? (payload.media as MediaRef[]) : [];
    const isSelf = r.is_sent === 1;
    return {
      id: r.id,
      conversationId: r.conversation_id,
      conversation: this.usernames.get(r.conversation_id) ?? '',
      serverId: r.source_id,
      sender: r.sender ?? (isSelf ? this.names.ownerUsername : null),
      senderName: this.names.nameOf(r.sender, r.conversation_id, isSelf),
      isSelf,
      time: r.time,
      kind: r.kind as MessageKind,
      text: r.text,
      payload,
      media,
    };
  }
}
