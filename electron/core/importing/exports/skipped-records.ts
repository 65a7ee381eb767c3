import type { SkippedRecord, SourceMessage } from '../model';

/** A record of the export that could not be read as a message, with why (model.ts). */
export type Skipped = SkippedRecord;

export const skipped = (reason: string, conversation: string | null = null): Skipped => ({
  type: 'skipped',
  reason,
  conversation,
});

/** Counts of skipped records by reason, kept by each export reader for its caller. */
export type SkipTally = Record<string, number>;

/**
 * Passes messages and skipped records on, counting the skips in the reader's own tally. The pipeline counts every
 * skipped record in the import report (by reason, per conversation when the record names one), so no source row
 * goes missing without a word. A skip that names no conversation takes `conversation` when the reader knows it
 * (one chat per file).
 */
export async function* tallySkips(
  items: AsyncIterable<SourceMessage | Skipped> | Iterable<SourceMessage | Skipped>,
  tally: SkipTally,
  conversation: string | null = null,
): AsyncGenerator<SourceMessage | Skipped> {
  for await (const item of items) {
    if (item.type === 'skipped') {
      tally[item.reason] = (tally[item.reason] ?? 0) + 1;
      yield item.conversation === null && conversation !== null ? { ...item, conversation } : item;
      continue;
    }
    yield item;
  }
}
