import { run } from '../../electron/core/db/sqlite';
import type { StoredMessage } from '../../electron/core/store/message-writer';
import type { VaultSession } from '../../electron/core/session/vault-session';

export interface BenchConversation {
  id: number;
  username: string;
  name: string;
  isGroup: boolean;
  /** Messages to generate, one every `spacing` seconds from `start`. */
  count: number;
  start: number;
  spacing: number;
  /** Senders taking turns (the owner's messages have isSent set). */
  senders: string[];
  /** The text of message i, when the default varied lines will not do (a benchmark that searches needs its words). */
  text?: (i: number) => string;
}

export const BENCH_OWNER = 'wxid_bench_owner';
const BATCH = 50_000;

/**
 * Fills a vault with generated conversations as the import pipeline leaves them: catalog rows (name, counts, first
 * and last times, preview), contacts for the senders, the owner, and the messages in large batches.
 */
export async function fillBenchVault(session: VaultSession, conversations: BenchConversation[]): Promise<void> {
  await session.write((w) => {
    w.setSetting('owner', { username: BENCH_OWNER, name: '我' });
    for (const c of conversations) {
      run(
        w.catalog,
        'INSERT INTO conversations (id, username, display_name, is_group, message_count, first_message_time, last_message_time, last_message_preview) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          c.id,
          c.username,
          c.name,
          c.isGroup ? 1 : 0,
          c.count,
          c.start,
          c.start + (c.count - 1) * c.spacing,
          `消息 ${c.count}`,
        ],
      );
      for (const s of c.senders)
        if (s !== BENCH_OWNER)
          run(w.catalog, 'INSERT OR IGNORE INTO contacts (username, nickname) VALUES (?, ?)', [
            s,
            `联系人 ${s.slice(-3)}`,
          ]);
    }
  });
  for (const c of conversations) {
    for (let done = 0; done < c.count; done += BATCH) {
      const batch: StoredMessage[] = [];
      for (let i = done; i < Math.min(c.count, done + BATCH); i++) {
        const sender = c.senders[i % c.senders.length]!;
        batch.push({
          conversationId: c.id,
          dedupeKey: `bench:${c.id}:${i}`,
          sourceId: null,
          sender,
          isSent: sender === BENCH_OWNER,
          time: c.start + i * c.spacing,
          kind: 'text',
          // Varied lengths, so rows have different heights as real chats do.
          text: c.text
            ? c.text(i)
            : i % 7 === 0
              ? `第 ${i + 1} 条：${'很长的一段话，'.repeat(1 + (i % 5))}\n换行之后还有一行。`
              : `消息 ${i + 1}`,
          payload: null,
          raw: null,
          mediaId: null,
          importId: null,
        });
      }
      await session.write((w) => w.insertMessages(batch));
    }
  }
}
