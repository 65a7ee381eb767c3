/**
 * The mutations `npm run fuzz` applies to a copy of a fixture (issue 17, "A fuzzing harness that stays"). Each takes
 * the copy's folder, the file the import is pointed at and a seeded random source, changes the copy in place and
 * says in one line what it did, so that a failure can be read without re-running it.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import type { Database } from 'sql.js';
import { all, loadSqlJs, one } from '../../electron/core/db/sqlite';

export type MutationName =
  'truncate' | 'flip-bytes' | 'swap-pages' | 'giant-value' | 'deep-nesting' | 'symlink-out' | 'fifo';

export const MUTATIONS: readonly MutationName[] = [
  'truncate',
  'flip-bytes',
  'swap-pages',
  'giant-value',
  'deep-nesting',
  'symlink-out',
  'fifo',
];

export const PAGE = 4096;

/** A small, fast, seedable PRNG (mulberry32). */
export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

export function rngOf(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)]! };
}

/** The seed of one case: the run's seed and the case number mixed, so `--case N` reproduces case N alone. */
export function caseSeed(seed: number, caseNumber: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(caseNumber + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Every regular file under `dir` (symlinks and FIFOs left out), in a stable order. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) out.push(full);
    }
  };
  if (lstatSync(dir).isDirectory()) walk(dir);
  else out.push(dir);
  return out;
}

const isSqlite = (path: string): boolean => {
  try {
    return readFileSync(path).subarray(0, 15).toString('latin1') === 'SQLite format 3';
  } catch {
    return false;
  }
};

export interface MutationTarget {
  /** The copy's folder (everything the import may read). */
  root: string;
  /** The path handed to import.run: `root` itself, or a file inside it. */
  source: string;
  /** 'database' fixtures are folders of SQLite files; 'json'/'jsonl'/'text' exports are one file. */
  shape: 'database' | 'json' | 'jsonl' | 'text';
}

/** Which mutations make sense for a fixture of this shape on this platform. */
export function mutationsFor(shape: MutationTarget['shape']): MutationName[] {
  return MUTATIONS.filter((m) => {
    if (m === 'fifo' && process.platform === 'win32') return false;
    if (m === 'swap-pages') return shape === 'database';
    if (m === 'deep-nesting') return shape === 'json' || shape === 'jsonl';
    return true;
  });
}

/** The file a byte-level mutation hits: the source file itself, or (for a folder) mostly its databases. */
function victim(target: MutationTarget, rng: Rng, sqliteOnly = false): string {
  if (target.source !== target.root) return target.source;
  const all = filesUnder(target.root);
  const dbs = all.filter(isSqlite);
  if (sqliteOnly || (dbs.length > 0 && rng.next() < 0.8)) return rng.pick(dbs.length ? dbs : all);
  return rng.pick(all);
}

/** A huge string, or a number no reader should take at face value. */
function giantValue(rng: Rng): string | number {
  const choice = rng.int(6);
  if (choice === 0) return 'x'.repeat(8 * 1024 * 1024);
  if (choice === 1) return '长'.repeat(2 * 1024 * 1024) + '\u0000\uFFFF\uD800';
  if (choice === 2) return 1e308;
  if (choice === 3) return -(2 ** 53) - 3;
  if (choice === 4) return 1.7976931348623157e308 * 10; // Infinity: JSON.stringify writes null
  return Number('123456789012345678901234567890');
}

/**
 * A value for one cell of a source database: text far larger than any message (50 MB, or CJK with a lone surrogate),
 * a long blob, or a number at or past the edge of what SQLite or a JS number holds. Written as SQL literals where a
 * bound parameter would be converted on the way (64-bit integers).
 */
function giantCell(rng: Rng): { sql: string; params: (string | number | Uint8Array)[]; what: string } {
  const choice = rng.int(8);
  if (choice === 0) return { sql: '?', params: ['x'.repeat(50 * 1024 * 1024)], what: 'a 50 MiB text' };
  if (choice === 1)
    return {
      sql: '?',
      params: ['长'.repeat(3 * 1024 * 1024) + '\u0000\uFFFF\uD800'],
      what: 'a 3M-character CJK text with NUL, U+FFFF and a lone surrogate',
    };
  if (choice === 2) {
    const blob = new Uint8Array(16 * 1024 * 1024);
    for (let i = 0; i < blob.length; i += 4096) blob[i] = rng.int(256);
    return { sql: '?', params: [blob], what: 'a 16 MiB blob' };
  }
  if (choice === 3) return { sql: '9223372036854775807', params: [], what: 'the integer 2^63-1' };
  if (choice === 4) return { sql: '(-9223372036854775807 - 1)', params: [], what: 'the integer -2^63' };
  if (choice === 5) return { sql: '1e308', params: [], what: 'the real 1e308' };
  if (choice === 6) return { sql: '-1e308', params: [], what: 'the real -1e308' };
  return { sql: 'zeroblob(8 * 1024 * 1024)', params: [], what: 'an 8 MiB zero blob' };
}

