import { plausibleTimeOrUndefined } from '../../common/message-time';
import type { MessageView } from '../../ipc/contract';
import { all, type ReadOnlyDatabase } from '../db/sqlite';
import type { ExportConversation, ExportMedia, ExportMessage } from './export-message';
import type { ParticipantNames } from './participant-names';
import type { Redactor } from './redactor';
import type { ZonedClock } from './zoned-clock';

/**
 * Turns a vault message into what the writers print: names in the export's names mode, pseudonyms and masks
 * applied to every name, text and payload field, times in the export's zone. Every writer sees the same result,
 * so the transcript, JSON lines and CSV can never disagree about a name.
 */
export class MessagePreparer {
  private readonly conversations = new Map<number, ExportConversation>();

  constructor(
    catalog: ReadOnlyDatabase,
    private readonly names: ParticipantNames,
    private readonly redactor: Redactor,
    private readonly clock: ZonedClock,
  ) {
    for (const c of all<{ id: number; username: string; display_name: string; is_group: number }>(
      catalog,
      'SELECT id, username, display_name, is_group FROM conversations',
    )) {
      const pseudonym = c.is_group ? null : redactor.pseudonymOf(c.username);
      this.conversations.set(c.id, {
        id: c.id,
        username: pseudonym ?? c.username,
        name: pseudonym ?? redactor.text(names.conversationName({ username: c.username, displayName: c.display_name })),
        isGroup: c.is_group === 1,
      });
    }
  }

  conversation(id: number): ExportConversation {
    return this.conversations.get(id) ?? { id, username: String(id), name: String(id), isGroup: false };
  }

  prepare(view: MessageView, media: ExportMedia[]): ExportMessage {
    const { media: _media, ...payload } = view.payload;
    return {
      id: String(view.id),
      sourceId: view.serverId,
      importId: view.importId === null ? null : String(view.importId),
      conversation: this.conversation(view.conversationId),
      sender: this.redactor.pseudonymOf(view.sender) ?? view.sender,
      senderName: this.personName(view.sender, view.conversationId, view.senderName),
      isSelf: view.isSelf,
      time: view.time,
      local: this.clock.local(view.time),
      kind: view.kind,
      text: this.redactor.text(view.text),
      payload: this.redactor.deep(payload),
      media,
      quote: this.quote(view),
    };
  }

  private personName(username: string | null, conversationId: number, fallback: string | null): string | null {
    const pseudonym = this.redactor.pseudonymOf(username);
    if (pseudonym) return pseudonym;
    const name = this.names.nameOf(username, conversationId);
    // A name the vault does not know falls back to the username; a name the message itself carries is better.
    const chosen = name === username && fallback && this.names.mode !== 'wxid' ? fallback : (name ?? fallback);
    return chosen === null ? null : this.redactor.text(chosen);
  }

  private quote(view: MessageView): ExportMessage['quote'] {
    if (view.kind !== 'quote') return null;
    // Stored JSON: a damaged or foreign payload may hold anything under `quoted`.
    const quoted = view.payload.quoted as
      { sender?: unknown; senderName?: unknown; text?: unknown; time?: unknown } | undefined;
    if (!quoted || typeof quoted !== 'object') return null;
    const sender = typeof quoted.sender === 'string' ? quoted.sender : null;
    const senderName = typeof quoted.senderName === 'string' ? quoted.senderName : null;
    // The quote's own time when its source had one, else the quoted message's when the view found it nearby.
    const time = plausibleTimeOrUndefined(quoted.time) ?? view.quotedTime;
    return {
      senderName: this.personName(sender, view.conversationId, senderName),
      text: this.redactor.text(typeof quoted.text === 'string' ? quoted.text : ''),
      time: time ?? null,
      local: time === undefined ? null : this.clock.local(time),
    };
  }
}
