import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../electron/core/db/sqlite';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { generateAndroidBackup } from '../../fixtures/generate-android-backup';
import { generateExports } from '../../fixtures/generate-exports';
import { IOS_FIXTURE, generateIosBackup, storedPathOf } from '../../fixtures/generate-ios-backup';
import { generatePc4Backup } from '../../fixtures/generate-pc4-backup';
import { PC3_FACTS, generatePc3Backup } from '../../fixtures/generate-pc3-backup';
import { tempDir } from '../../helpers/temp-dir';

/** Incremental import (issue 19): what an earlier import read is not read again, and the report says so. */

const services: LocketService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.dispose();
});

async function newVault(): Promise<LocketService> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({ path: join(tempDir(), 'Incremental.locket'), passphrase: 'incremental passphrase' });
  services.push(service);
  return service;
}

async function messageCount(service: LocketService): Promise<number> {
  const conversations = await service['conversations.list']();
  return conversations.reduce((n, c) => n + c.messageCount, 0);
}

/**
 * Changes a database of the backup with SQL, as WeChat would: `sql` runs on the file's bytes and they are written
 * back (a new modification time, usually a new size).
 */
async function editDatabase(path: string, sql: string): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(readFileSync(path));
  db.exec(sql);
  writeFileSync(path, db.export());
  db.close();
}

/** Appends `n` text messages to a MSG table: copies of its newest text row with new ids, times and bodies. */
function appendMessages(n: number, firstSvrId: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(`
      CREATE TEMP TABLE t AS SELECT * FROM MSG WHERE Type = 1 ORDER BY localId DESC LIMIT 1;
      UPDATE t SET localId = (SELECT MAX(localId) FROM MSG) + 1, MsgSvrID = ${firstSvrId + i},
        CreateTime = CreateTime + ${60 * (i + 1)}, StrContent = 'new message ${i}';
      INSERT INTO MSG SELECT * FROM t;
      DROP TABLE t;`);
  }
  return rows.join('\n');
}

async function rowsIn(path: string, table: string): Promise<number> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(readFileSync(path));
  const n = db.exec(`SELECT COUNT(*) FROM ${table}`)[0]!.values[0]![0] as number;
  db.close();
  return n;
}

const rowsOf = (path: string) => rowsIn(path, 'MSG');

function accounted(report: { imported: number; duplicates: number; skipped: Record<string, number> }): number {
  return report.imported + report.duplicates + Object.values(report.skipped).reduce((sum, n) => sum + n, 0);
}