/**
 * Puts a giant value (giantCell) in one cell of one row of a source database: mostly of its largest table (the
 * messages), mostly in a column whose name says it holds content. Returns what it did, or why nothing changed (a file
 * that does not open as a database, or has no row).
 */
async function giantValueInDatabase(target: MutationTarget, rng: Rng): Promise<string> {
  const file = victim(target, rng, true);
  if (!isSqlite(file)) return `${rel(target, file)} is not a database: nothing changed`;
  const SQL = await loadSqlJs();
  let db: Database;
  try {
    db = new SQL.Database(readFileSync(file));
  } catch {
    return `${rel(target, file)} does not open: nothing changed`;
  }
  try {
    const tables = all<{ name: string }>(
      db,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
      .map(({ name }) => {
        const quoted = `"${name.replaceAll('"', '""')}"`;
        try {
          return { name, quoted, rows: one<{ n: number }>(db, `SELECT count(*) AS n FROM ${quoted}`)!.n };
        } catch {
          return { name, quoted, rows: 0 };
        }
      })
      .filter((t) => t.rows > 0)
      .sort((a, b) => b.rows - a.rows);
    if (!tables.length) return `${rel(target, file)} has no rows: nothing changed`;
    const table = rng.next() < 0.6 ? tables[0]! : rng.pick(tables);
    const columns = all<{ name: string }>(db, `SELECT name FROM pragma_table_info(?)`, [table.name]).map((c) => c.name);
    const content = columns.filter((c) => /content|msg|text|data|buf|extra|message|xml/i.test(c));
    const column = content.length && rng.next() < 0.6 ? rng.pick(content) : rng.pick(columns);
    const row = rng.int(table.rows);
    const cell = giantCell(rng);
    try {
      db.run(
        `UPDATE ${table.quoted} SET "${column.replaceAll('"', '""')}" = ${cell.sql} WHERE rowid = (SELECT rowid FROM ${table.quoted} LIMIT 1 OFFSET ${row})`,
        cell.params,
      );
    } catch (error) {
      return `${rel(target, file)}: ${table.name}.${column} refused ${cell.what} (${(error as Error).message}): nothing changed`;
    }
    writeFileSync(file, db.export());
    return `put ${cell.what} in ${table.name}.${column}, row ${row + 1} of ${table.rows}, of ${rel(target, file)}`;
  } finally {
    db.close();
  }
}

/** Replaces one random leaf (string or number) of a parsed JSON value, in place; returns its path. */
function replaceLeaf(value: unknown, rng: Rng, make: () => unknown): string | null {
  const leaves: { parent: Record<string, unknown> | unknown[]; key: string | number; path: string }[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (depth > 50 || leaves.length > 20_000 || v === null || typeof v !== 'object') return;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, child] of entries) {
      if (typeof child === 'string' || typeof child === 'number')
        leaves.push({ parent: v as Record<string, unknown>, key: k, path: `${path}.${k}` });
      else walk(child, `${path}.${k}`, depth + 1);
    }
  };
  walk(value, '$', 0);
  if (leaves.length === 0) return null;
  const leaf = rng.pick(leaves);
  (leaf.parent as Record<string | number, unknown>)[leaf.key] = make();
  return leaf.path;
}

const DEEP_MARK = '"__locket_fuzz_deep__"';

