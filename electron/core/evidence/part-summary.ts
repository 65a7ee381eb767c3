import type { MessageKind } from '../../common/message-kinds';
import { all, type ReadOnlyDatabase } from '../db/sqlite';
import { buildProvenance, type BagProvenance } from './bag-provenance';
import type { ExportMessage } from './export-message';
import type { PartContext } from './part-context';
import type { RedactionStats, Redactor } from './redactor';

/** What one bag holds and what it leaves out, in counts: the cover's completeness statement. */
export interface Completeness {
  messages: number;
  isSplit: boolean;
  /** Each exported conversation: its messages in this bag and in the vault. */
  conversations: { name: string; inBag: number; inVault: number }[];
  byKind: [MessageKind, number][];
  mediaFiles: number;
  /** Media the bag lacks, by the reason the import (or the export) recorded. */
  missingMedia: [string, number][];
  redaction: { pseudonyms: number; names: number; phoneNumbers: number; wechatIds: number; isMasking: boolean };
}

/** What a finished part knows that its first page and its provenance section state. */
export interface PartSummary {
  completeness: Completeness;
  provenance: BagProvenance;
}

/** Counts one part's messages as they are added: per conversation, kind, import, and missing media by reason. */
export class PartTally {
  private readonly byConversation = new Map<number, { name: string; count: number }>();
  private readonly byKind = new Map<MessageKind, number>();
  private readonly byImport = new Map<number | null, number>();
  private readonly missing = new Map<string, number>();
  private messages = 0;

  add(m: ExportMessage): void {
    this.messages++;
    const conversation = this.byConversation.get(m.conversation.id) ?? { name: m.conversation.name, count: 0 };
    conversation.count++;
    this.byConversation.set(m.conversation.id, conversation);
    this.byKind.set(m.kind, (this.byKind.get(m.kind) ?? 0) + 1);
    const importId = m.importId === null ? null : Number(m.importId);
    this.byImport.set(importId, (this.byImport.get(importId) ?? 0) + 1);
    for (const media of m.media)
      if (media.path === null) {
        const reason = media.missingReason ?? 'unknown';
        this.missing.set(reason, (this.missing.get(reason) ?? 0) + 1);
      }
  }

  /**
   * The summary, once every message is in. `stats` are the redaction counts of this part's message text, taken
   * before anything here is redacted (the source names below go through the redactor too, but are not message
   * text).
   */
  summarize(input: {
    catalog: ReadOnlyDatabase;
    context: PartContext;
    redactor: Redactor;
    stats: RedactionStats;
    isMasking: boolean;
    mediaFiles: number;
  }): PartSummary {
    const inVault = new Map(
      all<{ id: number; message_count: number }>(input.catalog, 'SELECT id, message_count FROM conversations').map(
        (r) => [r.id, r.message_count],
      ),
    );
    const completeness: Completeness = {
      messages: this.messages,
      isSplit: input.context.isSplit,
      conversations: [...this.byConversation].map(([id, c]) => ({
        name: c.name,
        inBag: c.count,
        inVault: Math.max(inVault.get(id) ?? c.count, c.count),
      })),
      byKind: [...this.byKind].sort(([, a], [, b]) => b - a),
      mediaFiles: input.mediaFiles,
      missingMedia: [...this.missing].sort(([, a], [, b]) => b - a),
      redaction: {
        pseudonyms: input.redactor.pseudonyms.length,
        names: input.stats.names,
        phoneNumbers: input.stats.phoneNumbers,
        wechatIds: input.stats.wechatIds,
        isMasking: input.isMasking,
      },
    };
    return {
      completeness,
      provenance: buildProvenance(input.catalog, input.context, this.byImport, input.redactor),
    };
  }
}
