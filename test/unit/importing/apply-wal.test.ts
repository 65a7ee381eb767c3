import { describe, expect, it } from 'vitest';
import { applyWal, walChecksum, type WalResult } from '../../../electron/core/importing/reader-kit/apply-wal';
import { all, loadSqlJs } from '../../../electron/core/db/sqlite';
import {
  WAL_VECTOR_CHECKPOINTED_ROWS,
  WAL_VECTOR_COMMITTED_FRAMES,
  WAL_VECTOR_DB,
  WAL_VECTOR_PAGE_COUNT,
  WAL_VECTOR_PAGE_SIZE,
  WAL_VECTOR_ROWS,
  WAL_VECTOR_UNCOMMITTED_FRAMES,
  WAL_VECTOR_WAL,
} from '../../fixtures/sqlite-wal-vector';
import { buildWal, changedPages, inWalMode, type WalTransaction } from '../../fixtures/sqlite-wal-writer';

const FRAME = 24 + WAL_VECTOR_PAGE_SIZE;

async function rowsOf(database: Uint8Array, sql = 'SELECT id, body FROM t ORDER BY id'): Promise<[number, string][]> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(database);
  try {
    return all<{ id: number; body: string }>(db, sql).map((r) => [r.id, r.body]);
  } finally {
    db.close();
  }
}

function appliedBytes(result: WalResult): Uint8Array {
  if (result.kind !== 'applied') throw new Error(`WAL ignored: ${result.reason}`);
  return result.bytes;
}