/** Applies `name` to the copy; returns a one-line description of the change. */
export async function mutate(name: MutationName, target: MutationTarget, rng: Rng, outside: string): Promise<string> {
  switch (name) {
    case 'truncate': {
      const file = victim(target, rng);
      const bytes = readFileSync(file);
      const keep = rng.next() < 0.3 ? rng.int(Math.min(bytes.length, 200)) : rng.int(bytes.length);
      writeFileSync(file, bytes.subarray(0, keep));
      return `cut ${rel(target, file)} from ${bytes.length} to ${keep} bytes`;
    }
    case 'flip-bytes': {
      const file = victim(target, rng);
      const bytes = readFileSync(file);
      if (bytes.length === 0) return `${rel(target, file)} is empty: nothing flipped`;
      const n = 1 + rng.int(rng.next() < 0.5 ? 4 : 64);
      const at: number[] = [];
      for (let i = 0; i < n; i++) {
        // A third of the flips land in the first page (headers), where a reader decides what it is looking at.
        const pos = rng.next() < 0.33 ? rng.int(Math.min(bytes.length, PAGE)) : rng.int(bytes.length);
        bytes[pos] = bytes[pos]! ^ (1 + rng.int(255));
        at.push(pos);
      }
      writeFileSync(file, bytes);
      return `flipped ${n} bytes of ${rel(target, file)} at ${at.slice(0, 6).join(',')}${n > 6 ? ',…' : ''}`;
    }
    case 'swap-pages': {
      const file = victim(target, rng, true);
      const bytes = readFileSync(file);
      const pages = Math.floor(bytes.length / PAGE);
      if (pages < 2) return `${rel(target, file)} has ${pages} page(s): nothing swapped`;
      const a = rng.int(pages);
      let b = rng.int(pages - 1);
      if (b >= a) b++;
      const pa = Buffer.from(bytes.subarray(a * PAGE, (a + 1) * PAGE));
      bytes.copy(bytes, a * PAGE, b * PAGE, (b + 1) * PAGE);
      pa.copy(bytes, b * PAGE);
      writeFileSync(file, bytes);
      return `swapped pages ${a} and ${b} of ${rel(target, file)} (${pages} pages)`;
    }
    case 'giant-value': {
      if (target.shape === 'database') return giantValueInDatabase(target, rng);
      const file = target.source;
      const value = giantValue(rng);
      const what = typeof value === 'string' ? `a ${value.length}-character string` : `the number ${value}`;
      if (target.shape === 'json') {
        const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
        const path = replaceLeaf(parsed, rng, () => value);
        writeFileSync(file, JSON.stringify(parsed));
        return `put ${what} at ${path ?? '(no leaf)'} of ${rel(target, file)}`;
      }
      if (target.shape === 'jsonl') {
        const lines = readFileSync(file, 'utf8').split('\n');
        const i = rng.int(lines.length);
        try {
          const parsed: unknown = JSON.parse(lines[i]!);
          const path = replaceLeaf(parsed, rng, () => value);
          lines[i] = JSON.stringify(parsed);
          writeFileSync(file, lines.join('\n'));
          return `put ${what} at line ${i + 1} ${path ?? '(no leaf)'} of ${rel(target, file)}`;
        } catch {
          lines[i] = String(value);
          writeFileSync(file, lines.join('\n'));
          return `replaced line ${i + 1} of ${rel(target, file)} by ${what}`;
        }
      }
      // CSV / TXT: the value spliced into a random line, at a random place (inside a cell, or as one).
      const lines = readFileSync(file, 'utf8').split('\n');
      const i = 1 + rng.int(Math.max(1, lines.length - 1));
      const line = lines[i] ?? '';
      const at = rng.int(line.length + 1);
      lines[i] = line.slice(0, at) + String(value) + line.slice(at);
      writeFileSync(file, lines.join('\n'));
      return `spliced ${what} into line ${i + 1} of ${rel(target, file)}`;
    }
    case 'deep-nesting': {
      const file = target.source;
      const depth = rng.pick([1_000, 10_000, 100_000, 1_000_000]);
      const open = rng.next() < 0.5 ? '[' : '{"a":';
      const nested =
        open === '[' ? '['.repeat(depth) + ']'.repeat(depth) : `${open.repeat(depth)}1${'}'.repeat(depth)}`;
      const splice = (text: string): { text: string; path: string | null } => {
        const parsed: unknown = JSON.parse(text);
        const path = replaceLeaf(parsed, rng, () => '__locket_fuzz_deep__');
        return { text: JSON.stringify(parsed).replace(DEEP_MARK, nested), path };
      };
      if (target.shape === 'jsonl') {
        const lines = readFileSync(file, 'utf8').split('\n');
        const i = rng.int(lines.length);
        try {
          const { text, path } = splice(lines[i]!);
          lines[i] = text;
          writeFileSync(file, lines.join('\n'));
          return `nested ${depth} deep (${open}) at line ${i + 1} ${path ?? ''} of ${rel(target, file)}`;
        } catch {
          lines[i] = nested;
          writeFileSync(file, lines.join('\n'));
          return `replaced line ${i + 1} of ${rel(target, file)} by a value nested ${depth} deep`;
        }
      }
      if (rng.next() < 0.2) {
        writeFileSync(file, nested);
        return `replaced ${rel(target, file)} by a value nested ${depth} deep (${open})`;
      }
      const { text, path } = splice(readFileSync(file, 'utf8'));
      writeFileSync(file, text);
      return `nested ${depth} deep (${open}) at ${path ?? '(no leaf)'} of ${rel(target, file)}`;
    }
    case 'symlink-out': {
      const file =
        target.source !== target.root && rng.next() < 0.5 ? target.source : rng.pick(filesUnder(target.root));
      const to = rng.pick([outside, join(outside, '..'), '/etc/passwd', '/dev/zero', join(outside, 'missing')]);
      rmSync(file);
      symlinkSync(to, file);
      return `made ${rel(target, file)} a symlink to ${to}`;
    }
    case 'fifo': {
      const file =
        target.source !== target.root && rng.next() < 0.5 ? target.source : rng.pick(filesUnder(target.root));
      rmSync(file);
      execFileSync('mkfifo', [file]);
      return `made ${rel(target, file)} a FIFO`;
    }
  }
}

/** Every FIFO under `dir`. */
export function fifosUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let st;
    try {
      st = lstatSync(d);
    } catch {
      return;
    }
    if (st.isFIFO()) out.push(d);
    else if (st.isDirectory()) for (const name of readdirSync(d)) walk(join(d, name));
  };
  walk(dir);
  return out;
}

/**
 * Frees whoever is blocked reading a FIFO of the copy: opening its write end and closing it gives the reader EOF.
 * (A reader stuck in open() or read() on a FIFO holds a libuv thread for good otherwise.)
 */
export function releaseFifos(dir: string): void {
  for (const fifo of fifosUnder(dir)) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is reading it.
    }
  }
}

const rel = (target: MutationTarget, file: string): string => relative(target.root, file) || '(source file)';