describe('importing a PC WeChat 3.x backup again', () => {
  it('reads nothing of an unchanged backup, adds nothing and says every file was unchanged', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const service = await newVault();
    const first = await service['import.run']({ paths: [accountRoot] });
    expect(first.unchanged).toBeUndefined();
    const stored = await messageCount(service);

    const again = await service['import.run']({ paths: [accountRoot] });
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(0);
    expect(again.skipped).toEqual({});
    const files = again.sources[0]!.files;
    expect(files.every((f) => f.unchanged)).toBe(true);
    expect(again.unchanged).toEqual({ files: files.length, rows: PC3_FACTS.messages });
    expect(again.sources[0]!.notRead).toBe(PC3_FACTS.messages);
    // Provenance: the SHA-256 recorded when the files were read.
    expect(files.map((f) => f.sha256)).toEqual(first.sources[0]!.files.map((f) => f.sha256));
    expect(await messageCount(service)).toBe(stored);
  });

  it('reads a grown database only past its mark: exactly the new messages, the rest counted as not read', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const service = await newVault();
    await service['import.run']({ paths: [accountRoot] });
    const stored = await messageCount(service);
    const msg1 = join(accountRoot, 'Msg/Multi/MSG1.db');
    await editDatabase(msg1, appendMessages(3, 880000001));

    const again = await service['import.run']({ paths: [accountRoot] });
    expect(again.imported).toBe(3);
    expect(again.duplicates).toBe(0);
    expect(again.skipped).toEqual({});
    const file = (path: string) => again.sources[0]!.files.find((f) => f.path === path)!;
    expect(file('Msg/Multi/MSG0.db')).toMatchObject({
      unchanged: true,
      notRead: PC3_FACTS.messagesPerFile['Msg/Multi/MSG0.db'],
    });
    expect(file('Msg/MicroMsg.db').unchanged).toBe(true);
    expect(file('Msg/Multi/MSG1.db').unchanged).toBeUndefined();
    expect(file('Msg/Multi/MSG1.db').notRead).toBe(PC3_FACTS.messagesPerFile['Msg/Multi/MSG1.db']);
    // The grown file is hashed in full again, for provenance.
    expect(file('Msg/Multi/MSG1.db').sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(again.unchanged!.rows).toBe(PC3_FACTS.messages);
    expect(await messageCount(service)).toBe(stored + 3);

    // And again: nothing new past the new mark.
    const third = await service['import.run']({ paths: [accountRoot] });
    expect(third.imported).toBe(0);
    expect(third.unchanged!.rows).toBe(PC3_FACTS.messages + 3);
  });

  it('reads a database edited in place below its mark in full, and dedupe keeps what was stored', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const service = await newVault();
    await service['import.run']({ paths: [accountRoot] });
    const stored = await messageCount(service);
    const msg1 = join(accountRoot, 'Msg/Multi/MSG1.db');
    // One row below the mark removed and one added: the count below the mark no longer proves the rows are the same.
    await editDatabase(
      msg1,
      `${appendMessages(1, 880000101)}\nDELETE FROM MSG WHERE localId = (SELECT MIN(localId) FROM MSG);`,
    );

    const again = await service['import.run']({ paths: [accountRoot] });
    expect(again.imported).toBe(1);
    const file = again.sources[0]!.files.find((f) => f.path === 'Msg/Multi/MSG1.db')!;
    expect(file.unchanged).toBeUndefined();
    expect(file.notRead).toBeUndefined();
    expect(accounted(again)).toBe(await rowsOf(msg1));
    expect(await messageCount(service)).toBe(stored + 1);
  });

  it('reads everything again with full, and says so', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const service = await newVault();
    const first = await service['import.run']({ paths: [accountRoot] });
    const again = await service['import.run']({ paths: [accountRoot], full: true });
    expect(again.full).toBe(true);
    expect(again.unchanged).toBeUndefined();
    expect(again.imported).toBe(0);
    expect(accounted(again)).toBe(accounted(first));
    expect(again.sources[0]!.files.some((f) => f.unchanged)).toBe(false);
    // What --full read is remembered: the next import reads nothing again.
    const third = await service['import.run']({ paths: [accountRoot] });
    expect(third.unchanged!.rows).toBe(PC3_FACTS.messages);
  });
});

describe('importing an Android database again', () => {
  it('reads a grown database past its msgId mark, and one edited below the mark in full', async () => {
    const { userDir } = await generateAndroidBackup(tempDir());
    const db = join(userDir, 'EnMicroMsg.db');
    const service = await newVault();
    await service['import.run']({ paths: [userDir] });
    const stored = await messageCount(service);
    const append = (svrId: number) => `
      CREATE TEMP TABLE t AS SELECT * FROM message WHERE type = 1 ORDER BY msgId DESC LIMIT 1;
      UPDATE t SET msgId = (SELECT MAX(msgId) FROM message) + 1, msgSvrId = ${svrId},
        createTime = createTime + 60000, content = 'new android message ${svrId}';
      INSERT INTO message SELECT * FROM t;
      DROP TABLE t;`;
    await editDatabase(db, append(990000001) + append(990000002));
    const grown = await service['import.run']({ paths: [userDir] });
    expect(grown.imported).toBe(2);
    expect(grown.duplicates).toBe(0);
    expect(grown.sources[0]!.notRead).toBe((await rowsIn(db, 'message')) - 2);
    expect(await messageCount(service)).toBe(stored + 2);

    await editDatabase(db, `${append(990000003)}\nDELETE FROM message WHERE msgId = (SELECT MIN(msgId) FROM message);`);
    const edited = await service['import.run']({ paths: [userDir] });
    expect(edited.imported).toBe(1);
    expect(edited.sources[0]!.notRead).toBeUndefined();
    expect(accounted(edited)).toBe(await rowsIn(db, 'message'));
  });
});

/** The first `Msg_<md5>` table of a WeChat 4.x message database that holds a plain text row (local_type 1). */
async function pc4TextTable(path: string): Promise<string> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(readFileSync(path));
  try {
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'Msg_*' ORDER BY name");
    for (const [name] of tables[0]?.values ?? []) {
      const text = db.exec(`SELECT 1 FROM "${String(name)}" WHERE local_type = 1 AND WCDB_CT_message_content IS NULL`);
      if (text.length > 0) return String(name);
    }
    throw new Error(`no text row in ${path}`);
  } finally {
    db.close();
  }
}

