import type { SourceDb } from './open-source-db';
import { unsignedServerId } from './server-id';
import { blob, integer, iterateRows, nonEmpty } from './source-rows';

/** Where a format keeps its blobs (voice clips) keyed by a message's 64-bit server id. */
export interface BlobTable {
  table: string;
  idColumn: string;
  blobColumn: string;
  /** Which row wins when several share an id (the first in this order); rowid order when absent. */
  order?: string;
  /**
   * A column whose greatest value wins when several rows share an id, across every file (e.g. a creation time:
   * the newest row). Rows without a value in it lose to rows with one; ties keep the first as `order` has it. When
   * absent (the default), the first file (and first row in `order`) that has the id wins. A file whose table lacks
   * the column ranks all its rows as valueless.
   */
  newest?: string;
}

/**
 * Blobs keyed by server id across several database files (PC 3.x `MediaMSGn.db` Media, 4.x `media_N.db`
 * VoiceInfo; docs/wechat-formats.md §2.7, §3.6). Every file is indexed once — ids only, read as text so 64-bit ids stay
 * exact — and a blob is fetched by rowid when a message asks, with one file open at a time.
 */
export class IndexedBlobStore<F> {
  private readonly index = new Map<string, { file: number; rowid: number; rank: number }>();
  private current: { file: number; db: SourceDb } | null = null;

  private constructor(
    private readonly files: readonly F[],
    private readonly open: (file: F) => Promise<SourceDb>,
    private readonly spec: BlobTable,
  ) {}

  static async build<F>(
    files: readonly F[],
    open: (file: F) => Promise<SourceDb>,
    spec: BlobTable,
  ): Promise<IndexedBlobStore<F>> {
    const store = new IndexedBlobStore(files, open, spec);
    for (const [file, source] of files.entries()) {
      const db = await open(source);
      try {
        if (!db.tableNames().includes(spec.table)) continue;
        const ranked = spec.newest !== undefined && db.columnNames(spec.table).includes(spec.newest);
        const rank = ranked ? `"${spec.newest}"` : 'NULL';
        const sql = `SELECT rowid AS id, CAST("${spec.idColumn}" AS TEXT) AS svrid, ${rank} AS rank FROM "${spec.table}" WHERE "${spec.idColumn}" IS NOT NULL ORDER BY ${spec.order ?? 'rowid'}`;
        for (const row of iterateRows(db, sql)) {
          const svrid = unsignedServerId(nonEmpty(row.svrid));
          const rowid = integer(row.id);
          if (!svrid || rowid === null) continue;
          const entry = { file, rowid, rank: integer(row.rank) ?? -Infinity };
          const held = store.index.get(svrid);
          // By default the first file (and row) that has the id wins, as in CL's loops over the files; with
          // `newest`, a later row replaces it only when it ranks strictly higher.
          if (!held || (spec.newest !== undefined && entry.rank > held.rank)) store.index.set(svrid, entry);
        }
      } finally {
        db.close();
      }
    }
    return store;
  }

  get size(): number {
    return this.index.size;
  }

  /** The blob stored for this server id, or null when no file has it. */
  async bytesFor(svrid: string): Promise<Uint8Array | null> {
    const entry = this.index.get(svrid);
    if (!entry) return null;
    const db = await this.openFile(entry.file);
    const row = db.all<Record<string, Uint8Array | null>>(
      `SELECT "${this.spec.blobColumn}" AS data FROM "${this.spec.table}" WHERE rowid = ?`,
      [entry.rowid],
    )[0];
    const bytes = blob(row?.data);
    // Copy out of sql.js memory: the database is closed when another file is opened.
    return bytes ? Uint8Array.from(bytes) : null;
  }

  close(): void {
    this.current?.db.close();
    this.current = null;
  }

  private async openFile(file: number): Promise<SourceDb> {
    if (this.current?.file === file) return this.current.db;
    this.close();
    const db = await this.open(this.files[file]!);
    this.current = { file, db };
    return db;
  }
}

const AMR_MAGIC = Buffer.from('#!AMR', 'latin1');

/** SILK v3 (with or without WeChat's 0x02 prefix) unless the clip starts with the AMR magic (§7 item 8). */
export function voiceEncoding(bytes: Uint8Array): 'silk' | 'amr' {
  return Buffer.from(bytes.subarray(0, AMR_MAGIC.length)).equals(AMR_MAGIC) ? 'amr' : 'silk';
}