/** Three states of one small database, made with sql.js, so WAL frames can be built from their page diffs. */
async function threeStates(pageSize = 1024): Promise<[Uint8Array, Uint8Array, Uint8Array]> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA page_size = ${pageSize}`);
    db.run('CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT)');
    db.run("INSERT INTO t(body) VALUES ('base 基础')");
    const s0 = inWalMode(db.export());
    db.run("INSERT INTO t(body) VALUES ('first transaction 🙂')");
    db.run(`INSERT INTO t(body) VALUES ('${'grow '.repeat(400)}')`);
    const s1 = inWalMode(db.export());
    db.run("INSERT INTO t(body) VALUES ('second transaction, never durable')");
    const s2 = inWalMode(db.export());
    return [s0, s1, s2];
  } finally {
    db.close();
  }
}

function pagesOf(bytes: Uint8Array, pageSize: number): number {
  return bytes.length / pageSize;
}

describe('the WAL checksum (fileformat2 §4.5)', () => {
  it('reproduces the header checksum real SQLite wrote', () => {
    const view = new DataView(WAL_VECTOR_WAL.buffer, WAL_VECTOR_WAL.byteOffset, WAL_VECTOR_WAL.byteLength);
    expect(walChecksum(WAL_VECTOR_WAL.subarray(0, 24), false)).toEqual([view.getUint32(24), view.getUint32(28)]);
  });

  it('sums 32-bit words in pairs, wrapping at 2^32, in the byte order the magic names', () => {
    const words = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x01, 0, 0, 0]);
    // s0 = 0xffffffff; s1 = 1 + 0xffffffff = 0 (mod 2^32), read little-endian.
    expect(walChecksum(words, false)).toEqual([0xffffffff, 0]);
    // Big-endian: the second word is 0x01000000.
    expect(walChecksum(words, true)).toEqual([0xffffffff, 0x00ffffff]);
    expect(walChecksum(words, false, [1, 2])).toEqual([
      (1 + 0xffffffff + 2) >>> 0,
      (2 + 1 + ((1 + 0xffffffff + 2) >>> 0)) >>> 0,
    ]);
  });
});

describe('applying a WAL written by real SQLite', () => {
  it('reads the rows SQLite reads: both committed transactions, not the spilled uncommitted one', async () => {
    const result = applyWal(WAL_VECTOR_DB, WAL_VECTOR_WAL);
    expect(result).toMatchObject({
      kind: 'applied',
      framesApplied: WAL_VECTOR_COMMITTED_FRAMES,
      framesIgnored: WAL_VECTOR_UNCOMMITTED_FRAMES,
      pageCount: WAL_VECTOR_PAGE_COUNT,
    });
    const bytes = appliedBytes(result);
    expect(bytes.length).toBe(WAL_VECTOR_PAGE_COUNT * WAL_VECTOR_PAGE_SIZE);
    expect(await rowsOf(bytes)).toEqual(WAL_VECTOR_ROWS);
    // Without the WAL, only the checkpointed row is there.
    expect(await rowsOf(WAL_VECTOR_DB)).toEqual(WAL_VECTOR_CHECKPOINTED_ROWS);
  });

  it('leaves its inputs untouched and writes a plain (rollback-journal) header with the new page count', () => {
    const db = Uint8Array.from(WAL_VECTOR_DB);
    const wal = Uint8Array.from(WAL_VECTOR_WAL);
    const bytes = appliedBytes(applyWal(db, wal));
    expect(db).toEqual(Uint8Array.from(WAL_VECTOR_DB));
    expect(wal).toEqual(Uint8Array.from(WAL_VECTOR_WAL));
    expect([WAL_VECTOR_DB[18], WAL_VECTOR_DB[19]]).toEqual([2, 2]);
    expect([bytes[18], bytes[19]]).toEqual([1, 1]);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(28)).toBe(WAL_VECTOR_PAGE_COUNT);
  });

  it('stops at a frame cut short: the transaction it belonged to is dropped', async () => {
    // Cut inside frame 5, the commit frame of transaction B: only transaction A (frame 0) remains.
    const cut = WAL_VECTOR_WAL.subarray(0, 32 + 5 * FRAME + 100);
    const result = applyWal(WAL_VECTOR_DB, cut);
    expect(result).toMatchObject({ kind: 'applied', framesApplied: 1, framesIgnored: 4, pageCount: 2 });
    expect(await rowsOf(appliedBytes(result))).toEqual(WAL_VECTOR_ROWS.slice(0, 2));
  });

  it('stops at a frame whose page bytes changed after SQLite wrote its checksum', async () => {
    const wal = Uint8Array.from(WAL_VECTOR_WAL);
    // One byte of frame 3's page: the running checksum breaks there, so transaction B never commits.
    wal[32 + 3 * FRAME + 24 + 200]! ^= 0x01;
    const result = applyWal(WAL_VECTOR_DB, wal);
    expect(result).toMatchObject({ kind: 'applied', framesApplied: 1, framesIgnored: 9 });
    expect(await rowsOf(appliedBytes(result))).toEqual(WAL_VECTOR_ROWS.slice(0, 2));
  });
});

describe('applying a WAL built by the fixture writer', () => {
  it('applies a committed transaction and ignores a later one whose commit frame has a bad checksum', async () => {
    const [s0, s1, s2] = await threeStates();
    const transactions: WalTransaction[] = [
      { pages: changedPages(s0, s1, 1024), pageCount: pagesOf(s1, 1024) },
      { pages: changedPages(s1, s2, 1024), pageCount: pagesOf(s2, 1024), damage: 'checksum' },
    ];
    const result = applyWal(s0, buildWal({ pageSize: 1024 }, transactions));
    expect(result).toMatchObject({
      kind: 'applied',
      framesApplied: transactions[0]!.pages.size,
      framesIgnored: transactions[1]!.pages.size,
    });
    expect((await rowsOf(appliedBytes(result))).map(([id]) => id)).toEqual([1, 2, 3]);
    expect(s1.length).toBeGreaterThan(s0.length);
  });

  it('ignores a commit frame whose salt belongs to another WAL generation', async () => {
    const [s0, s1, s2] = await threeStates();
    const wal = buildWal({ pageSize: 1024 }, [
      { pages: changedPages(s0, s1, 1024), pageCount: pagesOf(s1, 1024) },
      { pages: changedPages(s1, s2, 1024), pageCount: pagesOf(s2, 1024), damage: 'salt' },
    ]);
    expect((await rowsOf(appliedBytes(applyWal(s0, wal)))).map(([id]) => id)).toEqual([1, 2, 3]);
  });

  it('applies both transactions when both are intact, with big-endian checksums too', async () => {
    const [s0, s1, s2] = await threeStates(4096);
    for (const bigEndianChecksum of [false, true]) {
      const wal = buildWal({ pageSize: 4096, bigEndianChecksum, checkpointSequence: 7 }, [
        { pages: changedPages(s0, s1, 4096), pageCount: pagesOf(s1, 4096) },
        { pages: changedPages(s1, s2, 4096), pageCount: pagesOf(s2, 4096) },
      ]);
      const result = applyWal(s0, wal);
      expect(result).toMatchObject({ kind: 'applied', framesIgnored: 0 });
      expect((await rowsOf(appliedBytes(result))).map(([id]) => id)).toEqual([1, 2, 3, 4]);
    }
  });
});

describe('WALs that SQLite would ignore', () => {
  it('ignores an empty or header-only WAL', () => {
    expect(applyWal(WAL_VECTOR_DB, new Uint8Array(0))).toEqual({ kind: 'ignored', reason: 'empty', framesIgnored: 0 });
    expect(applyWal(WAL_VECTOR_DB, WAL_VECTOR_WAL.subarray(0, 32))).toEqual({
      kind: 'ignored',
      reason: 'no-committed-frames',
      framesIgnored: 0,
    });
  });

  it('ignores a WAL that is still encrypted (no WAL magic)', () => {
    const noise = Uint8Array.from({ length: 32 + FRAME }, (_, i) => (i * 131 + 7) & 0xff);
    expect(applyWal(WAL_VECTOR_DB, noise)).toEqual({ kind: 'ignored', reason: 'not-a-wal', framesIgnored: 0 });
  });

  it('ignores a WAL whose header checksum or version is wrong', () => {
    const badSalt = Uint8Array.from(WAL_VECTOR_WAL);
    badSalt[17]! ^= 0xff;
    expect(applyWal(WAL_VECTOR_DB, badSalt)).toEqual({
      kind: 'ignored',
      reason: 'bad-header-checksum',
      framesIgnored: 0,
    });
    const badVersion = Uint8Array.from(WAL_VECTOR_WAL);
    badVersion[7] = 0;
    expect(applyWal(WAL_VECTOR_DB, badVersion)).toEqual({
      kind: 'ignored',
      reason: 'unsupported-version',
      framesIgnored: 0,
    });
  });

  it('ignores a WAL whose page size differs from the database', async () => {
    const [s0, s1] = await threeStates(1024);
    const wal = buildWal({ pageSize: 1024 }, [{ pages: changedPages(s0, s1, 1024), pageCount: pagesOf(s1, 1024) }]);
    expect(applyWal(WAL_VECTOR_DB, wal)).toMatchObject({ kind: 'ignored', reason: 'page-size-mismatch' });
  });
});