/** Appends `n` text messages to a 4.x chat table: copies of its newest plain text row with new ids, times and bodies. */
function appendPc4Messages(table: string, n: number, firstServerId: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(`
      CREATE TEMP TABLE t AS SELECT * FROM "${table}" WHERE local_type = 1 AND WCDB_CT_message_content IS NULL
        ORDER BY local_id DESC LIMIT 1;
      UPDATE t SET local_id = (SELECT MAX(local_id) FROM "${table}") + 1, server_id = ${firstServerId + i},
        create_time = create_time + ${3600 * (i + 1)}, sort_seq = sort_seq + ${3_600_000 * (i + 1)},
        message_content = 'new pc4 message ${i}';
      INSERT INTO "${table}" SELECT * FROM t;
      DROP TABLE t;`);
  }
  return rows.join('\n');
}

async function pc4Rows(path: string): Promise<number> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(readFileSync(path));
  try {
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'Msg_*'");
    let n = 0;
    for (const [name] of tables[0]?.values ?? [])
      n += db.exec(`SELECT COUNT(*) FROM "${String(name)}"`)[0]!.values[0]![0] as number;
    return n;
  } finally {
    db.close();
  }
}

describe('importing a WeChat 4.x account again', () => {
  it('reads a grown chat table only past its local_id mark, other message files not at all, and one edited below the mark in full', async () => {
    const { accountRoot } = await generatePc4Backup(tempDir());
    const service = await newVault();
    const first = await service['import.run']({ paths: [accountRoot] });
    const stored = await messageCount(service);
    const label = 'db_storage/message/message_0.db';
    const message0 = join(accountRoot, label);
    const rowsBefore = await pc4Rows(message0);
    const table = await pc4TextTable(message0);
    await editDatabase(message0, appendPc4Messages(table, 3, 770000001));

    const grown = await service['import.run']({ paths: [accountRoot] });
    expect(grown.imported).toBe(3);
    expect(grown.duplicates).toBe(0);
    expect(grown.skipped).toEqual({});
    const file = (report: typeof grown, path: string) => report.sources[0]!.files.find((f) => f.path === path)!;
    expect(file(grown, label).unchanged).toBeUndefined();
    expect(file(grown, label).notRead).toBe(rowsBefore);
    expect(file(grown, 'db_storage/message/biz_message_0.db').unchanged).toBe(true);
    // Every row the first import accounted for was not read again (the grown file's old rows and the other files').
    expect(grown.unchanged!.rows).toBe(accounted(first));
    expect(await messageCount(service)).toBe(stored + 3);

    const same = await service['import.run']({ paths: [accountRoot] });
    expect(same.imported + same.duplicates).toBe(0);
    expect(same.unchanged!.rows).toBe(accounted(first) + 3);

    // A row below the mark removed and one added: the count below the mark no longer proves the rows are the same,
    // so that table is read in full; the file's other chat tables still resume past their own marks.
    const tableRows = await rowsIn(message0, `"${table}"`);
    const otherTables = rowsBefore + 3 - tableRows;
    expect(otherTables).toBeGreaterThan(0);
    await editDatabase(
      message0,
      `${appendPc4Messages(table, 1, 770000101)}\nDELETE FROM "${table}" WHERE local_id = (SELECT MIN(local_id) FROM "${table}");`,
    );
    const edited = await service['import.run']({ paths: [accountRoot] });
    expect(edited.imported).toBe(1);
    expect(edited.duplicates).toBe(tableRows - 1);
    expect(file(edited, label).notRead).toBe(otherTables);
    expect(await messageCount(service)).toBe(stored + 4);
  });
});

/**
 * The first `Chat_<md5>` table of an iPhone message database with a plain text row the owner sent (Type 1, Des 0, no
 * compression tag), and the condition that picks such a row.
 */
async function iosTextTable(path: string): Promise<{ table: string; plain: string }> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(readFileSync(path));
  try {
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'Chat_*' ORDER BY name");
    for (const [name] of tables[0]?.values ?? []) {
      const table = String(name);
      const columns = db.exec(`PRAGMA table_info("${table}")`)[0]!.values.map((c) => String(c[1]));
      const plain = `Type = 1 AND Des = 0${columns.includes('WCDB_CT_Message') ? ' AND WCDB_CT_Message IS NULL' : ''}`;
      if (!columns.includes('Type')) continue;
      if (db.exec(`SELECT 1 FROM "${table}" WHERE ${plain}`).length > 0) return { table, plain };
    }
    throw new Error(`no plain text row in ${path}`);
  } finally {
    db.close();
  }
}

