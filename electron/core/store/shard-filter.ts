import type { Database } from 'sql.js';
import { one, prepareQuery, type ReadOnlyDatabase } from '../db/sqlite';
import { indexedThrough } from './index-shard';
import { PhraseFilterBuilder, atomElements, decodePhraseFilter } from './phrase-filter';
import { searchableText } from './searchable-text';
import type { LoadedShard } from './shard-entries';
import { atomize, type Atom } from './text-atoms';

/**
 * How a write keeps each shard's phrase filter (phrase-filter.ts) equal to its messages. A filter holds the elements
 * of exactly the shard's indexed messages: indexing adds to it (index-shard.ts, `indexNextMessages`), and anything
 * that deletes messages forgets it, so that the shard's next file gets one built again from the messages left. A
 * filter that kept the atoms of wiped messages would tell whoever holds the key which words they held.
 */

/**
 * The filter to add a shard's newly indexed messages to: the one its file holds, or an empty one while none of its
 * messages is indexed; null when neither is known (its file has none, or it was forgotten), and its next file then
 * gets one built from all its messages.
 */
export function filterForChange(shard: LoadedShard): PhraseFilterBuilder | null {
  if (shard.filter === undefined) {
    const fromFile = shard.fileFilter ? decodePhraseFilter(shard.fileFilter) : null;
    shard.filter = fromFile
      ? PhraseFilterBuilder.from(fromFile)
      : hasIndexedMessages(shard.db)
        ? null
        : new PhraseFilterBuilder();
  }
  return shard.filter;
}

/** Messages were deleted from the shard: its filter is built again from those left when it is next written. */
export function forgetFilter(shard: LoadedShard): void {
  shard.filter = null;
}

/**
 * The filter a shard's new file holds: none while some of its messages are not indexed (`unindexed`, from
 * `countUnindexed` in index-shard.ts: a search reads such a shard anyway, to check those messages' text). `kept` is the shard's filter
 * when the file holds every message the shard had, else null (a part of a split), and the filter is then built from
 * the messages.
 */
export function filterToWrite(db: Database, kept: PhraseFilterBuilder | null, unindexed: number): Uint8Array | null {
  if (unindexed > 0) return null;
  if (kept && !kept.isFull) return kept.encode();
  return buildFilter(db).encode();
}

/** A filter of every indexed message of a shard, built from their text. */
function buildFilter(db: ReadOnlyDatabase): PhraseFilterBuilder {
  const builder = new PhraseFilterBuilder();
  eachMessageAtoms(db, indexedThrough(db), (atoms) => builder.addAtoms(atoms));
  return builder;
}

/**
 * How many of a shard's messages hold a run of atoms its phrase filter lacks (`locket check`): a search would pass over
 * them. A filter of another Unicode version or format is never used, so it misses nothing.
 */
export function messagesFilterMisses(db: ReadOnlyDatabase, bytes: Uint8Array): number {
  const filter = decodePhraseFilter(bytes);
  if (!filter) return 0;
  let missed = 0;
  eachMessageAtoms(db, Number.MAX_SAFE_INTEGER, (atoms) => {
    let isHeld = true;
    atomElements(atoms, (h) => {
      if (isHeld && !filter.has(h)) isHeld = false;
    });
    if (!isHeld) missed++;
  });
  return missed;
}

/** The atoms of each message with an id up to `through`, as indexing cuts its searchable text. */
function eachMessageAtoms(db: ReadOnlyDatabase, through: number, visit: (atoms: Atom[]) => void): void {
  const rows = prepareQuery(db, 'SELECT kind, text, payload FROM messages WHERE id <= ?');
  try {
    rows.bind([through]);
    while (rows.step()) {
      const [kind, text, payload] = rows.get() as [string, string, string | null];
      visit(atomize(searchableText(kind, text, payload), false));
    }
  } finally {
    rows.free();
  }
}

function hasIndexedMessages(db: ReadOnlyDatabase): boolean {
  return one(db, 'SELECT 1 FROM messages WHERE id <= (SELECT indexed_through FROM index_state) LIMIT 1') !== undefined;
}
