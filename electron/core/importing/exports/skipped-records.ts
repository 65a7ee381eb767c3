import type { SourceMessage } from '../model';

/** A record of the export that could not be read as a message, with why. */
export interface Skipped {
  type: 'skipped';
  reason: string;
}

export const skipped = (reason: string): Skipped => ({ type: 'skipped', reason });

/** Counts of skipped records by reason, kept by each export reader for its caller. */
export type SkipTally = Record<string, number>;

/**
 * Passes messages on, turning every skipped record into a `skipped-<reason>` warning on a neighbouring message,
 * since warnings are how a reader tells the pipeline about problems (model.ts). One message is held back so a
 * skip is attached to the message BEFORE it; skips before the first message go on the first one. An export with
 * no readable message at all has nothing to carry them: the reader's tally still counts them.
 */
export async function* attachSkips(items: AsyncIterable<SourceMessage | Skipped> | Iterable<SourceMessage | Skipped>, tally: SkipTally): AsyncGenerator<SourceMessage> {
  let held: SourceMessage | null = null;
  const pending: string[] = [];
  for await (const item of items) {
    if (item.type === 'skipped') {
      tally[item.reason] = (tally[item.reason] ?? 0) + 1;
      const warning = `skipped-${item.reason}`;
      if (held) held.warnings.push(warning);
      else pending.push(warning);
      continue;
    }
    if (held) yield held;
    held = item;
    held.warnings.push(...pending.splice(0));
  }
  if (held) yield held;
}