/** Appends `n` text messages to an iPhone chat table: copies of a plain text row with new ids, times and bodies. */
function appendIosMessages({ table, plain }: { table: string; plain: string }, n: number, firstSvrId: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(`
      CREATE TEMP TABLE t AS SELECT * FROM "${table}" WHERE ${plain} ORDER BY MesLocalID DESC LIMIT 1;
      UPDATE t SET MesLocalID = (SELECT MAX(MesLocalID) FROM "${table}") + 1, MesSvrID = ${firstSvrId + i},
        CreateTime = CreateTime + ${3600 * (i + 1)}, Message = 'new iphone message ${i}';
      INSERT INTO "${table}" SELECT * FROM t;
      DROP TABLE t;`);
  }
  return rows.join('\n');
}

describe('importing an iPhone backup again', () => {
  it('reads a grown chat table only past its MesLocalID mark, other message databases not at all, and one edited below the mark in full', async () => {
    const { root } = await generateIosBackup(tempDir());
    const service = await newVault();
    const first = await service['import.run']({ paths: [root] });
    const stored = await messageCount(service);
    const label = storedPathOf(`Documents/${IOS_FIXTURE.account}/DB/MM.sqlite`);
    const other = storedPathOf(`Documents/${IOS_FIXTURE.account}/DB/message_1.sqlite`);
    const mm = join(root, label);
    const chat = await iosTextTable(mm);
    const chatRowsBefore = await rowsIn(mm, `"${chat.table}"`);
    await editDatabase(mm, appendIosMessages(chat, 2, 660000001));

    const grown = await service['import.run']({ paths: [root] });
    expect(grown.imported).toBe(2);
    expect(grown.duplicates).toBe(0);
    expect(grown.skipped).toEqual({});
    const file = (report: typeof grown, path: string) => report.sources[0]!.files.find((f) => f.path === path)!;
    expect(file(grown, label).unchanged).toBeUndefined();
    expect(file(grown, other).unchanged).toBe(true);
    expect(grown.unchanged!.rows).toBe(accounted(first));
    expect(await messageCount(service)).toBe(stored + 2);

    const same = await service['import.run']({ paths: [root] });
    expect(same.imported + same.duplicates).toBe(0);
    expect(same.unchanged!.rows).toBe(accounted(first) + 2);

    // A row of the chat below its mark removed and one added: that chat is read in full, the others past their marks.
    await editDatabase(
      mm,
      `${appendIosMessages(chat, 1, 660000101)}\nDELETE FROM "${chat.table}" WHERE MesLocalID = (SELECT MIN(MesLocalID) FROM "${chat.table}");`,
    );
    const edited = await service['import.run']({ paths: [root] });
    expect(edited.imported).toBe(1);
    expect(edited.duplicates).toBe(chatRowsBefore + 2 - 1);
    expect(await messageCount(service)).toBe(stored + 3);
  });
});

describe('importing a source of another reader again', () => {
  it.each([
    ['pc4', async (dir: string) => (await generatePc4Backup(dir)).accountRoot],
    ['android', async (dir: string) => (await generateAndroidBackup(dir)).userDir],
  ] as const)('does not read an unchanged %s source, and counts its rows as not read', async (_format, make) => {
    const source = await make(tempDir());
    const service = await newVault();
    const first = await service['import.run']({ paths: [source] });
    const again = await service['import.run']({ paths: [source] });
    expect(again.imported + again.duplicates).toBe(0);
    expect(again.sources[0]!.files.every((f) => f.unchanged)).toBe(true);
    expect(again.unchanged).toEqual({ files: again.sources[0]!.files.length, rows: accounted(first) });
  });
});

describe('importing an export file again', () => {
  it('does not read an unchanged export file, and reads one that changed in full', async () => {
    const { chatLabGroupJson } = generateExports(tempDir());
    const service = await newVault();
    const first = await service['import.run']({ paths: [chatLabGroupJson] });
    expect(first.imported).toBeGreaterThan(0);

    const again = await service['import.run']({ paths: [chatLabGroupJson] });
    expect(again.imported + again.duplicates).toBe(0);
    expect(again.sources[0]!.files[0]).toMatchObject({ unchanged: true, notRead: accounted(first) });
    expect(again.unchanged).toEqual({ files: 1, rows: accounted(first) });

    // Touched (a new modification time): read in full, every row a duplicate.
    writeFileSync(chatLabGroupJson, readFileSync(chatLabGroupJson));
    const touched = await service['import.run']({ paths: [chatLabGroupJson] });
    expect(touched.unchanged).toBeUndefined();
    expect(accounted(touched)).toBe(accounted(first));
    expect(touched.imported).toBe(0);
  });
});
